//===--- LinkModules.cpp - keep every clang-tidy module in the binary ----===//
//
// Modules register themselves from static initialisers in static libraries;
// a linker keeps such an object file only when something references it. The
// anchors below reference clang-tidy's upstream modules (so `--checks` takes
// any upstream check) and asynclint's own module.
//
//===----------------------------------------------------------------------===//
#include <clang-tidy/ClangTidyForceLinker.h>

namespace clang::tidy {
extern volatile int AsyncLintModuleAnchorSource;
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables)
[[maybe_unused]] static int AsyncLintToolAnchor = AsyncLintModuleAnchorSource;
} // namespace clang::tidy
