//===--- CatalogLoader.cpp -----------------------------------------------===//
#include "common/CatalogLoader.h"

#include <clang-tidy/ClangTidyOptions.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>

#include <map>
#include <mutex>

namespace asynclint {

namespace path = llvm::sys::path;

namespace {

std::string currentFolder() {
  llvm::SmallString<256> Dir;
  llvm::sys::fs::current_path(Dir);
  return std::string(Dir);
}

/// Does the configuration in \p Dir set \p Value? Nothing when \p Dir has no
/// .clang-tidy; else whether it does, and whether the search goes on upward.
struct FolderAnswer {
  bool HasConfig = false;
  bool SetsValue = false;
  bool InheritsParent = false;
};

FolderAnswer askFolder(llvm::StringRef Dir, llvm::StringRef Value, llvm::StringRef CheckName) {
  llvm::SmallString<256> File(Dir);
  path::append(File, ".clang-tidy");
  auto Buffer = llvm::MemoryBuffer::getFile(File);
  if (!Buffer)
    return {};
  FolderAnswer Answer;
  Answer.HasConfig = true;
  llvm::ErrorOr<clang::tidy::ClangTidyOptions> Options =
      clang::tidy::parseConfiguration((*Buffer)->getMemBufferRef());
  if (!Options)
    return Answer;
  for (std::string Key : {(CheckName + "." + CatalogFilesOption).str(), CatalogFilesOption.str()}) {
    auto It = Options->CheckOptions.find(Key);
    if (It != Options->CheckOptions.end() && It->getValue().Value == Value) {
      Answer.SetsValue = true;
      break;
    }
  }
  Answer.InheritsParent = Options->InheritParentConfig.value_or(false);
  return Answer;
}

std::string resolve(const std::string &Path, const std::string &BaseDir) {
  llvm::SmallString<256> Absolute(Path);
  if (!path::is_absolute(Absolute) && !BaseDir.empty()) {
    Absolute = BaseDir;
    path::append(Absolute, Path);
  }
  path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  return std::string(Absolute);
}

} // namespace

CatalogFilesOrigin findCatalogFilesOrigin(llvm::StringRef Value, llvm::StringRef CheckName,
                                          llvm::StringRef MainFile) {
  static std::mutex CacheMutex;
  static std::map<std::string, CatalogFilesOrigin> Cache;

  llvm::SmallString<256> Start(MainFile.empty() ? llvm::StringRef(currentFolder())
                                                : path::parent_path(MainFile));
  llvm::sys::fs::make_absolute(Start);
  std::string Key = std::string(Start) + '\n' + CheckName.str() + '\n' + Value.str();
  std::lock_guard<std::mutex> Lock(CacheMutex);
  auto [It, Inserted] = Cache.try_emplace(Key);
  if (!Inserted)
    return It->second;

  It->second.BaseDir = currentFolder();
  for (llvm::StringRef Dir = Start; !Dir.empty(); Dir = path::parent_path(Dir)) {
    FolderAnswer Answer = askFolder(Dir, Value, CheckName);
    if (Answer.SetsValue) {
      llvm::SmallString<256> File(Dir);
      path::append(File, ".clang-tidy");
      It->second = {std::string(File), Dir.str()};
      break;
    }
    if (Answer.HasConfig && !Answer.InheritsParent)
      break;
  }
  return It->second;
}

LoadedCatalog loadCatalog(llvm::StringRef CatalogFiles, const CatalogFilesOrigin &Origin) {
  static std::mutex CacheMutex;
  static std::map<std::string, LoadedCatalog> Cache;

  std::vector<std::string> Paths;
  for (const std::string &Path : catalog::splitList(CatalogFiles.str()))
    Paths.push_back(resolve(Path, Origin.BaseDir));
  std::string Key = Origin.ConfigFile;
  for (const std::string &Path : Paths)
    Key += '\n' + Path;

  std::lock_guard<std::mutex> Lock(CacheMutex);
  auto [It, Inserted] = Cache.try_emplace(Key);
  if (!Inserted)
    return It->second;

  auto Merged = std::make_shared<catalog::Catalog>(catalog::Catalog::builtin());
  std::string Where =
      (Origin.ConfigFile.empty() ? "" : Origin.ConfigFile + ": ") + CatalogFilesOption.str();
  for (const std::string &Path : Paths) {
    std::string Error;
    if (std::optional<catalog::Catalog> Extra = catalog::Catalog::fromFile(Path, Error))
      Merged->merge(*Extra);
    else
      It->second.Errors.push_back(Where + ": " + Error);
  }
  It->second.Catalog = std::move(Merged);
  return It->second;
}

} // namespace asynclint
