# build/test-corpus/compile_commands.json: the corpus as a compile database,
# for `asynclint check -p build/test-corpus` (scripts/run-example.sh, the
# benchmark and the tool's tests).
add_executable(asynclint-make-corpus-database
  ${CMAKE_CURRENT_SOURCE_DIR}/corpus/MakeCorpusDatabase.cpp)
target_link_libraries(asynclint-make-corpus-database PRIVATE asynclint_corpus_harness
                      nlohmann_json::nlohmann_json asynclint_warnings)
set_target_properties(asynclint-make-corpus-database PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})

file(GLOB_RECURSE _asynclint_corpus_sources CONFIGURE_DEPENDS
     ${PROJECT_SOURCE_DIR}/test-corpus/*.cpp ${PROJECT_SOURCE_DIR}/test-corpus/*.h
     ${PROJECT_SOURCE_DIR}/test-corpus/*.hpp)
set(ASYNCLINT_CORPUS_DATABASE_DIR ${PROJECT_BINARY_DIR}/test-corpus)
add_custom_command(
  OUTPUT ${ASYNCLINT_CORPUS_DATABASE_DIR}/compile_commands.json
  COMMAND asynclint-make-corpus-database ${PROJECT_SOURCE_DIR}/test-corpus
          ${ASYNCLINT_CLANGXX} ${ASYNCLINT_CORPUS_DATABASE_DIR}/compile_commands.json
  DEPENDS asynclint-make-corpus-database ${_asynclint_corpus_sources}
  COMMENT "Writing the corpus compile database"
  VERBATIM)
add_custom_target(asynclint_corpus_database ALL
  DEPENDS ${ASYNCLINT_CORPUS_DATABASE_DIR}/compile_commands.json)
