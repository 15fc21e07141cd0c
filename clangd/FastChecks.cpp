//===--- FastChecks.cpp - the async-* checks run by default --------------===//
//
// clangd 18+ runs only the clang-tidy checks its built-in table lists as fast,
// unless the user's clangd configuration says `FastCheckFilter: None`; a
// check the table does not know is dropped with nothing more than a log line.
// The users of this binary configure their checks in .clang-tidy only, so the
// link wraps clangd's isFastTidyCheck() (CMakeLists.txt: --wrap) and answers
// "fast" for the checks of this module; bench/clangd-latency.sh measures
// what they cost on every edit. Every other check keeps clangd's answer.
//
//===----------------------------------------------------------------------===//
#include <llvm/ADT/StringRef.h>

#include <optional>

// The linker resolves clangd's calls of isFastTidyCheck to the wrapper, and
// the "real" name to clangd's definition.
// ASYNCLINT_FAST_CHECK_SYMBOL is its mangled name (ClangdLibraries.cmake).
std::optional<bool>
realIsFastTidyCheck(llvm::StringRef Check) __asm__("__real_" ASYNCLINT_FAST_CHECK_SYMBOL);
std::optional<bool>
wrappedIsFastTidyCheck(llvm::StringRef Check) __asm__("__wrap_" ASYNCLINT_FAST_CHECK_SYMBOL);

std::optional<bool> wrappedIsFastTidyCheck(llvm::StringRef Check) {
  if (Check.starts_with("async-"))
    return true;
  return realIsFastTidyCheck(Check);
}
