//===--- LockConsistency.h - a class that locks some accesses, not others -===//
//
// RacerD's lock-consistency rule, its main source of fixed C++ races: a
// class that writes a member under a lock in one method is meant to be used
// from several threads, whoever starts them (usually another file). An
// access to that member without the lock in another method any caller can
// reach races with the guarded write. No thread start needs to be visible.
// A lambda capturing `this` counts as a method of its own: one given to a
// thread start or stored in a member holds none of the locks of the method
// that writes it; one that runs in place holds what that method holds
// there.
//
// Exempt: constructors, destructors and copy or move assignment (the object
// is not shared yet, or no longer), and what they call on `this`; private
// helpers every caller of which holds the lock (a private method a static
// member calls, such as a thread's trampoline, is entered from outside like
// a public one); functions that are given the guard (the caller proves it
// holds it) or say so (`requires_capability`, a name ending in `Locked`);
// code before the method's first thread start (the object is being set up);
// the exclusive regions of FunctionAccesses; methods only ever called on the
// calling thread's own object (see ThreadOwnMethods), or by the thread that
// registered the object as its own, against each other. A member never written under a
// lock is no evidence.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "shared-state/FunctionAccesses.h"

#include <clang/Basic/SourceLocation.h>
#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/DenseSet.h>

#include <vector>

namespace clang {
class CXXRecordDecl;
class FunctionDecl;
class SourceManager;
} // namespace clang

namespace asynclint {

class ThreadOwnMethods;

struct Inconsistency {
  /// The unguarded access, the method it is in and the locks held there.
  const Access *Unguarded = nullptr;
  const clang::FunctionDecl *In = nullptr;
  Lockset Held;
  /// A write of the same member under a lock this access does not hold.
  const Access *Guarded = nullptr;
  const clang::FunctionDecl *GuardedIn = nullptr;
  HeldLock Lock;
  /// For an access in a private helper: a call from a method any caller
  /// can reach that gets there without the lock.
  const LockedCall *Via = nullptr;
  const clang::FunctionDecl *ViaIn = nullptr;
};

class LockConsistency {
public:
  /// \p SetupEnds: per function, where its first thread start is (the
  /// accesses before it set the object up). \p OwnThread: which methods run
  /// only on their object's own thread (none when null).
  LockConsistency(
      AccessCollector &Accesses, const clang::SourceManager &SM,
      const llvm::DenseMap<const clang::FunctionDecl *, clang::SourceLocation> &SetupEnds,
      ThreadOwnMethods *OwnThread = nullptr)
      : Accesses(Accesses), SM(SM), SetupEnds(SetupEnds), OwnThread(OwnThread) {}

  /// The inconsistencies of \p Class, one per member and method.
  std::vector<Inconsistency> find(const clang::CXXRecordDecl &Class);

private:
  struct Method {
    const clang::FunctionDecl *Definition = nullptr;
    bool Structor = false;
    bool Private = false;
    bool Reached = false;
    Lockset Inherited;
    /// Calls on `this` that reach it from a reached method (by index).
    llvm::SmallVector<std::pair<const LockedCall *, unsigned>, 2> Callers;
  };
  struct Evidence {
    const Access *Write;
    /// The method that holds the lock (for a private helper, its caller).
    const clang::FunctionDecl *In;
    Lockset Locks;
  };

  void reachHelpers(std::vector<Method> &Methods);
  /// Lambdas (Methods from \p Declared on, each written in the method
  /// Closures names): one that runs elsewhere is entered holding nothing; one
  /// that runs in place holds what its method holds where it is written.
  /// True when one more was reached (its calls reach more helpers).
  bool settleClosures(std::vector<Method> &Methods, size_t Declared,
                      const std::vector<std::pair<unsigned, const ClosureUse *>> &Closures);
  bool inSetup(const Access &A, const clang::FunctionDecl &In) const;
  /// The methods that run only on the thread that owns the object: those
  /// that register it in a thread-local (`tl_data.this_worker = this`),
  /// those only ever called through one, and private helpers only they call.
  llvm::DenseSet<const clang::FunctionDecl *>
  ownThreadMethods(const std::vector<Method> &Methods, size_t Declared,
                   const std::vector<std::pair<unsigned, const ClosureUse *>> &Closures);

  AccessCollector &Accesses;
  const clang::SourceManager &SM;
  std::vector<const clang::FunctionDecl *> StaticMembers;
  const llvm::DenseMap<const clang::FunctionDecl *, clang::SourceLocation> &SetupEnds;
  ThreadOwnMethods *OwnThread;
};

} // namespace asynclint
