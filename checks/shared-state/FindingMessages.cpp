//===--- FindingMessages.cpp ----------------------------------------------===//
#include "shared-state/FindingMessages.h"
#include "common/CatalogCheck.h"
#include "common/FactChannel.h"
#include "common/QualifiedName.h"
#include "shared-state/LockConsistency.h"
#include "shared-state/RaceFinder.h"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>

namespace asynclint {

using namespace clang;

std::string locationName(const Location &Where) {
  std::string Root;
  if (const auto *Var = dyn_cast_or_null<VarDecl>(Where.Root)) {
    if (const auto *Function = dyn_cast<FunctionDecl>(Var->getDeclContext()))
      Root = qualifiedName(*Function) + "::" + Var->getName().str();
    else
      Root = qualifiedName(*Var);
  }
  const auto *Field = dyn_cast_or_null<NamedDecl>(Where.Field);
  if (!Field)
    return Root;
  if (Root.empty())
    return qualifiedName(*Field);
  return Root + "." + Field->getName().str();
}

namespace {

std::string entryName(const SpawnSite &Site) {
  if (Site.Lambda)
    return Site.Spawner ? "the lambda started in '" + Site.Spawner->getQualifiedNameAsString() + "'"
                        : "a lambda";
  return "'" + Site.Entry->getQualifiedNameAsString() + "'";
}

std::string partyName(const PartyAccess &Party, const std::vector<SpawnSite> &Spawns,
                      bool Another) {
  const SpawnSite &Site = Spawns[Party.Spawn];
  if (Party.SpawnerSide)
    return "'" + Site.Spawner->getQualifiedNameAsString() + "' (which started the thread)";
  return std::string(Another ? "another" : "a") + " thread running " + entryName(Site);
}

std::string functionName(const FunctionDecl &Function) {
  return Function.getQualifiedNameAsString();
}

/// A function as a message names it, quoted: a lambda by the function it
/// is written in (`a lambda in 'Worker::start'`).
std::string quotedFunction(const FunctionDecl &Function) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Function);
      Method && Method->getParent()->isLambda())
    if (const auto *Enclosing = dyn_cast<FunctionDecl>(Method->getParent()->getDeclContext()))
      return "a lambda in " + quotedFunction(*Enclosing);
  return "'" + functionName(Function) + "'";
}

} // namespace

bool FindingMessages::firstAt(SourceLocation At) {
  return Reported.insert(At.getRawEncoding()).second;
}

void FindingMessages::race(const Race &Found, const std::vector<SpawnSite> &Spawns) {
  const PartyAccess &Warn = Found.Unguarded, &Other = Found.Other;
  SourceLocation At = Warn.What->At->getExprLoc();
  if (!firstAt(At))
    return;
  if (Warn.What->Where.Field)
    RacedIn.insert({Warn.What->Where.Field, Warn.What->In});
  std::string Name = locationName(Found.Where);
  bool SameSpawn = !Warn.SpawnerSide && !Other.SpawnerSide &&
                   Spawns[Warn.Spawn].Entry == Spawns[Other.Spawn].Entry;
  std::string Here = partyName(Warn, Spawns, false);
  std::string There = partyName(Other, Spawns, SameSpawn);
  SourceRange Range = Warn.What->At->getSourceRange();
  if (facts::currentSink()) {
    nlohmann::json Properties = {{"variable", Name},
                                 {"access", Warn.What->Write ? "write" : "read"},
                                 {"other_access", Other.What->Write ? "write" : "read"}};
    if (Found.UsualLock)
      Properties["usual_lock"] = locationName(Found.UsualLock->Mutex);
    Check.recordFindingFacts(Warn.What->In->getASTContext().getSourceManager(), At,
                             std::move(Properties));
  }
  if (Found.UsualLock) {
    Check.diag(At, "'%0' is %select{read|written}1 in %2 without holding '%3', which guards its "
                   "other accesses, while %4 %select{reads|writes}5 it concurrently (data race); "
                   "take '%3' here too, or make it std::atomic")
        << Name << Warn.What->Write << Here << locationName(Found.UsualLock->Mutex) << There
        << Other.What->Write << Range;
  } else if (Lockset Readers = intersect(Warn.Locks, Other.Locks);
             !Readers.empty() && !Readers.front().Any) {
    Check.diag(At, "'%0' is %select{read|written}1 in %2 holding '%3' only as a reader lock, "
                   "which does not exclude %4, which %select{reads|writes}5 it concurrently "
                   "(data race); take '%3' exclusively (std::unique_lock) to write")
        << Name << Warn.What->Write << Here << locationName(Readers.front().Mutex) << There
        << Other.What->Write << Range;
  } else {
    Check.diag(At, "'%0' is %select{read|written}1 in %2 %select{without a lock|holding no lock "
                   "in common with the other access}3, while %4 %select{reads|writes}5 it "
                   "concurrently (data race); guard every access with one mutex "
                   "(std::lock_guard) or make it std::atomic")
        << Name << Warn.What->Write << Here << !Warn.Locks.empty() << There << Other.What->Write
        << Range;
  }
  if (Other.What != Warn.What)
    Check.diag(Other.What->At->getExprLoc(), "conflicting %select{read|write}0 of '%1' in %2",
               DiagnosticIDs::Note)
        << Other.What->Write << Name << There;
  if (Found.Guarded)
    Check.diag(Found.Guarded->At->getExprLoc(), "'%0' is accessed holding '%1' here",
               DiagnosticIDs::Note)
        << Name << locationName(Found.UsualLock->Mutex);
  llvm::SmallVector<unsigned, 2> Sites{Warn.Spawn};
  if (Other.Spawn != Warn.Spawn)
    Sites.push_back(Other.Spawn);
  for (unsigned I : Sites) {
    const SpawnSite &Site = Spawns[I];
    if (!Site.Start)
      Check.diag(Site.Entry->getLocation(), "%0 runs on several threads (ThreadEntryFunctions)",
                 DiagnosticIDs::Note)
          << entryName(Site);
    else
      Check.diag(Site.Start->getExprLoc(),
                 "%0 starts on another thread here%select{|, more than once}1", DiagnosticIDs::Note)
          << entryName(Site) << Site.Multiple;
  }
}

void FindingMessages::inconsistency(const Inconsistency &Found) {
  SourceLocation At = Found.Unguarded->At->getExprLoc();
  if (RacedIn.contains({Found.Unguarded->Where.Field, Found.In}) || !firstAt(At))
    return;
  std::string Name = locationName(Found.Unguarded->Where);
  std::string Lock = locationName(Found.Lock.Mutex);
  if (facts::currentSink())
    Check.recordFindingFacts(Found.In->getASTContext().getSourceManager(), At,
                             {{"variable", Name},
                              {"access", Found.Unguarded->Write ? "write" : "read"},
                              {"other_access", "write"},
                              {"usual_lock", Lock}});
  Check.diag(At, "'%0' is %select{read|written}1 in %2 without holding '%3', which %4 holds "
                 "to write it; a class that locks is used from several threads, so this "
                 "%select{read|write}1 races with that write (data race); take '%3' here too, "
                 "or make it std::atomic")
      << Name << Found.Unguarded->Write << quotedFunction(*Found.In) << Lock
      << quotedFunction(*Found.GuardedIn) << Found.Unguarded->At->getSourceRange();
  Check.diag(Found.Guarded->At->getExprLoc(), "'%0' is written holding '%1' here",
             DiagnosticIDs::Note)
      << Name << Lock;
  if (Found.Via)
    Check.diag(Found.Via->At->getExprLoc(), "'%0' is called from %1 without '%2' here",
               DiagnosticIDs::Note)
        << functionName(*Found.In) << quotedFunction(*Found.ViaIn) << Lock;
}

} // namespace asynclint
