//===--- AstFacts.cpp -----------------------------------------------------===//
#include "common/AstFacts.h"

#include <clang/AST/DeclCXX.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Basic/Version.h>
#include <clang/Index/USRGeneration.h>
#include <llvm/ADT/SmallString.h>
#include <llvm/Support/Path.h>

namespace asynclint::facts {

using namespace clang;

static std::string absolutePath(const SourceManager &SM, llvm::StringRef Name) {
  // The file manager resolves relative names against the compile command's
  // folder, as clang-tidy's diagnostics are resolved.
  llvm::SmallString<256> Path(Name);
  SM.getFileManager().makeAbsolutePath(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

Place UnitNamer::place(SourceLocation Loc) {
  if (Loc.isInvalid())
    return {};
  SourceLocation FileLoc = SM.getFileLoc(Loc);
  auto [File, Offset] = SM.getDecomposedLoc(FileLoc);
  auto [Path, New] = Paths.try_emplace(File);
  if (New)
    Path->second = absolutePath(SM, SM.getFilename(FileLoc));
  return {Path->second, SM.getLineNumber(File, Offset), SM.getColumnNumber(File, Offset)};
}

const FunctionName &UnitNamer::function(const FunctionDecl &F) {
  auto [Name, New] = Names.try_emplace(&F);
  if (New)
    Name->second = functionName(F, SM);
  return Name->second;
}

Place placeOf(const SourceManager &SM, SourceLocation Loc) { return UnitNamer(SM).place(Loc); }

std::string mainFileOf(const SourceManager &SM) {
  OptionalFileEntryRef Main = SM.getFileEntryRefForID(SM.getMainFileID());
  return Main ? absolutePath(SM, Main->getName()) : "";
}

std::string declarationId(const NamedDecl &D, const SourceManager &SM) {
  const auto *Canonical = cast<NamedDecl>(D.getCanonicalDecl());
  llvm::SmallString<128> USR;
  // Fails only for declarations without a name a USR can spell; their
  // address is unique within the unit, the only place they can be used.
  if (index::generateUSRForDecl(Canonical, USR))
    return mainFileOf(SM) + "#" + std::to_string(reinterpret_cast<uintptr_t>(Canonical));
  if (!Canonical->isExternallyVisible())
    return mainFileOf(SM) + "#" + USR.str().str();
  return USR.str().str();
}

std::string functionId(const FunctionDecl &F, const SourceManager &SM) {
  return declarationId(F, SM);
}

FunctionName functionName(const FunctionDecl &F, const SourceManager &SM) {
  const auto *Method = dyn_cast<CXXMethodDecl>(&F);
  bool Lambda = Method && Method->getParent()->isLambda();
  return {functionId(F, SM), Lambda ? "" : F.getQualifiedNameAsString(), Lambda};
}

SourceLocation locationOf(SourceManager &SM, const Place &P) {
  llvm::Expected<FileEntryRef> File = SM.getFileManager().getFileRef(P.File);
  if (!File) {
    llvm::consumeError(File.takeError());
    return {};
  }
#if CLANG_VERSION_MAJOR >= 18
  FileID Id = SM.getOrCreateFileID(*File, SrcMgr::C_User);
#else
  FileID Id = SM.getOrCreateFileID(&File->getFileEntry(), SrcMgr::C_User);
#endif
  return SM.translateLineCol(Id, P.Line, P.Column);
}

} // namespace asynclint::facts
