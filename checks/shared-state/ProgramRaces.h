//===--- ProgramRaces.h - the FactFiles option of the shared-state check --===//
//
// `asynclint check --export-facts FILE` writes, among the combined facts,
// the races only the whole program shows (a thread started in main.cpp
// writing a global of worker.cpp). Given that file through FactFiles, a
// single-file run (clang-tidy --load, CMAKE_CXX_CLANG_TIDY, clangd) reports
// the races whose warned access is in its main file, with the same message
// and notes as the tool.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "common/CatalogLoader.h"
#include "common/ProgramFacts.h"

#include <llvm/ADT/StringRef.h>

#include <memory>
#include <string>
#include <vector>

namespace clang {
class SourceManager;
namespace tidy::async {
class CatalogCheck;
} // namespace tidy::async
} // namespace clang

namespace asynclint {

class ProgramRaces {
public:
  /// \p FactFiles: the option's value, set for the check \p CheckName in
  /// the configuration of \p CurrentFile.
  ProgramRaces(llvm::StringRef FactFiles, llvm::StringRef CheckName, llvm::StringRef CurrentFile);

  /// Reads the files, unless the asynclint tool runs the check (it combines
  /// fresh facts itself); returns one line per file it could not read.
  std::vector<std::string> load();
  /// Whether any race is known (the check then needs the unit's end).
  bool any() const { return Program && !Program->Races.empty(); }
  /// Reports the races in the main file of the unit.
  void report(clang::tidy::async::CatalogCheck &Check, clang::SourceManager &SM) const;

private:
  std::string FactFiles;
  CatalogFilesOrigin Origin;
  std::shared_ptr<const facts::ProgramFacts> Program;
};

} // namespace asynclint
