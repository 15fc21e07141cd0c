//===--- PluginAnchor.cpp - entry of the clang-tidy plugin ----------------===//
//
// The plugin is the checks library linked whole; registering the module
// happens in a static initialiser of AsyncLintModule.cpp. This file only keeps
// a reference to it so no linker may consider the module unused.
//
//===----------------------------------------------------------------------===//
namespace clang::tidy {
extern volatile int AsyncLintModuleAnchorSource;
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables)
[[maybe_unused]] static int AsyncLintPluginAnchor = AsyncLintModuleAnchorSource;
} // namespace clang::tidy
