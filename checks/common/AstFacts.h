//===--- AstFacts.h - facts named from the AST, the same in every unit ----===//
#pragma once

#include "common/ProgramFacts.h"

#include <clang/Basic/SourceLocation.h>
#include <llvm/ADT/DenseMap.h>

namespace clang {
class FunctionDecl;
class NamedDecl;
class SourceManager;
} // namespace clang

namespace asynclint::facts {

/// Where \p Loc is as a user reads it (macro expansions resolved the way
/// diagnostics resolve them): the file's absolute path, without `.` or
/// `..`, and its 1-based line and byte column.
Place placeOf(const clang::SourceManager &SM, clang::SourceLocation Loc);

/// The absolute path of the unit's main file, as placeOf names files.
std::string mainFileOf(const clang::SourceManager &SM);

/// The identity of \p D in every unit that declares it: its USR; a
/// declaration no other unit can name (internal linkage, a local) gets the
/// unit's main file in front.
std::string declarationId(const clang::NamedDecl &D, const clang::SourceManager &SM);

/// The identity of \p F in every unit that declares it: its USR, as clang's
/// indexer writes it (`c:@N@store@F@load#`). A function no other unit can
/// call (internal linkage, an anonymous namespace, a lambda) gets the unit's
/// main file in front, so equal USRs of two units' own functions stay apart.
std::string functionId(const clang::FunctionDecl &F, const clang::SourceManager &SM);

/// The identity and the name messages give \p F.
FunctionName functionName(const clang::FunctionDecl &F, const clang::SourceManager &SM);

/// placeOf() and functionName() for many places and functions of one unit:
/// each file's path and each function's name is worked out once.
class UnitNamer {
public:
  explicit UnitNamer(const clang::SourceManager &SM) : SM(SM) {}
  Place place(clang::SourceLocation Loc);
  const FunctionName &function(const clang::FunctionDecl &F);

private:
  const clang::SourceManager &SM;
  llvm::DenseMap<clang::FileID, std::string> Paths;
  llvm::DenseMap<const clang::FunctionDecl *, FunctionName> Names;
};

/// A location for \p P, in a file of the unit or any other file (loaded for
/// the purpose), so a note can point into another translation unit's
/// code; invalid when the file cannot be read.
clang::SourceLocation locationOf(clang::SourceManager &SM, const Place &P);

} // namespace asynclint::facts
