//===--- RaceFinder.h - accesses that may race, by static lockset --------===//
#pragma once

#include "shared-state/FunctionAccesses.h"
#include "shared-state/ThreadSpawns.h"

#include <optional>
#include <vector>

namespace clang {
class SourceManager;
} // namespace clang

namespace asynclint {

/// An access as made by one concurrent party: the thread of a spawn site
/// (SpawnerSide false) or the spawner while that thread runs.
struct PartyAccess {
  const Access *What = nullptr;
  unsigned Spawn = 0;
  bool SpawnerSide = false;
  /// Held here, callers' common locks included.
  Lockset Locks;
};

struct Race {
  Location Where;
  /// The access to warn on (the least protected) and one it races with.
  PartyAccess Unguarded, Other;
  /// Inconsistent locking: a lock the other accesses hold, and one of them.
  std::optional<HeldLock> UsualLock;
  const Access *Guarded = nullptr;
};

/// Eraser's question over the translation unit: which shared locations are
/// written by one concurrent party and accessed by another with no lock in
/// common. What a thread entry calls runs on that thread too; a callee's
/// lockset includes the locks every concurrent caller holds at the call.
class RaceFinder {
public:
  RaceFinder(const std::vector<SpawnSite> &Spawns, AccessCollector &Accesses,
             const SpawnResolver &Resolver, const clang::SourceManager &SM)
      : Spawns(Spawns), Accesses(Accesses), Resolver(Resolver), SM(SM) {}

  /// One race per location, in source order of the warned access.
  std::vector<Race> find();

private:
  void propagate();
  bool concurrent(const PartyAccess &A, const PartyAccess &B) const;
  std::optional<Race> raceOn(Location Where, const std::vector<PartyAccess> &All) const;

  const std::vector<SpawnSite> &Spawns;
  AccessCollector &Accesses;
  const SpawnResolver &Resolver;
  const clang::SourceManager &SM;
  struct RunOn {
    unsigned Spawn;
    /// Its `this` is the object shared with the starter (members of any
    /// other object it is called on are that thread's own business).
    bool SharedThis;
  };
  /// Function -> the spawn sites whose thread runs it.
  llvm::DenseMap<const clang::FunctionDecl *, llvm::SmallVector<RunOn, 2>> RunBy;
  /// Function -> locks held at every concurrent call of it.
  llvm::DenseMap<const clang::FunctionDecl *, Lockset> CallerLocks;
};

} // namespace asynclint
