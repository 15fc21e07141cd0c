//===--- HeaderScope.cpp --------------------------------------------------===//
#include "analysis/HeaderScope.h"

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

#include <optional>

namespace asynclint::check {

namespace path = llvm::sys::path;

namespace {

std::string realPath(const std::string &Path) {
  llvm::SmallString<256> Real;
  if (Path.empty() || llvm::sys::fs::real_path(Path, Real))
    return Path;
  return std::string(Real);
}

/// \p File relative to \p Dir when it lies below it (never "" for a file).
std::optional<llvm::StringRef> below(llvm::StringRef File, llvm::StringRef Dir) {
  if (Dir.empty() || !File.starts_with(Dir))
    return std::nullopt;
  llvm::StringRef Rest = File.drop_front(Dir.size());
  if (!Dir.ends_with("/") && !Rest.consume_front("/"))
    return std::nullopt;
  return Rest;
}

bool isThirdPartyFolder(llvm::StringRef Name) {
  return Name == "third_party" || Name == "third-party" || Name == "thirdparty" ||
         Name == "3rdparty" || Name == "external" || Name == "vendor" || Name == "_deps";
}

} // namespace

HeaderScope::HeaderScope(const std::string &ProjectRoot, const std::string &BuildDir)
    : Root(realPath(ProjectRoot)), Build(realPath(BuildDir)) {
  if (Build == Root)
    Build.clear();
}

bool HeaderScope::isProjectFile(const std::string &File) const {
  std::string Real = realPath(File);
  std::optional<llvm::StringRef> Relative = below(Real, Root);
  if (!Relative || below(Real, Build))
    return false;
  for (auto Part = path::begin(*Relative), End = path::end(*Relative); Part != End; ++Part)
    if (isThirdPartyFolder(*Part))
      return false;
  return true;
}

} // namespace asynclint::check
