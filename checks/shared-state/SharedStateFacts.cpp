//===--- SharedStateFacts.cpp ---------------------------------------------===//
#include "shared-state/SharedStateFacts.h"
#include "common/AstFacts.h"
#include "common/FactChannel.h"
#include "shared-state/FindingMessages.h"
#include "shared-state/FunctionAccesses.h"
#include "shared-state/ThreadSpawns.h"

#include <clang/AST/Decl.h>
#include <clang/AST/Expr.h>
#include <clang/Basic/SourceManager.h>
#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/SetVector.h>

#include <algorithm>
#include <set>
#include <tuple>

namespace asynclint {

using namespace clang;

namespace {

class Recorder {
public:
  Recorder(AccessCollector &Accesses, const std::vector<SpawnSite> &Spawns,
           const SpawnResolver &Resolver, const SourceManager &SM)
      : Accesses(Accesses), Spawns(Spawns), Resolver(Resolver), SM(SM), Names(SM) {}

  std::optional<facts::SharedStateFacts> factsOf(const FunctionDecl &Function) {
    facts::SharedStateFacts Facts;
    const FunctionAccesses &Made = Accesses.of(Function);
    llvm::DenseMap<const Access *, unsigned> Recorded;
    for (const Access &A : Made.Accesses)
      if (std::optional<facts::SharedAccess> Shared = sharedAccess(A)) {
        Recorded[&A] = Facts.Accesses.size();
        Facts.Accesses.push_back(std::move(*Shared));
      }
    std::set<std::pair<std::string, std::vector<facts::SharedLock>>> Called;
    for (const auto *List : {&Made.Calls, &Made.ExternalCalls})
      for (const LockedCall &Call : *List) {
        facts::SharedCall Fact{Names.function(*Call.Callee), locks(Call.Locks),
                               Names.place(Call.At->getExprLoc())};
        if (Called.insert({Fact.Callee.Id, Fact.Locks}).second)
          Facts.Calls.push_back(std::move(Fact));
      }
    std::vector<const SpawnSite *> Started;
    for (const SpawnSite &Site : Spawns)
      if (Site.Spawner == &Function && Site.Start && (Site.Entry || Site.DeclaredEntry))
        Started.push_back(&Site);
    for (const SpawnSite *Site : Started)
      Facts.Starts.push_back(start(*Site, Started, Made, Recorded));
    if (Facts.Accesses.empty() && Facts.Calls.empty() && Facts.Starts.empty())
      return std::nullopt;
    Facts.Function = Names.function(Function);
    Facts.At = Names.place(Function.getLocation());
    return Facts;
  }

private:
  /// A global, a static or a static data member, and a member of one:
  /// the same object in every unit. Nothing for any other location.
  std::optional<std::pair<std::string, std::string>> identity(const Location &Where) {
    const auto *Var = dyn_cast_or_null<VarDecl>(Where.Root);
    if (!Var || !Var->hasGlobalStorage() || Var->getTLSKind() != VarDecl::TLS_None)
      return std::nullopt;
    std::string Id = facts::declarationId(*Var, SM);
    if (const auto *Field = dyn_cast_or_null<NamedDecl>(Where.Field))
      Id += "." + Field->getNameAsString();
    return std::make_pair(std::move(Id), locationName(Where));
  }

  std::vector<facts::SharedLock> locks(const Lockset &Held) {
    std::vector<facts::SharedLock> Result;
    for (const HeldLock &Lock : Held) {
      std::optional<std::pair<std::string, std::string>> Named;
      if (!Lock.Any)
        Named = identity(Lock.Mutex);
      Result.push_back(Named ? facts::SharedLock{Named->first, Named->second, Lock.Shared, false}
                             : facts::SharedLock{"", "", false, true});
    }
    std::sort(Result.begin(), Result.end());
    Result.erase(std::unique(Result.begin(), Result.end()), Result.end());
    return Result;
  }

  std::optional<facts::SharedAccess> sharedAccess(const Access &A) {
    std::optional<std::pair<std::string, std::string>> Named = identity(A.Where);
    if (!Named)
      return std::nullopt;
    return facts::SharedAccess{Named->first,
                               Named->second,
                               A.Write,
                               A.Deref,
                               A.LazyInit,
                               locks(A.Locks),
                               Names.place(A.At->getExprLoc())};
  }

  facts::ThreadStartFacts start(const SpawnSite &Site,
                                const std::vector<const SpawnSite *> &Started,
                                const FunctionAccesses &Made,
                                const llvm::DenseMap<const Access *, unsigned> &Recorded) {
    facts::ThreadStartFacts Start;
    Start.Entry = Names.function(Site.Entry ? *Site.Entry : *Site.DeclaredEntry);
    Start.Multiple = Site.Multiple;
    Start.Closed = Site.Closed;
    Start.At = Names.place(Site.Start->getExprLoc());
    // The starter's side of the race, as RaceFinder takes it.
    for (const Access &A : Made.Accesses) {
      auto Shared = Recorded.find(&A);
      SourceLocation At = SM.getExpansionLoc(A.At->getBeginLoc());
      if (Shared != Recorded.end() && SM.isBeforeInTranslationUnit(Site.WindowBegin, At) &&
          SM.isBeforeInTranslationUnit(At, Site.WindowEnd))
        Start.During.push_back(Shared->second);
    }
    for (unsigned I = 0; I < Started.size(); ++I)
      if (Started[I] != &Site && Resolver.overlap(Site, *Started[I]))
        Start.Overlaps.push_back(I);
    return Start;
  }

  AccessCollector &Accesses;
  const std::vector<SpawnSite> &Spawns;
  const SpawnResolver &Resolver;
  const SourceManager &SM;
  facts::UnitNamer Names;
};

} // namespace

void recordSharedStateFacts(facts::FactSink &Sink, AccessCollector &Accesses,
                            const std::vector<SpawnSite> &Spawns, const SpawnResolver &Resolver,
                            llvm::ArrayRef<const FunctionDecl *> Definitions,
                            const SourceManager &SM) {
  // The definitions, then the starters and lambda entries (a lambda's call
  // operator may not be among the definitions matched), once each.
  llvm::SetVector<const FunctionDecl *> Functions;
  for (const FunctionDecl *Function : Definitions)
    Functions.insert(Function);
  for (const SpawnSite &Site : Spawns)
    for (const FunctionDecl *Function : {Site.Spawner, Site.Entry})
      if (Function && Accesses.userDefinition(*Function) == Function)
        Functions.insert(Function);
  Recorder Record(Accesses, Spawns, Resolver, SM);
  for (const FunctionDecl *Function : Functions)
    if (Function->getBody() && !Function->isDependentContext())
      if (std::optional<facts::SharedStateFacts> Facts = Record.factsOf(*Function))
        Sink.sharedState(std::move(*Facts));
}

} // namespace asynclint
