//===--- FunctionAccesses.h - what one function touches, under which locks ===//
#pragma once

#include "shared-state/Locations.h"

#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/DenseSet.h>
#include <llvm/ADT/SmallVector.h>

#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
class LambdaExpr;
class VarDecl;
} // namespace clang

namespace asynclint {

class LibraryCode;
class LockShapes;
class SharedStateIndex;

struct Access {
  Location Where;
  const clang::Expr *At = nullptr;
  /// The function it is made in.
  const clang::FunctionDecl *In = nullptr;
  bool Write = false;
  /// The locks the function itself holds here (its callers may hold more).
  Lockset Locks;
  /// A member of `this` touched by a constructor or destructor: the object
  /// is not shared yet, or no longer (RacerD's rule).
  bool InStructor = false;
  /// A read of a pointer only to reach what it points to (`p->run()`): code
  /// that dereferences a lazily initialised pointer has seen it initialised.
  bool Deref = false;
  /// A write of a pointer found null just before (`if (!p) p = make();`):
  /// it happens once.
  bool LazyInit = false;
};

/// A write that initialises a pointer once, and a read that only
/// dereferences it, do not race: a reader that could overlap the
/// initialisation would dereference null.
inline bool lazyInitialisationPair(const Access &A, const Access &B) {
  return (A.Deref && !A.Write && B.LazyInit) || (B.Deref && !B.Write && A.LazyInit);
}

/// A call of a function of the translation unit's own code, which is
/// analysed itself: its accesses count where it runs, on the objects the
/// call gives it.
struct LockedCall {
  const clang::FunctionDecl *Callee = nullptr;
  const clang::Expr *At = nullptr;
  Lockset Locks;
  /// The object the callee's `this` points to, in the caller's terms
  /// (Location{}: the caller's own `this`); nothing when unknown.
  std::optional<Location> Object;
  /// Parameters (by index) given an object the caller can name.
  llvm::SmallVector<std::pair<unsigned, Location>, 2> Arguments;
  /// Made where the caller owns the objects it works on (a constructor or
  /// destructor calling on `this`, the last owner of a reference count): the
  /// callee's object is not shared there.
  bool Owned = false;
};

/// A lambda written in a function that captures `this`: a function of its
/// own, run where it is called, not where it is written.
struct ClosureUse {
  /// Its call operator.
  const clang::FunctionDecl *Body = nullptr;
  const clang::LambdaExpr *At = nullptr;
  /// Given to a thread start or stored beyond the function (in a member, a
  /// global, a return value): it runs elsewhere, holding none of this
  /// function's locks. Otherwise it runs here, inline, under the locks held
  /// where it is written (called in place, std::call_once, an algorithm, a
  /// condition variable's predicate): that can hide a race, never make one.
  bool RunsElsewhere = false;
  Lockset Locks;
};

/// Per-function fact: the accesses to possibly shared locations a function
/// body makes and the user functions it calls, each with the lockset held
/// at that point. Lambda bodies inside it are functions of their own. Code
/// that runs where no other thread can touch the objects it works on (the
/// last owner of an atomic reference count, the handler of a failed thread
/// start) leaves only its accesses to globals.
struct FunctionAccesses {
  std::vector<Access> Accesses;
  std::vector<LockedCall> Calls;
  /// The function stores `this` in a thread-local (`tl_data.this_worker =
  /// this`): it is the loop of the thread that owns the object.
  bool RegistersThreadOwner = false;
  /// Lambdas written here (not inside another lambda) that capture `this`.
  std::vector<ClosureUse> Closures;
  /// For the whole program only: calls of user functions that this unit
  /// declares but does not define (Callee is the declaration; only Locks
  /// is filled in).
  std::vector<LockedCall> ExternalCalls;
};

/// Computes FunctionAccesses once per function.
class AccessCollector {
public:
  /// \p SharedLocals: local variables some thread shares (captured by
  /// reference, given to it as its object); they are shared like globals.
  AccessCollector(SharedStateIndex &Index, LockShapes &Locks, LibraryCode &Library,
                  clang::ASTContext &Context,
                  const llvm::DenseSet<const clang::VarDecl *> &SharedLocals)
      : Index(Index), Locks(Locks), Library(Library), Context(Context), SharedLocals(SharedLocals) {
  }

  /// The facts of \p Function, computed on first use. The reference stays valid.
  const FunctionAccesses &of(const clang::FunctionDecl &Function);

  /// The definition a call runs, if it is the user's code (not a system or
  /// third-party header: library code is judged at the user's call).
  const clang::FunctionDecl *userDefinition(const clang::FunctionDecl &Callee) const;
  /// A function of the user's code that this unit does not define.
  bool isDefinedElsewhere(const clang::FunctionDecl &Callee) const;

  LockShapes &locks() { return Locks; }
  clang::ASTContext &context() { return Context; }

private:
  SharedStateIndex &Index;
  LockShapes &Locks;
  LibraryCode &Library;
  clang::ASTContext &Context;
  const llvm::DenseSet<const clang::VarDecl *> &SharedLocals;
  /// Held by pointer: callers keep references while more facts are added.
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionAccesses>> Facts;
};

} // namespace asynclint
