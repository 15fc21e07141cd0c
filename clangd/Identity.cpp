//===--- Identity.cpp -----------------------------------------------------===//
#include "Identity.h"

#include <clang-tidy/ClangTidyModule.h>
#include <llvm/Config/llvm-config.h>
#if LLVM_VERSION_MAJOR < 22 // the registry moved into ClangTidyModule.h
#include <clang-tidy/ClangTidyModuleRegistry.h>
#endif

#include <algorithm>

namespace asynclint::clangd {

std::vector<std::string> asyncCheckNames() {
  clang::tidy::ClangTidyCheckFactories Factories;
  for (const auto &Entry : clang::tidy::ClangTidyModuleRegistry::entries())
    Entry.instantiate()->addCheckFactories(Factories);
  std::vector<std::string> Names;
  for (const auto &Factory : Factories)
    if (Factory.getKey().starts_with("async-"))
      Names.push_back(Factory.getKey().str());
  std::sort(Names.begin(), Names.end());
  return Names;
}

void printIdentity(llvm::raw_ostream &OS) {
  OS << "asynclint-clangd " ASYNCLINT_VERSION ": clangd with the asynclint checks";
  for (const std::string &Name : asyncCheckNames())
    OS << " " << Name;
  OS << "\n";
}

void printHelpPreface(llvm::raw_ostream &OS) {
  OS << "asynclint-clangd " ASYNCLINT_VERSION
        ": the clangd below, with asynclint's clang-tidy checks\n"
        "(async-*) linked in. Enable them in the project's .clang-tidy, e.g.\n"
        "  Checks: '-*,async-*'\n"
        "and they run as you type, with no clangd configuration. Everything\n"
        "else, including every option below, is clangd's own.\n\n";
}

} // namespace asynclint::clangd
