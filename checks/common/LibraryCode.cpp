//===--- LibraryCode.cpp --------------------------------------------------===//
#include "common/LibraryCode.h"

#include <clang/Basic/SourceManager.h>
#include <llvm/Support/Path.h>

namespace asynclint {

using namespace clang;

bool LibraryCode::isThirdPartyPath(llvm::StringRef Path, llvm::StringRef MainFile) const {
  // Folders the main file also lives under say nothing: a project checked
  // out below ~/external/ is not third-party to itself.
  auto Part = llvm::sys::path::begin(Path), End = llvm::sys::path::end(Path);
  for (auto Main = llvm::sys::path::begin(MainFile), MainEnd = llvm::sys::path::end(MainFile);
       Part != End && Main != MainEnd && *Part == *Main; ++Part, ++Main)
    ;
  for (; Part != End; ++Part)
    for (const std::string &Folder : Folders)
      if (Part->equals_insensitive(Folder))
        return true;
  return false;
}

bool LibraryCode::isLibrary(const SourceManager &SM, SourceLocation Loc) {
  if (Loc.isInvalid())
    return false;
  Loc = SM.getSpellingLoc(Loc);
  if (SM.isInSystemHeader(Loc))
    return true;
  FileID File = SM.getFileID(Loc);
  auto [It, Inserted] = Known.try_emplace(File, false);
  if (Inserted && File != SM.getMainFileID())
    It->second = isThirdPartyPath(SM.getFilename(Loc),
                                  SM.getFilename(SM.getLocForStartOfFile(SM.getMainFileID())));
  return It->second;
}

} // namespace asynclint
