//===--- Identity.h - what asynclint-clangd says it is -------------------===//
#pragma once

#include <llvm/Support/raw_ostream.h>

#include <string>
#include <vector>

namespace asynclint::clangd {

/// The checks linked in besides clang-tidy's own: "async-blocking-in-coroutine", ...
std::vector<std::string> asyncCheckNames();

/// The first line of `--version` (clangd's own lines follow).
void printIdentity(llvm::raw_ostream &OS);

/// Printed before clangd's `--help`.
void printHelpPreface(llvm::raw_ostream &OS);

} // namespace asynclint::clangd
