# `cmake --install`: the tool in bin/, the clang-tidy plugin in lib/, the
# catalog (installed by catalog/), the check pages and the pre-commit
# hook definition in share/asynclint/, and a CMake package so that
# find_package(asynclint) gives asynclint::asynclint and asynclint::plugin.
include(CMakePackageConfigHelpers)

install(TARGETS asynclint RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS AsyncLint LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DATADIR}/asynclint/docs
        FILES_MATCHING PATTERN "*.md")
install(FILES ${PROJECT_SOURCE_DIR}/.pre-commit-hooks.yaml DESTINATION ${CMAKE_INSTALL_DATADIR}/asynclint)

set(ASYNCLINT_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/asynclint)
configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/asynclintConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/asynclintConfig.cmake
  INSTALL_DESTINATION ${ASYNCLINT_CMAKE_DIR}
  PATH_VARS CMAKE_INSTALL_BINDIR CMAKE_INSTALL_LIBDIR CMAKE_INSTALL_DATADIR)
write_basic_package_version_file(
  ${CMAKE_CURRENT_BINARY_DIR}/asynclintConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/asynclintConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/asynclintConfigVersion.cmake
        DESTINATION ${ASYNCLINT_CMAKE_DIR})
