//===--- RaceFinder.cpp ---------------------------------------------------===//
#include "shared-state/RaceFinder.h"

#include <clang/AST/Decl.h>
#include <clang/AST/Expr.h>
#include <clang/Basic/SourceManager.h>

namespace asynclint {

using namespace clang;

namespace {

/// Beyond this many distinct bindings a function is analysed once more
/// with nothing bound: its members and parameters count as unknown, which
/// can only hide a race.
constexpr unsigned MaxContextsPerFunction = 16;

void appendKey(std::vector<const void *> &Key, const std::optional<Location> &Object) {
  Key.push_back(reinterpret_cast<const void *>(static_cast<uintptr_t>(Object.has_value())));
  Key.push_back(Object ? Object->Root : nullptr);
  Key.push_back(Object ? Object->Field : nullptr);
}

/// What the callee's `this` and parameters are, for a call made in a
/// context of \p Caller bound by \p Bound.
Binding calleeBinding(const LockedCall &Call, const Binding &Bound, const FunctionDecl &Caller) {
  Binding Result;
  if (Call.Owned)
    return Result;
  if (Call.Object)
    Result.This = instantiate(*Call.Object, Bound, Caller);
  for (const auto &[Index, Object] : Call.Arguments)
    if (Index < Call.Callee->getNumParams())
      if (std::optional<Location> Given = instantiate(Object, Bound, Caller))
        Result.Params.push_back({Call.Callee->getParamDecl(Index), *Given});
  return Result;
}

} // namespace

unsigned RaceFinder::contextFor(const FunctionDecl &Function, Binding Bound) {
  std::vector<const void *> Key{&Function};
  appendKey(Key, Bound.This);
  for (const auto &[Param, Object] : Bound.Params) {
    Key.push_back(Param);
    appendKey(Key, Object);
  }
  auto Known = ContextIds.find(Key);
  if (Known != ContextIds.end())
    return Known->second;
  unsigned &Count = ContextsPerFunction[&Function];
  if (Count >= MaxContextsPerFunction && (Bound.This || !Bound.Params.empty()))
    return contextFor(Function, Binding{});
  ++Count;
  Contexts.push_back({&Function, std::move(Bound), {}, {}, false});
  ContextIds.emplace(std::move(Key), Contexts.size() - 1);
  return Contexts.size() - 1;
}

bool RaceFinder::reach(unsigned Id, const Lockset &Held, llvm::ArrayRef<unsigned> BySpawns) {
  Context &C = Contexts[Id];
  bool Changed = false;
  if (!C.Reached) {
    C.Reached = true;
    C.Inherited = Held;
    Changed = true;
  } else if (Lockset Common = intersect(C.Inherited, Held); Common.size() != C.Inherited.size()) {
    C.Inherited = std::move(Common);
    Changed = true;
  }
  for (unsigned Spawn : BySpawns)
    if (!llvm::is_contained(C.Spawns, Spawn)) {
      C.Spawns.push_back(Spawn);
      Changed = true;
    }
  return Changed;
}

void RaceFinder::propagate() {
  // A fixpoint in which each context's lockset only shrinks (intersection
  // over its callers) and its set of spawns only grows.
  std::vector<unsigned> Work;
  for (unsigned I = 0; I < Spawns.size(); ++I) {
    unsigned Id = contextFor(*Spawns[I].Entry, Spawns[I].EntryBinding);
    if (reach(Id, {}, {I}))
      Work.push_back(Id);
  }
  while (!Work.empty()) {
    unsigned Id = Work.back();
    Work.pop_back();
    const FunctionDecl &Function = *Contexts[Id].Function;
    for (const LockedCall &Call : Accesses.of(Function).Calls) {
      // Copies: contextFor may grow Contexts.
      Binding Bound = Contexts[Id].Bound;
      Lockset Held = Contexts[Id].Inherited;
      llvm::SmallVector<unsigned, 2> BySpawns = Contexts[Id].Spawns;
      addAll(Held, instantiate(Call.Locks, Bound, Function));
      unsigned Callee = contextFor(*Call.Callee, calleeBinding(Call, Bound, Function));
      if (reach(Callee, Held, BySpawns))
        Work.push_back(Callee);
    }
  }
}

bool RaceFinder::concurrent(const PartyAccess &A, const PartyAccess &B) const {
  if (A.SpawnerSide && B.SpawnerSide)
    return false; // one thread, one function
  if (A.SpawnerSide || B.SpawnerSide)
    return A.Spawn == B.Spawn;
  if (A.Spawn == B.Spawn)
    // Each start in a loop works on the objects declared in that iteration.
    return Spawns[A.Spawn].Multiple && !Resolver.declaredPerStart(Spawns[A.Spawn], A.Where.Root);
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
          excludeEachOther(X.Locks, Y.Locks) || lazyInitialisationPair(*X.What, *Y.What))
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
      if (Lock.Any)
        continue;
      auto &Count = Usual[{Lock.Mutex.Root, Lock.Mutex.Field}];
      if (Count.first++ == 0)
        Count.second = &P;
    }
  unsigned Most = 0;
  for (const auto &[Mutex, Count] : Usual) {
    Location M{Mutex.first, Mutex.second};
    bool HeldHere = llvm::any_of(Best->Unguarded.Locks,
                                 [&](const HeldLock &H) { return !H.Any && H.Mutex == M; });
    if (HeldHere || Count.first <= Most)
      continue;
    Most = Count.first;
    Best->Guarded = Count.second->What;
    Best->UsualLock = *llvm::find_if(Count.second->Locks,
                                     [&](const HeldLock &H) { return !H.Any && H.Mutex == M; });
  }
  return Best;
}

std::vector<Race> RaceFinder::find() {
  propagate();
  llvm::DenseMap<Location, std::vector<PartyAccess>> ByLocation;
  std::vector<Location> Order;
  auto Add = [&](PartyAccess P) {
    auto [It, Inserted] = ByLocation.try_emplace(P.Where);
    if (Inserted)
      Order.push_back(P.Where);
    It->second.push_back(std::move(P));
  };
  for (const Context &C : Contexts) {
    if (C.Spawns.empty())
      continue;
    for (const Access &A : Accesses.of(*C.Function).Accesses) {
      if (A.InStructor)
        continue;
      std::optional<Location> Where = instantiate(A.Where, C.Bound, *C.Function);
      if (!Where)
        continue;
      Lockset Locks = C.Inherited;
      addAll(Locks, instantiate(A.Locks, C.Bound, *C.Function));
      for (unsigned Spawn : C.Spawns)
        Add(PartyAccess{&A, Spawn, false, Locks, *Where});
    }
  }
  for (unsigned I = 0; I < Spawns.size(); ++I) {
    const SpawnSite &Site = Spawns[I];
    if (!Site.Spawner)
      continue;
    for (const Access &A : Accesses.of(*Site.Spawner).Accesses) {
      SourceLocation At = SM.getExpansionLoc(A.At->getBeginLoc());
      if (SM.isBeforeInTranslationUnit(Site.WindowBegin, At) &&
          SM.isBeforeInTranslationUnit(At, Site.WindowEnd))
        Add(PartyAccess{&A, I, true, A.Locks, A.Where});
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
