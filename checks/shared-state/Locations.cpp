//===--- Locations.cpp ----------------------------------------------------===//
#include "shared-state/Locations.h"

#include <clang/AST/Decl.h>
#include <llvm/ADT/STLExtras.h>

namespace asynclint {

using namespace clang;

bool excludeEachOther(const Lockset &A, const Lockset &B) {
  for (const HeldLock &X : A)
    for (const HeldLock &Y : B)
      if (X.Any || Y.Any || (X.Mutex == Y.Mutex && !(X.Shared && Y.Shared)))
        return true;
  return false;
}

Lockset intersect(const Lockset &A, const Lockset &B) {
  Lockset Result;
  for (const HeldLock &X : A)
    for (const HeldLock &Y : B)
      if (X.Any == Y.Any && (X.Any || X.Mutex == Y.Mutex)) {
        Result.push_back({X.Mutex, X.Shared || Y.Shared, X.Any});
        break;
      }
  return Result;
}

void addAll(Lockset &To, const Lockset &From) {
  for (const HeldLock &Lock : From) {
    auto Known = llvm::find_if(To, [&](const HeldLock &H) {
      return H.Any == Lock.Any && (H.Any || H.Mutex == Lock.Mutex);
    });
    if (Known == To.end())
      To.push_back(Lock);
    else
      Known->Shared = Known->Shared && Lock.Shared;
  }
}

bool holdsExclusively(const Lockset &Locks) {
  return llvm::any_of(Locks, [](const HeldLock &H) { return !H.Shared; });
}

std::optional<Location> instantiate(const Location &Where, const Binding &Bound,
                                    const FunctionDecl &Function) {
  if (Bound.Identity)
    return Where;
  if (Where.onThis()) {
    if (!Bound.This)
      return std::nullopt;
    return Location::memberOf(*Bound.This, Where.Field);
  }
  if (isa<ParmVarDecl>(Where.Root) && Where.Root->getDeclContext() == &Function) {
    for (const auto &[Param, Object] : Bound.Params)
      if (Param == Where.Root)
        return Location::memberOf(Object, Where.Field);
    return std::nullopt;
  }
  return Where;
}

Lockset instantiate(const Lockset &Locks, const Binding &Bound, const FunctionDecl &Function) {
  Lockset Result;
  for (const HeldLock &Lock : Locks) {
    if (Lock.Any) {
      addAll(Result, {Lock});
      continue;
    }
    std::optional<Location> Mutex = instantiate(Lock.Mutex, Bound, Function);
    HeldLock Named{Mutex ? *Mutex : Location{}, Lock.Shared, !Mutex};
    addAll(Result, {Named});
  }
  return Result;
}

} // namespace asynclint
