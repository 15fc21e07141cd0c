//===--- RaceFinder.h - accesses that may race, by static lockset --------===//
#pragma once

#include "shared-state/FunctionAccesses.h"
#include "shared-state/ThreadSpawns.h"

#include <map>
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
  /// Held here, callers' common locks included, in the starter's terms.
  Lockset Locks;
  /// The location in the starter's terms (which object it is).
  Location Where;
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
/// common. What a thread entry calls runs on that thread too, on the
/// objects the call gives it (a function runs once per distinct binding of
/// its `this` and parameters: a context); a callee's lockset includes the
/// locks every concurrent caller holds at the call.
class RaceFinder {
public:
  RaceFinder(const std::vector<SpawnSite> &Spawns, AccessCollector &Accesses,
             const SpawnResolver &Resolver, const clang::SourceManager &SM)
      : Spawns(Spawns), Accesses(Accesses), Resolver(Resolver), SM(SM) {}

  /// One race per location, in source order of the warned access.
  std::vector<Race> find();

private:
  struct Context {
    const clang::FunctionDecl *Function = nullptr;
    Binding Bound;
    /// Locks held at every concurrent call of it.
    Lockset Inherited;
    /// The spawn sites whose threads run it.
    llvm::SmallVector<unsigned, 2> Spawns;
    bool Reached = false;
  };

  void propagate();
  unsigned contextFor(const clang::FunctionDecl &Function, Binding Bound);
  /// Merges what one more caller brings; true when the context changed.
  bool reach(unsigned Id, const Lockset &Held, llvm::ArrayRef<unsigned> BySpawns);
  bool concurrent(const PartyAccess &A, const PartyAccess &B) const;
  std::optional<Race> raceOn(Location Where, const std::vector<PartyAccess> &All) const;

  const std::vector<SpawnSite> &Spawns;
  AccessCollector &Accesses;
  const SpawnResolver &Resolver;
  const clang::SourceManager &SM;
  std::vector<Context> Contexts;
  std::map<std::vector<const void *>, unsigned> ContextIds;
  llvm::DenseMap<const clang::FunctionDecl *, unsigned> ContextsPerFunction;
};

} // namespace asynclint
