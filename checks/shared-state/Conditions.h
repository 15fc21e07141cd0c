//===--- Conditions.h - what a branch condition says about locks ---------===//
#pragma once

namespace clang {
class ASTContext;
class Expr;
} // namespace clang

namespace asynclint {

class LockShapes;

/// What holds in one branch of an `if` (or after a `while`) because of its
/// condition.
struct ConditionFact {
  enum Kind {
    None,
    /// `m.try_lock()` succeeded: the lock on LockObject is held (a mutex,
    /// or a guard variable whose lock() was tried).
    TryLock,
    /// `lk.owns_lock()`, `if (lk)`: the guard variable LockObject holds.
    GuardOwns,
    /// The atomic reference count's decrement left zero: this thread was
    /// the last owner, and no other thread can reach the object any more
    /// (`if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1)`).
    LastOwner,
    /// A thread-local says this thread owns the object (`if (tl_worker ==
    /// this)`, a work-stealing pool's own worker): what it does on `this`
    /// there no other thread does.
    OwnThread,
  };
  /// Code no other thread overlaps where the fact holds.
  bool exclusive() const { return What == LastOwner || What == OwnThread; }
  Kind What = None;
  /// The fact holds where the condition is true; otherwise where it is
  /// false (`if (!m.try_lock()) return;`).
  bool WhenTrue = true;
  const clang::Expr *LockObject = nullptr;
  bool Shared = false;
};

/// A read of a thread-local variable or of a member of one
/// (`tl_this_worker`, `tl_data.this_worker`).
bool readsThreadLocal(const clang::Expr &E);

ConditionFact analyzeCondition(const clang::Expr &Condition, LockShapes &Locks,
                               const clang::ASTContext &Context);

} // namespace asynclint
