//===--- CatalogLoader.h - the catalog a check runs with ----------------===//
#pragma once

#include "Catalog.h"

#include <llvm/ADT/StringRef.h>

#include <memory>
#include <string>
#include <vector>

namespace asynclint {

/// Option name (local to a check or global in CheckOptions) listing extra
/// catalog files, separated by ';'.
inline constexpr llvm::StringLiteral CatalogFilesOption = "CatalogFiles";

struct LoadedCatalog {
  std::shared_ptr<const catalog::Catalog> Catalog;
  /// One line per file that could not be read or parsed (it is skipped).
  std::vector<std::string> Errors;
};

/// The built-in catalog merged with the files listed in \p CatalogFiles.
/// Results are cached per list, so the checks of a run share one parse.
/// Thread-safe.
LoadedCatalog loadCatalog(llvm::StringRef CatalogFiles);

} // namespace asynclint
