//===--- ObjectPaths.h - which location an expression designates ---------===//
#pragma once

#include "shared-state/Locations.h"

#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/DenseSet.h>

#include <optional>

namespace clang {
class CXXRecordDecl;
class Expr;
class FunctionDecl;
class VarDecl;
} // namespace clang

namespace asynclint {

class LockShapes;

/// Names the objects the expressions of one function designate, as
/// Locations in that function's own terms. What can be named: globals and
/// statics (not thread_local, not const, not a library's), locals shared
/// with a thread (captured by reference, or given to a thread as its
/// object), `this` and its members, what a reference parameter refers to
/// and what a pointer parameter points to, and local references and
/// pointers initialised from one of those. What cannot: a local object of
/// this function, an object reached through a pointer or reference member
/// (whose identity is unknown), temporaries. Synchronisation objects
/// (mutexes, atomics) are no data location.
class ObjectPaths {
public:
  /// \p SharedLocals: locals of some function that a thread shares.
  /// \p AnyLocal: name every local (the frame that starts a thread, asking
  /// which of its objects the thread is given).
  ObjectPaths(LockShapes &Locks, const clang::FunctionDecl &Function,
              const llvm::DenseSet<const clang::VarDecl *> &SharedLocals, bool AnyLocal = false);

  /// The object an lvalue designates.
  std::optional<Location> lvalue(const clang::Expr &E);
  /// The object a pointer value points to.
  std::optional<Location> pointee(const clang::Expr &E);
  /// lvalue() or pointee(), by the expression's type.
  std::optional<Location> object(const clang::Expr &E);
  /// The data location an access through \p E touches: object() unless
  /// it is a synchronisation object or const.
  std::optional<Location> dataLocation(const clang::Expr &E);
  /// A mutex's identity: its location, or, for a mutex reached through a
  /// pointer (`impl_->mutex_`), the member it is (two such mutexes taken for
  /// one can only hide a race). Nothing when it cannot be named at all.
  std::optional<Location> mutex(const clang::Expr &E);

  /// A variable shared with a thread, seen from this function (a local
  /// captured by copy into this lambda is the lambda's own).
  bool isSharedVariable(const clang::VarDecl &Var) const;

private:
  std::optional<Location> variable(const clang::VarDecl &Var, bool ThroughPointer);
  std::optional<Location> aliasTarget(const clang::VarDecl &Var);
  bool isSharedLocal(const clang::VarDecl &Var) const;

  LockShapes &Locks;
  const clang::FunctionDecl &Function;
  const llvm::DenseSet<const clang::VarDecl *> &SharedLocals;
  const clang::CXXRecordDecl *Closure = nullptr;
  bool AnyLocal;
  /// Local references and pointers, resolved once (nullopt: not an alias).
  llvm::DenseMap<const clang::VarDecl *, std::optional<Location>> Aliases;
};

/// Strips parentheses and the implicit casts that do not change which object
/// an lvalue designates (not lvalue-to-rvalue).
const clang::Expr *designated(const clang::Expr *E);

} // namespace asynclint
