//===--- SystemMainFile.cpp -----------------------------------------------===//
#include "common/SystemMainFile.h"

#include <clang/Lex/DirectoryLookup.h>
#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

namespace asynclint {

static llvm::SmallString<256> realPath(llvm::StringRef Path) {
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(Path, Real))
    Real = Path;
  return Real;
}

bool isMainFileInSystemDirectory(const clang::SourceManager &Sources,
                                 const clang::HeaderSearch &Headers) {
  clang::OptionalFileEntryRef Main = Sources.getFileEntryRefForID(Sources.getMainFileID());
  if (!Main)
    return false;
  llvm::SmallString<256> File = realPath(Main->getName());
  for (auto Dir = Headers.system_dir_begin(); Dir != Headers.system_dir_end(); ++Dir) {
    if (!Dir->isNormalDir())
      continue;
    llvm::SmallString<256> Directory = realPath(Dir->getName());
    if (Directory.empty())
      continue;
    if (!llvm::sys::path::is_separator(Directory.back()))
      Directory.push_back('/'); // /usr/include/ is not a prefix of /usr/include2/
    if (llvm::StringRef(File).starts_with(Directory))
      return true;
  }
  return false;
}

} // namespace asynclint
