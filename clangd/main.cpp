//===--- main.cpp - asynclint-clangd: clangd with the async-* checks -----===//
//
// The whole of clangd (clangdMain of the LLVM the build uses, with every
// clang-tidy module) plus asynclint's module, registered by linking it. What
// differs from stock clangd is small and deliberate:
//  - `--version` and `--help` first say what this binary is (Identity.cpp);
//  - Clang's builtin headers come from the LLVM it was built against unless
//    `--resource-dir` is given (ResourceDir.cpp);
//  - the async-* checks count as fast checks (FastChecks.cpp), so they run
//    with no clangd configuration.
//
//===----------------------------------------------------------------------===//
#include "Identity.h"
#include "ResourceDir.h"

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/raw_ostream.h>

#include <string>
#include <vector>

namespace clang::clangd {
// Defined in libclangdMain.a; LLVM installs no header for it.
int clangdMain(int argc, char *argv[]);
} // namespace clang::clangd

namespace clang::tidy {
// The anchor of asynclint's module: referencing it keeps the module's
// registration in the link.
extern volatile int AsyncLintModuleAnchorSource;
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables)
[[maybe_unused]] static int AsyncLintClangdAnchor = AsyncLintModuleAnchorSource;
} // namespace clang::tidy

static bool hasFlag(const std::vector<char *> &Args, llvm::StringRef Name) {
  for (size_t I = 1; I < Args.size(); ++I) {
    llvm::StringRef Arg = Args[I];
    if (Arg == "-" + Name.str() || Arg == "--" + Name.str())
      return true;
  }
  return false;
}

int main(int argc, char *argv[]) {
  std::vector<char *> Args(argv, argv + argc);
  if (hasFlag(Args, "version"))
    asynclint::clangd::printIdentity(llvm::outs());
  else if (hasFlag(Args, "help") || hasFlag(Args, "help-hidden") || hasFlag(Args, "help-list"))
    asynclint::clangd::printHelpPreface(llvm::outs());
  llvm::outs().flush();

  std::string ResourceDirFlag = asynclint::clangd::resourceDirFlag(Args);
  if (!ResourceDirFlag.empty())
    Args.insert(Args.begin() + 1, ResourceDirFlag.data());
  Args.push_back(nullptr);
  return clang::clangd::clangdMain(static_cast<int>(Args.size() - 1), Args.data());
}
