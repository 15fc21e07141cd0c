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

/// Where a CatalogFiles value was set, which is what its relative paths are
/// relative to.
struct CatalogFilesOrigin {
  /// The .clang-tidy that sets it; empty when set elsewhere (--config, the
  /// command line), whose relative paths are relative to the current folder.
  std::string ConfigFile;
  /// Absolute; the folder of ConfigFile, else the current folder.
  std::string BaseDir;
};

/// The origin of \p Value, the CatalogFiles of check \p CheckName for
/// \p MainFile, found the way clang-tidy finds its configuration: the
/// nearest .clang-tidy above the file, then its parents while each says
/// InheritParentConfig; the first of them whose CheckOptions give this value
/// (to `CHECK.CatalogFiles` or `CatalogFiles`) set it. So `clang-tidy -p`,
/// CMAKE_CXX_CLANG_TIDY and asynclint resolve the paths alike, wherever they
/// run. Results are cached per folder and value; thread-safe.
CatalogFilesOrigin findCatalogFilesOrigin(llvm::StringRef Value, llvm::StringRef CheckName,
                                          llvm::StringRef MainFile);

struct LoadedCatalog {
  std::shared_ptr<const catalog::Catalog> Catalog;
  /// One line per file that could not be read or parsed (it is skipped),
  /// naming where it was listed: "FILE: CatalogFiles: PROBLEM".
  std::vector<std::string> Errors;
};

/// The built-in catalog merged with the files listed in \p CatalogFiles,
/// relative paths resolved against \p Origin. Results are cached per list,
/// so the checks of a run share one parse. Thread-safe.
LoadedCatalog loadCatalog(llvm::StringRef CatalogFiles, const CatalogFilesOrigin &Origin = {});

} // namespace asynclint
