# Finds the LLVM/Clang installation asynclint builds against and describes it
# as targets:
#   asynclint_clang_headers  - include paths and definitions for code using the
#                              Clang AST and clang-tidy headers; links nothing,
#                              so a clang-tidy plugin takes every symbol from
#                              the clang-tidy executable that loads it.
#   asynclint_clang_tidy_libs - clang-tidy's static libraries with libclang-cpp
#                              and libLLVM, for executables that run the checks
#                              in process (the asynclint tool, unit tests).
# One variable, ASYNCLINT_LLVM_ROOT, points the build at another LLVM (16-22;
# 16, 19 and 22 are tested):
#   cmake -DASYNCLINT_LLVM_ROOT=/usr/lib/llvm-22 ...


find_package(LLVM REQUIRED CONFIG PATHS "${ASYNCLINT_LLVM_ROOT}/lib/cmake/llvm" NO_DEFAULT_PATH)
find_package(Clang REQUIRED CONFIG PATHS "${ASYNCLINT_LLVM_ROOT}/lib/cmake/clang" NO_DEFAULT_PATH)
if(LLVM_VERSION_MAJOR VERSION_LESS 16 OR LLVM_VERSION_MAJOR VERSION_GREATER 22)
  message(FATAL_ERROR "asynclint supports LLVM 16 to 22; ${ASYNCLINT_LLVM_ROOT} is LLVM ${LLVM_PACKAGE_VERSION}")
endif()
message(STATUS "asynclint: building against LLVM ${LLVM_PACKAGE_VERSION} at ${ASYNCLINT_LLVM_ROOT}")
# scripts/test-llvm-versions.sh proves these (Debian 12's packages); the others
# in the range are expected to work but nobody has built them.
if(NOT LLVM_VERSION_MAJOR MATCHES "^(16|19|22)$")
  message(WARNING "asynclint is tested with LLVM 16, 19 and 22; LLVM ${LLVM_VERSION_MAJOR} is untested")
endif()

find_program(ASYNCLINT_CLANG_TIDY NAMES clang-tidy PATHS "${LLVM_TOOLS_BINARY_DIR}" NO_DEFAULT_PATH REQUIRED)
find_program(ASYNCLINT_CLANGXX NAMES clang++ PATHS "${LLVM_TOOLS_BINARY_DIR}" NO_DEFAULT_PATH)
find_program(ASYNCLINT_RUN_CLANG_TIDY NAMES run-clang-tidy run-clang-tidy.py
             PATHS "${LLVM_TOOLS_BINARY_DIR}" "${ASYNCLINT_LLVM_ROOT}/share/clang" NO_DEFAULT_PATH)

add_library(asynclint_clang_headers INTERFACE)
target_include_directories(asynclint_clang_headers SYSTEM INTERFACE
                           ${LLVM_INCLUDE_DIRS} ${CLANG_INCLUDE_DIRS})
separate_arguments(_asynclint_llvm_defs NATIVE_COMMAND "${LLVM_DEFINITIONS}")
target_compile_definitions(asynclint_clang_headers INTERFACE ${_asynclint_llvm_defs})
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC misreads inlined Clang AST accessors as null dereferences.
  target_compile_options(asynclint_clang_headers INTERFACE -Wno-nonnull)
endif()
if(NOT LLVM_ENABLE_RTTI)
  target_compile_options(asynclint_clang_headers INTERFACE -fno-rtti)
endif()

# clang-tidy's libraries are linked by path: their CMake targets drag in the
# static clang libraries, which would duplicate what libclang-cpp provides.
set(_asynclint_tidy_lib_names
    clangTidyMain clangTidyPlugin
    clangTidyAbseilModule clangTidyAlteraModule clangTidyAndroidModule clangTidyBoostModule
    clangTidyBugproneModule clangTidyCERTModule clangTidyConcurrencyModule
    clangTidyCppCoreGuidelinesModule clangTidyDarwinModule clangTidyFuchsiaModule
    clangTidyGoogleModule clangTidyHICPPModule clangTidyLinuxKernelModule clangTidyLLVMModule
    clangTidyLLVMLibcModule clangTidyMiscModule clangTidyModernizeModule clangTidyMPIModule
    clangTidyObjCModule clangTidyOpenMPModule clangTidyPerformanceModule
    clangTidyPortabilityModule clangTidyReadabilityModule clangTidyZirconModule
    clangTidyUtils clangTidy)
set(_asynclint_tidy_libs)
foreach(_lib IN LISTS _asynclint_tidy_lib_names)
  set(_path "${LLVM_LIBRARY_DIR}/lib${_lib}.a")
  if(EXISTS "${_path}")
    list(APPEND _asynclint_tidy_libs "${_path}")
  endif()
endforeach()
# Tooling pieces clang-tidy uses that libclang-cpp does not export on every version.
foreach(_lib clangIncludeCleaner clangToolingInclusionsStdlib)
  if(EXISTS "${LLVM_LIBRARY_DIR}/lib${_lib}.a")
    list(APPEND _asynclint_tidy_libs "${LLVM_LIBRARY_DIR}/lib${_lib}.a")
  endif()
endforeach()

add_library(asynclint_clang_tidy_libs INTERFACE)
target_link_libraries(asynclint_clang_tidy_libs INTERFACE
  asynclint_clang_headers
  -Wl,--start-group ${_asynclint_tidy_libs} -Wl,--end-group
  clang-cpp LLVM)
