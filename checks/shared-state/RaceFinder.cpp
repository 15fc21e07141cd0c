//===--- RaceFinder.cpp ---------------------------------------------------===//
#include "shared-state/RaceFinder.h"

#include <clang/AST/Decl.h>
#include <clang/AST/Expr.h>
#include <clang/Basic/SourceManager.h>

#include <map>

namespace asynclint {

using namespace clang;

void RaceFinder::propagate() {
  // Reachability per spawn site, then the locks callers hold: a fixpoint in
  // which each function's set only shrinks (intersection over its callers).
  std::vector<const FunctionDecl *> Work;
  for (unsigned I = 0; I < Spawns.size(); ++I) {
    // A function reached with a shared `this` needs no second visit without.
    llvm::DenseMap<const FunctionDecl *, bool> Seen;
    std::vector<std::pair<const FunctionDecl *, bool>> Stack{
        {Spawns[I].Entry, Spawns[I].SharesThis}};
    while (!Stack.empty()) {
      auto [F, SharedThis] = Stack.back();
      Stack.pop_back();
      auto [It, Inserted] = Seen.try_emplace(F, SharedThis);
      if (!Inserted && (It->second || !SharedThis))
        continue;
      It->second = SharedThis;
      auto &Runs = RunBy[F];
      if (!Runs.empty() && Runs.back().Spawn == I)
        Runs.back().SharedThis = true;
      else
        Runs.push_back({I, SharedThis});
      for (const LockedCall &Call : Accesses.of(*F).Calls)
        Stack.push_back({Call.Callee, (SharedThis && Call.OnThis) || Call.OnSharedObject});
    }
    CallerLocks[Spawns[I].Entry] = {};
    Work.push_back(Spawns[I].Entry);
  }
  llvm::DenseSet<const FunctionDecl *> Entries(Work.begin(), Work.end());
  while (!Work.empty()) {
    const FunctionDecl *F = Work.back();
    Work.pop_back();
    for (const LockedCall &Call : Accesses.of(*F).Calls) {
      if (Entries.contains(Call.Callee))
        continue; // a thread starts it with nothing held
      Lockset Held = CallerLocks[F];
      addAll(Held, Call.Locks);
      auto [It, Inserted] = CallerLocks.try_emplace(Call.Callee, Held);
      if (!Inserted) {
        Lockset Common = intersect(It->second, Held);
        if (Common.size() == It->second.size())
          continue;
        It->second = std::move(Common);
      }
      Work.push_back(Call.Callee);
    }
  }
}

bool RaceFinder::concurrent(const PartyAccess &A, const PartyAccess &B) const {
  if (A.SpawnerSide && B.SpawnerSide)
    return false; // one thread, one function
  if (A.SpawnerSide || B.SpawnerSide)
    return A.Spawn == B.Spawn;
  if (A.Spawn == B.Spawn)
    return Spawns[A.Spawn].Multiple;
  return Resolver.overlap(Spawns[A.Spawn], Spawns[B.Spawn]);
}

std::optional<Race> RaceFinder::raceOn(Location Where, const std::vector<PartyAccess> &All) const {
  auto Before = [&](const PartyAccess &X, const PartyAccess &Y) {
    // Least protected first, then writes, then source order.
    if (X.Locks.empty() != Y.Locks.empty())
      return X.Locks.empty();
    if (X.What->Write != Y.What->Write)
      return X.What->Write;
    return SM.isBeforeInTranslationUnit(X.What->At->getExprLoc(), Y.What->At->getExprLoc());
  };
  std::optional<Race> Best;
  for (size_t I = 0; I < All.size(); ++I)
    for (size_t J = I; J < All.size(); ++J) {
      const PartyAccess &X = All[I], &Y = All[J];
      if (!(X.What->Write || Y.What->Write) || !concurrent(X, Y) ||
          excludeEachOther(X.Locks, Y.Locks))
        continue;
      const PartyAccess &Warn = Before(Y, X) ? Y : X;
      const PartyAccess &Other = &Warn == &X ? Y : X;
      if (!Best || Before(Warn, Best->Unguarded) ||
          (Warn.What == Best->Unguarded.What && Other.What->Write && !Best->Other.What->Write))
        Best = Race{Where, Warn, Other, std::nullopt, nullptr};
    }
  if (!Best)
    return std::nullopt;

  // Inconsistent locking: a lock held at most other accesses, not here.
  std::map<std::pair<const Decl *, const Decl *>, std::pair<unsigned, const PartyAccess *>> Usual;
  for (const PartyAccess &P : All)
    for (const HeldLock &Lock : P.Locks) {
      auto &Count = Usual[{Lock.Mutex.Root, Lock.Mutex.Field}];
      if (Count.first++ == 0)
        Count.second = &P;
    }
  unsigned Most = 0;
  for (const auto &[Mutex, Count] : Usual) {
    Location M{Mutex.first, Mutex.second};
    bool HeldHere =
        llvm::any_of(Best->Unguarded.Locks, [&](const HeldLock &H) { return H.Mutex == M; });
    if (HeldHere || Count.first <= Most)
      continue;
    Most = Count.first;
    Best->Guarded = Count.second->What;
    Best->UsualLock =
        *llvm::find_if(Count.second->Locks, [&](const HeldLock &H) { return H.Mutex == M; });
  }
  return Best;
}

std::vector<Race> RaceFinder::find() {
  propagate();
  llvm::DenseMap<Location, std::vector<PartyAccess>> ByLocation;
  std::vector<Location> Order;
  auto Add = [&](const PartyAccess &P) {
    auto [It, Inserted] = ByLocation.try_emplace(P.What->Where);
    if (Inserted)
      Order.push_back(P.What->Where);
    It->second.push_back(P);
  };
  for (const auto &[Function, Runs] : RunBy) {
    const Lockset &Inherited = CallerLocks[Function];
    for (const Access &A : Accesses.of(*Function).Accesses)
      for (const RunOn &Run : Runs) {
        if (!A.Where.Root && !Run.SharedThis)
          continue;
        PartyAccess P{&A, Run.Spawn, false, Inherited};
        addAll(P.Locks, A.Locks);
        Add(P);
      }
  }
  for (unsigned I = 0; I < Spawns.size(); ++I) {
    const SpawnSite &Site = Spawns[I];
    if (!Site.Spawner)
      continue;
    for (const Access &A : Accesses.of(*Site.Spawner).Accesses) {
      if (!A.Where.Root && !Site.SharesThis)
        continue;
      SourceLocation At = SM.getExpansionLoc(A.At->getBeginLoc());
      if (SM.isBeforeInTranslationUnit(Site.WindowBegin, At) &&
          SM.isBeforeInTranslationUnit(At, Site.WindowEnd))
        Add(PartyAccess{&A, I, true, A.Locks});
    }
  }

  std::vector<Race> Races;
  for (Location Where : Order)
    if (std::optional<Race> Found = raceOn(Where, ByLocation[Where]))
      Races.push_back(std::move(*Found));
  llvm::sort(Races, [&](const Race &A, const Race &B) {
    return SM.isBeforeInTranslationUnit(A.Unguarded.What->At->getExprLoc(),
                                        B.Unguarded.What->At->getExprLoc());
  });
  return Races;
}

} // namespace asynclint
