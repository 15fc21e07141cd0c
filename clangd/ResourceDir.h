//===--- ResourceDir.h - Clang's builtin headers for clangd --------------===//
#pragma once

#include <string>
#include <vector>

namespace asynclint::clangd {

/// "--resource-dir=<dir>" naming the builtin headers (stddef.h, ...) of the
/// LLVM this binary was built against, or "" when the command line already
/// names a resource directory or that one is gone. clangd derives the
/// directory from its own path, which is wrong outside LLVM's bin/.
std::string resourceDirFlag(const std::vector<char *> &Args);

} // namespace asynclint::clangd
