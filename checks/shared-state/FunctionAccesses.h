//===--- FunctionAccesses.h - what one function touches, under which locks ===//
#pragma once

#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/DenseSet.h>
#include <llvm/ADT/SmallVector.h>

#include <memory>
#include <utility>
#include <vector>

namespace clang {
class ASTContext;
class Decl;
class Expr;
class FunctionDecl;
class VarDecl;
} // namespace clang

namespace asynclint {

class SharedStateIndex;

/// A memory location, as a static analysis can name it: a variable (Root,
/// no Field), a member of the object `this` points to (no Root, Field) or a
/// member of a variable (Root and Field). Mutexes are named the same way.
struct Location {
  const clang::Decl *Root = nullptr;
  const clang::Decl *Field = nullptr;

  bool operator==(const Location &O) const { return Root == O.Root && Field == O.Field; }
  bool valid() const { return Root || Field; }
};

struct HeldLock {
  Location Mutex;
  /// A reader lock: it excludes writers only.
  bool Shared = false;
};

using Lockset = llvm::SmallVector<HeldLock, 2>;

/// True when some mutex is held by both and at least one holds it
/// exclusively, so the two accesses cannot overlap.
bool excludeEachOther(const Lockset &A, const Lockset &B);

/// The locks of \p A also held in \p B (the intersection).
Lockset intersect(const Lockset &A, const Lockset &B);
void addAll(Lockset &To, const Lockset &From);

struct Access {
  Location Where;
  const clang::Expr *At = nullptr;
  bool Write = false;
  /// The locks the function itself holds here (its callers may hold more).
  Lockset Locks;
};

struct LockedCall {
  const clang::FunctionDecl *Callee = nullptr;
  const clang::Expr *At = nullptr;
  Lockset Locks;
  /// A member function called on `this`: it sees the caller's object.
  bool OnThis = false;
  /// A member function called on a shared object (a global, a captured
  /// local): its `this` is shared.
  bool OnSharedObject = false;
};

/// Per-function fact: the accesses to possibly shared locations a function
/// body makes and the user functions it calls, each with the lockset held
/// at that point. Lambda bodies inside it are functions of their own.
struct FunctionAccesses {
  std::vector<Access> Accesses;
  std::vector<LockedCall> Calls;
};

/// Computes FunctionAccesses once per function.
class AccessCollector {
public:
  /// \p CapturedLocals: local variables some thread entry captures by
  /// reference; they are shared like globals.
  AccessCollector(SharedStateIndex &Index, const clang::ASTContext &Context,
                  const llvm::DenseSet<const clang::VarDecl *> &CapturedLocals)
      : Index(Index), Context(Context), CapturedLocals(CapturedLocals) {}

  /// The facts of \p Function, computed on first use. The reference stays valid.
  const FunctionAccesses &of(const clang::FunctionDecl &Function);

  /// The definition a call runs, if it is user code (not a system header).
  const clang::FunctionDecl *userDefinition(const clang::FunctionDecl &Callee) const;

private:
  SharedStateIndex &Index;
  const clang::ASTContext &Context;
  const llvm::DenseSet<const clang::VarDecl *> &CapturedLocals;
  /// Held by pointer: callers keep references while more facts are added.
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionAccesses>> Facts;
};

} // namespace asynclint

namespace llvm {
template <> struct DenseMapInfo<asynclint::Location> {
  using Pair = std::pair<const clang::Decl *, const clang::Decl *>;
  static asynclint::Location getEmptyKey() {
    Pair P = DenseMapInfo<Pair>::getEmptyKey();
    return {P.first, P.second};
  }
  static asynclint::Location getTombstoneKey() {
    Pair P = DenseMapInfo<Pair>::getTombstoneKey();
    return {P.first, P.second};
  }
  static unsigned getHashValue(const asynclint::Location &L) {
    return DenseMapInfo<Pair>::getHashValue({L.Root, L.Field});
  }
  static bool isEqual(const asynclint::Location &A, const asynclint::Location &B) { return A == B; }
};
} // namespace llvm
