//===--- FlowState.cpp ----------------------------------------------------===//
#include "stale-read/FlowState.h"

#include <llvm/ADT/STLExtras.h>

#include <algorithm>

namespace asynclint {

void addAll(Taint &To, const Taint &From) {
  for (unsigned Read : From) {
    auto At = std::lower_bound(To.begin(), To.end(), Read);
    if (At == To.end() || *At != Read)
      To.insert(At, Read);
  }
}

void FlowState::suspend(const clang::Expr &Suspension) {
  for (auto &Entry : Reads) {
    ReadState &Read = Entry.second;
    if (Read.StaleBy)
      continue;
    Read.StaleBy = &Suspension;
    if (!Read.Claimed)
      Read.CheckStaleBy = &Suspension;
  }
}

void FlowState::join(const FlowState &Other) {
  if (!Other.Reachable)
    return;
  if (!Reachable) {
    *this = Other;
    return;
  }
  for (const auto &[Var, Sources] : Other.Values)
    addAll(Values[Var], Sources);
  for (const auto &[Id, Theirs] : Other.Reads) {
    auto [Mine, Inserted] = Reads.try_emplace(Id, Theirs);
    if (Inserted)
      continue;
    ReadState &Read = Mine->second;
    if (!Read.StaleBy)
      Read.StaleBy = Theirs.StaleBy;
    if (!Read.CheckStaleBy)
      Read.CheckStaleBy = Theirs.CheckStaleBy;
    Read.Claimed = Read.Claimed && Theirs.Claimed;
    for (unsigned Lock : Theirs.Locks)
      if (!llvm::is_contained(Read.Locks, Lock))
        Read.Locks.push_back(Lock);
  }
  // The same conditions enclose both paths; an early exit on one of them may
  // have added one the other lacks.
  size_t Common = std::min(Checks.size(), Other.Checks.size());
  Checks.resize(Common);
  for (size_t I = 0; I < Common; ++I)
    addAll(Checks[I], Other.Checks[I]);
  size_t CommonLoops = std::min(LoopChecks.size(), Other.LoopChecks.size());
  LoopChecks.resize(CommonLoops);
  for (size_t I = 0; I < CommonLoops; ++I)
    addAll(LoopChecks[I], Other.LoopChecks[I]);
  // Held on some path: a finding there would be a guess.
  for (unsigned Lock : Other.Locks)
    if (!llvm::is_contained(Locks, Lock))
      Locks.push_back(Lock);
}

bool FlowState::heldSince(const ReadState &Read) const {
  return llvm::any_of(Locks, [&](unsigned Lock) { return llvm::is_contained(Read.Locks, Lock); });
}

void FlowState::release(unsigned Lock) {
  llvm::erase_if(Locks, [&](unsigned Held) { return Held == Lock; });
}

} // namespace asynclint
