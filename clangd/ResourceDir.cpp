//===--- ResourceDir.cpp --------------------------------------------------===//
#include "ResourceDir.h"

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/FileSystem.h>

namespace asynclint::clangd {

std::string resourceDirFlag(const std::vector<char *> &Args) {
  for (size_t I = 1; I < Args.size(); ++I) {
    llvm::StringRef Arg = Args[I];
    if (Arg.starts_with("-resource-dir") || Arg.starts_with("--resource-dir"))
      return "";
  }
  llvm::StringRef Builtin = ASYNCLINT_CLANG_RESOURCE_DIR;
  if (!llvm::sys::fs::is_directory(Builtin + "/include"))
    return "";
  return "--resource-dir=" + Builtin.str();
}

} // namespace asynclint::clangd
