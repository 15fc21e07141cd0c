# Finds what linking a clangd takes from the LLVM the build uses
# (ASYNCLINT_LLVM_ROOT) and sets:
#   ASYNCLINT_CLANGD_MISSING  - why asynclint-clangd cannot be built (empty when it can)
#   ASYNCLINT_CLANGD_ARCHIVES - clangd's static libraries, by path
#   ASYNCLINT_CLANGD_TWEAKS   - libclangDaemonTweaks.a: its code actions register
#                               from static initialisers, so it is linked whole
#   ASYNCLINT_CLANGD_SYSTEM_LIBS - the shared libraries clangd's remote-index
#                               client needs (gRPC, protobuf, absl) when that LLVM
#                               was built with it, as Debian's is
#   ASYNCLINT_CLANGD_WRAPS_FAST_CHECKS - clangd has a fast-check table
#                               (clangd 18+), to be wrapped at link time
#   ASYNCLINT_PREAMBLE_BUILD_SYMBOL, ASYNCLINT_PREAMBLE_STORAGE_PATH,
#   ASYNCLINT_PREAMBLE_SHARED_DIAGNOSTICS - PrecompiledPreamble::Build as
#                               clangd calls it, to be wrapped at link time
# The libraries are linked by path, as clang-tidy's are (AsyncLintLLVM.cmake):
# their CMake targets would drag in static copies of libclang-cpp.

set(ASYNCLINT_CLANGD_MISSING "")
set(ASYNCLINT_CLANGD_ARCHIVES "")
set(ASYNCLINT_CLANGD_SYSTEM_LIBS "")
set(ASYNCLINT_CLANGD_WRAPS_FAST_CHECKS OFF)

foreach(_lib clangdMain clangDaemon clangDaemonTweaks clangdSupport)
  if(NOT EXISTS "${LLVM_LIBRARY_DIR}/lib${_lib}.a")
    string(APPEND ASYNCLINT_CLANGD_MISSING " lib${_lib}.a")
  endif()
endforeach()
if(ASYNCLINT_CLANGD_MISSING)
  set(ASYNCLINT_CLANGD_MISSING "${LLVM_LIBRARY_DIR} has no${ASYNCLINT_CLANGD_MISSING}")
  return()
endif()
set(ASYNCLINT_CLANGD_TWEAKS "${LLVM_LIBRARY_DIR}/libclangDaemonTweaks.a")

# The remote index and pseudo-parser pieces exist only in some LLVM builds;
# an archive nothing references costs the linker nothing.
foreach(_lib clangdMain clangDaemon clangdSupport
             clangdRemoteIndex clangdRemoteIndexProto clangdRemoteIndexServiceProto
             clangdRemoteMarshalling clangdMonitoringServiceProto
             clangPseudo clangPseudoCLI clangPseudoCXX clangPseudoGrammar)
  if(EXISTS "${LLVM_LIBRARY_DIR}/lib${_lib}.a")
    list(APPEND ASYNCLINT_CLANGD_ARCHIVES "${LLVM_LIBRARY_DIR}/lib${_lib}.a")
  endif()
endforeach()

# The remote-index protocol libraries name their dependencies the way the
# LLVM build found them ("protobuf;grpc++;absl_synchronization;..."). Debian's
# runtime packages (the ones clangd-N itself depends on) ship only versioned
# names, libgrpc++.so.1.51, so a -dev package is not required: the versioned
# file is taken when the unversioned one is absent (the first in version
# order, should several be installed).
if(TARGET clangdRemoteIndexProto)
  get_target_property(_proto_deps clangdRemoteIndexProto INTERFACE_LINK_LIBRARIES)
  foreach(_dep IN LISTS _proto_deps)
    if(TARGET "${_dep}" OR _dep MATCHES "^\\$<")
      continue()
    endif()
    # Some LLVM builds name them as CMake package targets: gRPC::grpc++,
    # protobuf::libprotobuf.
    string(REGEX REPLACE "^.*::(lib)?" "" _dep "${_dep}")
    string(MAKE_C_IDENTIFIER "ASYNCLINT_LIB_${_dep}" _var)
    find_library(${_var} NAMES ${_dep})
    if(NOT ${_var})
      file(GLOB _versioned "/usr/lib/${CMAKE_LIBRARY_ARCHITECTURE}/lib${_dep}.so.*"
                           "/usr/lib/lib${_dep}.so.*" "/usr/local/lib/lib${_dep}.so.*")
      list(SORT _versioned COMPARE NATURAL)
      if(_versioned)
        list(GET _versioned 0 _shortest) # libgrpc++.so.1.51 sorts before libgrpc++.so.1.51.1
        set(${_var} "${_shortest}" CACHE FILEPATH "lib${_dep} for asynclint-clangd" FORCE)
      endif()
    endif()
    if(NOT ${_var})
      set(ASYNCLINT_CLANGD_MISSING
          "clangd's remote index needs lib${_dep}, not found (scripts/install-deps.sh installs "
          "clangd-${LLVM_VERSION_MAJOR}, which brings it)")
      return()
    endif()
    list(APPEND ASYNCLINT_CLANGD_SYSTEM_LIBS "${${_var}}")
  endforeach()
endif()

# Two functions clangd calls across object files are interposed at link time
# (--wrap): isFastTidyCheck, asked by ParsedAST.cpp (clangd 18+ runs only the
# checks its table knows to be fast unless the user configures otherwise;
# FastChecks.cpp), and PrecompiledPreamble::Build, called by Preamble.cpp
# (the preamble keeps the bodies of the project's headers; PreambleBodies.cpp).
execute_process(COMMAND ${CMAKE_NM} "${LLVM_LIBRARY_DIR}/libclangDaemon.a"
                OUTPUT_VARIABLE _daemon_symbols ERROR_QUIET)
set(ASYNCLINT_CLANGD_FAST_CHECK_SYMBOL "_ZN5clang6clangd15isFastTidyCheckEN4llvm9StringRefE")
string(FIND "${_daemon_symbols}" " T ${ASYNCLINT_CLANGD_FAST_CHECK_SYMBOL}" _at)
if(NOT _at EQUAL -1)
  set(ASYNCLINT_CLANGD_WRAPS_FAST_CHECKS ON)
endif()
string(REGEX MATCH " U (_ZN5clang19PrecompiledPreamble5Build[A-Za-z0-9_]*)" _build "${_daemon_symbols}")
set(ASYNCLINT_PREAMBLE_BUILD_SYMBOL "${CMAKE_MATCH_1}")
if(NOT ASYNCLINT_PREAMBLE_BUILD_SYMBOL)
  set(ASYNCLINT_CLANGD_MISSING "libclangDaemon.a does not call PrecompiledPreamble::Build")
  return()
endif()
# Its parameters changed: a StringRef StoragePath (LLVM 18), the diagnostics
# engine by IntrusiveRefCntPtr (LLVM 21).
string(FIND "${ASYNCLINT_PREAMBLE_BUILD_SYMBOL}" "StringRef" _at)
if(_at EQUAL -1)
  set(ASYNCLINT_PREAMBLE_STORAGE_PATH 0)
else()
  set(ASYNCLINT_PREAMBLE_STORAGE_PATH 1)
endif()
string(FIND "${ASYNCLINT_PREAMBLE_BUILD_SYMBOL}" "IntrusiveRefCntPtrINS_17DiagnosticsEngine" _at)
if(_at EQUAL -1)
  set(ASYNCLINT_PREAMBLE_SHARED_DIAGNOSTICS 0)
else()
  set(ASYNCLINT_PREAMBLE_SHARED_DIAGNOSTICS 1)
endif()
