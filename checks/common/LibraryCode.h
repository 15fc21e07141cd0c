//===--- LibraryCode.h - code the user did not write ---------------------===//
//
// Where a finding may sit: only in code the user can change. System headers
// (-isystem, the compiler's and the distribution's) and headers under a
// third-party folder of the project (third_party/, vendor/, external/,
// _deps/ of CMake's FetchContent, ...) are library code: the checks do not
// analyse their bodies, and what the user's code does with a library
// object is judged at the user's call.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <clang/Basic/SourceLocation.h>
#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/StringRef.h>

#include <string>
#include <vector>

namespace clang {
class SourceManager;
} // namespace clang

namespace asynclint {

/// The default folder names that hold third-party code, `;`-separated.
inline constexpr llvm::StringLiteral DefaultThirdPartyFolders =
    "third_party;third-party;thirdparty;3rdparty;3rd_party;external;extern;vendor;deps;_deps;"
    "subprojects";

class LibraryCode {
public:
  /// \p Folders: folder names (not paths) under which a file is third-party.
  explicit LibraryCode(std::vector<std::string> Folders) : Folders(std::move(Folders)) {}

  /// A location in a system header or under a third-party folder (macro
  /// locations count where they are spelled).
  bool isLibrary(const clang::SourceManager &SM, clang::SourceLocation Loc);

  void clear() { Known.clear(); }

private:
  bool isThirdPartyPath(llvm::StringRef Path, llvm::StringRef MainFile) const;

  std::vector<std::string> Folders;
  llvm::DenseMap<clang::FileID, bool> Known;
};

} // namespace asynclint
