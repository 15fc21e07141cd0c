//===--- LockShapes.h - mutexes, guards and atomics by shape -------------===//
//
// A lock is recognised by what it can do, not by its name (RacerD's rule):
// a class with lock() and unlock() is a mutex (C++'s BasicLockable; with
// lock_shared() it can also be taken as a reader); an RAII class whose
// constructor locks a lockable it is given is a guard; a class with
// compare_exchange or test_and_set is atomic; one with notify_one/notify_all
// is a condition variable. Library-private mutexes (Asio's, folly's,
// absl::Mutex, QMutex, a project's own) need no catalog entry. The catalog
// adds what shape cannot say: C functions (pthread_mutex_lock,
// pthread_mutex_trylock), tag types (std::defer_lock_t, std::adopt_lock_t), and types that
// synchronise themselves without showing it (std::future, pthread_t).
//
// Shared by the checks that ask which locks are held (shared state, stale
// reads). Answers are memoised per declaration: clear() at the end of a
// translation unit.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Catalog.h"
#include "common/CallSites.h"
#include "common/CatalogNames.h"

#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/SmallVector.h>
#include <llvm/ADT/StringMap.h>
#include <llvm/ADT/StringSet.h>

#include <memory>
#include <string>
#include <vector>

namespace clang {
class CXXConstructExpr;
class CXXConstructorDecl;
class CXXMethodDecl;
class CXXRecordDecl;
class QualType;
} // namespace clang

namespace asynclint {

/// What a member function called on a lockable (or on a guard) does to it.
enum class LockOp { None, Lock, LockShared, TryLock, TryLockShared, Unlock, OwnsLock };

/// What constructing a guard object does.
struct GuardConstruction {
  enum Kind {
    NotAGuard,
    /// The mutexes are held from here (the constructor locked them, or
    /// adopted a lock the caller took).
    Held,
    /// Held only where a test of the guard succeeded (std::try_to_lock).
    TryHeld,
    /// Nothing held yet (std::defer_lock): a later lock() or std::lock().
    Deferred,
  };
  Kind State = NotAGuard;
  /// The construction's arguments that name the guarded mutexes.
  llvm::SmallVector<unsigned, 2> MutexArgs;
  /// A reader lock (std::shared_lock): it excludes writers only.
  bool Shared = false;
};

class LockShapes {
public:
  struct Settings {
    /// More guard types (the check's LockGuardTypes option), for guards whose
    /// constructor the translation unit cannot see.
    std::vector<std::string> ExtraGuards;
  };

  LockShapes(std::shared_ptr<const catalog::Catalog> Catalog, const Settings &Options);

  /// lock() and unlock() (or Lock() and Unlock()), declared or inherited.
  bool isLockable(const clang::CXXRecordDecl &Class);
  /// What calling \p Method on an object of \p ObjectClass does, if that
  /// class is lockable (a guard with lock()/unlock() is lockable too).
  LockOp memberLockOp(const clang::CXXMethodDecl &Method, const clang::CXXRecordDecl &ObjectClass);

  /// What this construction does, if it builds a guard.
  GuardConstruction guardConstruction(const clang::CXXConstructExpr &Construct);
  /// A type whose objects hold a lock: a guard class (a constructor taking a
  /// lockable and a destructor of its own) or a catalogued guard. A
  /// parameter of this type proves the caller holds a lock.
  bool isGuardType(clang::QualType Type);

  /// The catalog's C lock functions (pthread_mutex_lock, std::lock).
  const catalog::LockFunction *lockFunction(const CallSite &Site);
  const catalog::LockFunction *unlockFunction(const CallSite &Site);
  /// The catalog's C try-lock functions (pthread_mutex_trylock): they hold
  /// the lock where their result equals SuccessValue.
  const catalog::LockFunction *tryLockFunction(const CallSite &Site);

  /// Never shared state: mutexes, guards, condition variables, atomics and
  /// catalogued synchronisation objects, and arrays of them.
  bool isSynchronization(clang::QualType Type);
  /// Every access is atomic (std::atomic, a class with compare_exchange).
  bool isAtomic(clang::QualType Type);
  /// A class with a member that is a synchronisation object: it
  /// synchronises its own state (asio's posix_event, a lock-free queue).
  bool synchronizesItself(const clang::CXXRecordDecl &Class);

  bool isDeferTag(clang::QualType Type);
  bool isAdoptTag(clang::QualType Type);
  bool isTryTag(clang::QualType Type);

  /// True when \p Type spells one of \p Names (through typedefs too, for
  /// `pthread_mutex_t`), or is a class template specialization of one.
  bool typeIs(clang::QualType Type, const llvm::StringSet<> &Names);

  NameCache &names() { return Names; }
  void clear();

private:
  /// Which parameters a constructor locks, and how.
  struct ConstructorEffect {
    llvm::SmallVector<std::pair<unsigned, LockOp>, 2> Locked;
    bool Known = false;
  };
  const ConstructorEffect &effectOf(const clang::CXXConstructorDecl &Constructor);
  bool hasGuardShape(const clang::CXXRecordDecl &Class);
  bool isSharedGuard(const clang::CXXRecordDecl &Class);
  bool hasMethodNamed(const clang::CXXRecordDecl &Class, llvm::ArrayRef<llvm::StringRef> Names);
  bool isSynchronizationClass(const clang::CXXRecordDecl &Class);
  void addSpellings(llvm::StringSet<> &Set, const std::string &Name) const;

  std::shared_ptr<const catalog::Catalog> Catalog;
  NameCache Names;
  llvm::StringMap<const catalog::LockFunction *> Locks, Unlocks, TryLocks;
  llvm::StringMap<catalog::LockGuardType> Guards;
  llvm::StringSet<> DeferTags, AdoptTags, TryTags, Atomics, Synchronized;

  llvm::DenseMap<const clang::CXXRecordDecl *, bool> Lockable, GuardShape, SyncClass, SelfSync;
  /// isSynchronization per type as written (typedefs decide too).
  llvm::DenseMap<void *, bool> SyncType;
  llvm::DenseMap<const clang::CXXConstructorDecl *, ConstructorEffect> Effects;
};

} // namespace asynclint
