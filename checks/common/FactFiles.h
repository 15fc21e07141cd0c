//===--- FactFiles.h - combined facts a check reads (the FactFiles option) ===//
//
// `asynclint check --export-facts FILE` writes what the whole program shows
// (docs/facts-format.md). Naming that file in the FactFiles option gives a
// single-file run (clang-tidy --load, CMAKE_CXX_CLANG_TIDY, clangd) the
// knowledge of the other units: a helper defined elsewhere that blocks.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "common/CatalogLoader.h"
#include "common/ProgramFacts.h"

#include <llvm/ADT/StringRef.h>

#include <memory>
#include <string>
#include <vector>

namespace asynclint::facts {

/// Option name (local to a check or global in CheckOptions) listing facts
/// files, separated by ';'.
inline constexpr llvm::StringLiteral FactFilesOption = "FactFiles";

struct LoadedFacts {
  /// Null when no file is named.
  std::shared_ptr<const ProgramFacts> Facts;
  /// One line per file that could not be read or is not a facts file,
  /// naming the file.
  std::vector<std::string> Errors;
};

/// The facts of the files in \p FactFiles, relative paths resolved against
/// \p Origin (as CatalogFiles' are), merged. Each list is read once per
/// process, and again when one of its files changes (an editor keeps
/// running while the facts are exported anew). Thread-safe.
LoadedFacts loadFactFiles(llvm::StringRef FactFiles, const CatalogFilesOrigin &Origin = {});

} // namespace asynclint::facts
