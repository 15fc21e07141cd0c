//===--- CatalogLoader.cpp -----------------------------------------------===//
#include "common/CatalogLoader.h"

#include <map>
#include <mutex>

namespace asynclint {

LoadedCatalog loadCatalog(llvm::StringRef CatalogFiles) {
  static std::mutex CacheMutex;
  static std::map<std::string, LoadedCatalog> Cache;

  std::lock_guard<std::mutex> Lock(CacheMutex);
  auto [It, Inserted] = Cache.try_emplace(CatalogFiles.str());
  if (!Inserted)
    return It->second;

  auto Merged = std::make_shared<catalog::Catalog>(catalog::Catalog::builtin());
  for (const std::string &Path : catalog::splitList(CatalogFiles.str())) {
    std::string Error;
    if (std::optional<catalog::Catalog> Extra = catalog::Catalog::fromFile(Path, Error))
      Merged->merge(*Extra);
    else
      It->second.Errors.push_back(Error);
  }
  It->second.Catalog = std::move(Merged);
  return It->second;
}

} // namespace asynclint
