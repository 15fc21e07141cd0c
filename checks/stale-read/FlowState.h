//===--- FlowState.h - what one path through a coroutine knows ------------===//
//
// The state of the walk over a function body at one point of one path:
// which shared reads each local value comes from, which reads the enclosing
// conditions made, which of those reads a suspension has made stale since,
// and which async locks are held. Where paths meet, states are joined: a
// read is stale if it is on some path (the analysis looks for a path with
// the mistake on it).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/SmallVector.h>

namespace clang {
class Expr;
class VarDecl;
} // namespace clang

namespace asynclint {

/// Reads (by id) a value comes from; sorted, no duplicates.
using Taint = llvm::SmallVector<unsigned, 4>;
void addAll(Taint &To, const Taint &From);

struct ReadState {
  /// The suspension since which the value read may be stale (null: fresh).
  const clang::Expr *StaleBy = nullptr;
  /// The same, for the read as a check: null too when this path changed the
  /// location itself before suspending (claimed it, as in
  /// `if (busy) co_return; busy = true; co_await ...`).
  const clang::Expr *CheckStaleBy = nullptr;
  /// The location was changed while this read was fresh.
  bool Claimed = false;
  /// The async locks (acquisition ids) held when the read was made.
  llvm::SmallVector<unsigned, 1> Locks;
};

struct FlowState {
  bool Reachable = true;
  llvm::DenseMap<const clang::VarDecl *, Taint> Values;
  llvm::DenseMap<unsigned, ReadState> Reads;
  /// The reads of each enclosing condition (branch conditions and the
  /// checks of earlier early exits), innermost last.
  llvm::SmallVector<Taint, 4> Checks;
  /// The reads of each enclosing loop's condition, innermost last: checks
  /// for a removal only (`while (!jobs.empty()) { ...; co_await ...;
  /// jobs.pop_front(); }`), since a loop condition is tested again before
  /// each iteration and most loops only act on it that way.
  llvm::SmallVector<Taint, 2> LoopChecks;
  /// Async locks held (acquisition ids).
  llvm::SmallVector<unsigned, 2> Locks;

  /// Every read made so far on this path is stale from now on.
  void suspend(const clang::Expr &Suspension);
  /// Merges the state of another path reaching the same point.
  void join(const FlowState &Other);
  /// Whether an async lock held now was held at read \p Read.
  bool heldSince(const ReadState &Read) const;
  void release(unsigned Lock);
};

} // namespace asynclint
