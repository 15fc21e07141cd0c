//===--- LockConsistency.cpp ----------------------------------------------===//
#include "shared-state/LockConsistency.h"
#include "shared-state/ThreadOwnMethods.h"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/Expr.h>
#include <clang/Basic/SourceManager.h>

namespace asynclint {

using namespace clang;

namespace {

bool isThisMember(const Access &A) { return A.Where.onThis() && A.Where.Field && !A.InStructor; }

/// A lock of \p Guarded that \p Held lacks, to name in the message.
std::optional<HeldLock> missingLock(const Lockset &Guarded, const Lockset &Held) {
  for (const HeldLock &Lock : Guarded)
    if (!Lock.Any && !Lock.Shared &&
        llvm::none_of(Held, [&](const HeldLock &H) { return !H.Any && H.Mutex == Lock.Mutex; }))
      return Lock;
  return std::nullopt;
}

} // namespace

bool LockConsistency::settleClosures(
    std::vector<Method> &Methods, size_t Declared,
    const std::vector<std::pair<unsigned, const ClosureUse *>> &Closures) {
  bool Changed = false;
  // Parents come before the lambdas written in them.
  for (size_t K = 0; K < Closures.size(); ++K) {
    Method &Closure = Methods[Declared + K];
    const Method &Parent = Methods[Closures[K].first];
    const ClosureUse &Use = *Closures[K].second;
    if (Closure.Reached)
      continue;
    if (Use.RunsElsewhere) {
      // Run by another thread or later: none of the parent's locks.
      Closure.Reached = true;
      Changed = true;
    } else if (Parent.Structor) {
      Closure.Structor = true; // runs in place, on an object not shared yet
    } else if (Parent.Reached) {
      Closure.Reached = true;
      Closure.Inherited = Parent.Inherited;
      addAll(Closure.Inherited, Use.Locks);
      Changed = true;
    } else {
      Closure.Inherited = Use.Locks;
    }
  }
  return Changed;
}

bool LockConsistency::inSetup(const Access &A, const FunctionDecl &In) const {
  auto Start = SetupEnds.find(&In);
  return Start != SetupEnds.end() &&
         SM.isBeforeInTranslationUnit(SM.getExpansionLoc(A.At->getBeginLoc()), Start->second);
}

llvm::DenseSet<const FunctionDecl *> LockConsistency::ownThreadMethods(
    const std::vector<Method> &Methods, size_t Declared,
    const std::vector<std::pair<unsigned, const ClosureUse *>> &Closures) {
  llvm::DenseSet<const FunctionDecl *> Own;
  for (const Method &M : Methods) {
    const auto *Member = dyn_cast<CXXMethodDecl>(M.Definition);
    if (!M.Structor && (Accesses.of(*M.Definition).RegistersThreadOwner ||
                        (OwnThread && Member && OwnThread->calledOnlyOnOwnThread(*Member))))
      Own.insert(M.Definition);
  }
  // A private helper every caller of which is the owner's runs there too.
  for (bool Changed = true; Changed;) {
    Changed = false;
    for (const Method &Helper : Methods) {
      if (!Helper.Private || Helper.Structor || Own.contains(Helper.Definition))
        continue;
      bool Called = false, OnlyByOwner = true;
      for (const Method &Caller : Methods) {
        if (Caller.Structor)
          continue;
        for (const LockedCall &Call : Accesses.of(*Caller.Definition).Calls)
          if (Call.Callee == Helper.Definition && Call.Object && *Call.Object == Location{}) {
            Called = true;
            OnlyByOwner &= Own.contains(Caller.Definition);
          }
      }
      for (const FunctionDecl *Static : StaticMembers)
        for (const LockedCall &Call : Accesses.of(*Static).Calls)
          OnlyByOwner &= Call.Callee != Helper.Definition;
      if (Called && OnlyByOwner) {
        Own.insert(Helper.Definition);
        Changed = true;
      }
    }
    // A lambda run in place of an owner's method.
    for (size_t K = 0; K < Closures.size(); ++K)
      if (!Closures[K].second->RunsElsewhere &&
          Own.contains(Methods[Closures[K].first].Definition) &&
          Own.insert(Methods[Declared + K].Definition).second)
        Changed = true;
  }
  return Own;
}

void LockConsistency::reachHelpers(std::vector<Method> &Methods) {
  llvm::DenseMap<const FunctionDecl *, unsigned> IndexOf;
  std::vector<unsigned> Work;
  for (unsigned I = 0; I < Methods.size(); ++I)
    IndexOf[Methods[I].Definition] = I;
  // A private method a static member calls (a thread's trampoline:
  // `static void BGWork(void *db) { static_cast<Db *>(db)->BackgroundCall(); }`)
  // is entered from outside, like a public one.
  for (const FunctionDecl *Static : StaticMembers)
    for (const LockedCall &Call : Accesses.of(*Static).Calls)
      if (auto Callee = IndexOf.find(Call.Callee); Callee != IndexOf.end())
        Methods[Callee->second].Private = false;
  for (unsigned I = 0; I < Methods.size(); ++I)
    if (!Methods[I].Structor && (!Methods[I].Private || Methods[I].Reached)) {
      Methods[I].Reached = true;
      Work.push_back(I);
    }
  // Each helper's lockset only shrinks: the intersection over its callers.
  while (!Work.empty()) {
    unsigned Caller = Work.back();
    Work.pop_back();
    for (const LockedCall &Call : Accesses.of(*Methods[Caller].Definition).Calls) {
      auto Callee = IndexOf.find(Call.Callee);
      if (Callee == IndexOf.end() || Call.Owned || !Call.Object || *Call.Object != Location{})
        continue;
      Method &Helper = Methods[Callee->second];
      if (Helper.Structor)
        continue;
      if (!llvm::is_contained(Helper.Callers, std::make_pair(&Call, Caller)))
        Helper.Callers.push_back({&Call, Caller});
      if (!Helper.Private)
        continue; // anyone may call it: it holds nothing on entry
      Lockset Held = Methods[Caller].Inherited;
      addAll(Held, Call.Locks);
      if (!Helper.Reached) {
        Helper.Reached = true;
        Helper.Inherited = std::move(Held);
        Work.push_back(Callee->second);
      } else if (Lockset Common = intersect(Helper.Inherited, Held);
                 Common.size() != Helper.Inherited.size()) {
        Helper.Inherited = std::move(Common);
        Work.push_back(Callee->second);
      }
    }
  }
}

std::vector<Inconsistency> LockConsistency::find(const CXXRecordDecl &Class) {
  std::vector<Method> Methods;
  StaticMembers.clear();
  for (const CXXMethodDecl *Declared : Class.methods()) {
    if (Declared->isImplicit() || Declared->isDefaulted() || Declared->isDeleted())
      continue;
    const FunctionDecl *Definition = Accesses.userDefinition(*Declared);
    if (!Definition)
      continue;
    if (Declared->isStatic()) {
      StaticMembers.push_back(Definition);
      continue;
    }
    Method M;
    M.Definition = Definition;
    // Copy and move assignment build an object up like a constructor does:
    // the one assigned to is not shared yet.
    M.Structor = isa<CXXConstructorDecl>(Declared) || isa<CXXDestructorDecl>(Declared) ||
                 Declared->isCopyAssignmentOperator() || Declared->isMoveAssignmentOperator();
    M.Private = Declared->getAccess() == AS_private;
    Methods.push_back(std::move(M));
  }
  // Lambdas written in the methods (and in those lambdas) that capture
  // `this`: each a method of its own, reached as settleClosures says.
  size_t Declared = Methods.size();
  std::vector<std::pair<unsigned, const ClosureUse *>> Closures;
  for (unsigned I = 0; I < Methods.size(); ++I) {
    const FunctionDecl *Body = Methods[I].Definition;
    for (const ClosureUse &Use : Accesses.of(*Body).Closures) {
      Method Closure;
      Closure.Definition = Use.Body;
      Closure.Private = true; // no one calls it on `this` by name
      Methods.push_back(std::move(Closure));
      Closures.push_back({I, &Use});
    }
  }
  do
    reachHelpers(Methods);
  while (settleClosures(Methods, Declared, Closures));

  // Writes of a member under an exclusive lock, per member; a private
  // helper's write, once per caller (one may hold the lock, another not).
  llvm::DenseMap<const Decl *, std::vector<Evidence>> Guarded;
  for (const Method &M : Methods) {
    if (M.Structor)
      continue;
    // On a caller's path the locks it holds replace the unnamed one the
    // method takes on entry (the guard it is given).
    struct Path {
      Lockset Held;
      const FunctionDecl *By;
      bool Called;
    };
    llvm::SmallVector<Path, 2> Paths{{M.Inherited, M.Definition, false}};
    for (const auto &[Call, Caller] : M.Callers) {
      Lockset Held = Methods[Caller].Inherited;
      addAll(Held, Call->Locks);
      Paths.push_back({std::move(Held), Methods[Caller].Definition, true});
    }
    for (const Access &A : Accesses.of(*M.Definition).Accesses) {
      if (!A.Write || !isThisMember(A))
        continue;
      for (const Path &P : Paths) {
        Lockset Locks = P.Held;
        for (const HeldLock &Own : A.Locks)
          if (!P.Called || !Own.Any)
            addAll(Locks, {Own});
        if (holdsExclusively(Locks))
          Guarded[A.Where.Field].push_back({&A, P.By, std::move(Locks)});
      }
    }
  }
  std::vector<Inconsistency> Found;
  if (Guarded.empty())
    return Found;

  std::optional<llvm::DenseSet<const FunctionDecl *>> Own;
  for (const Method &M : Methods) {
    if (M.Structor || !M.Reached)
      continue;
    llvm::DenseSet<const Decl *> Reported;
    for (const Access &A : Accesses.of(*M.Definition).Accesses) {
      if (!isThisMember(A) || Reported.contains(A.Where.Field) || inSetup(A, *M.Definition))
        continue;
      auto Evidence = Guarded.find(A.Where.Field);
      if (Evidence == Guarded.end())
        continue;
      Lockset Held = M.Inherited;
      addAll(Held, A.Locks);
      for (const struct Evidence &W : Evidence->second) {
        if (excludeEachOther(Held, W.Locks) || lazyInitialisationPair(A, *W.Write))
          continue;
        std::optional<HeldLock> Lock = missingLock(W.Locks, Held);
        if (!Lock)
          continue;
        // Both on the thread that owns the object: they cannot overlap.
        // Asked last, of a finding about to be made (the first question
        // walks the translation unit).
        if (!Own)
          Own = ownThreadMethods(Methods, Declared, Closures);
        if (Own->contains(M.Definition) && Own->contains(W.Write->In))
          continue;
        Inconsistency I{&A, M.Definition, Held, W.Write, W.In, *Lock, nullptr, nullptr};
        if (M.Private)
          for (const auto &[Call, Caller] : M.Callers) {
            Lockset Path = Methods[Caller].Inherited;
            addAll(Path, Call->Locks);
            if (llvm::none_of(Path,
                              [&](const HeldLock &H) { return H.Any || H.Mutex == Lock->Mutex; })) {
              I.Via = Call;
              I.ViaIn = Methods[Caller].Definition;
              break;
            }
          }
        Found.push_back(std::move(I));
        Reported.insert(A.Where.Field);
        break;
      }
    }
  }
  return Found;
}

} // namespace asynclint
