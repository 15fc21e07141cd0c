// clang-tidy's build generates this header; the installed LLVM does not ship
// it, but ClangTidyForceLinker.h includes it. Debian's (and LLVM's default)
// clang-tidy is built with the static analyzer, so its MPI module exists.
#pragma once
#define CLANG_TIDY_ENABLE_STATIC_ANALYZER 1
