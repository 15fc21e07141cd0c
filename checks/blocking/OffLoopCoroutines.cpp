//===--- OffLoopCoroutines.cpp --------------------------------------------===//
#include "blocking/OffLoopCoroutines.h"
#include "common/QualifiedName.h"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>

namespace asynclint {

using namespace clang;

OffLoopCoroutines::OffLoopCoroutines(const catalog::Catalog &Catalog) {
  for (const catalog::SpawnCall &Call : Catalog.OffLoop.SpawnCalls)
    for (const std::string &Spelling : Catalog.spellingsOf(Call.Name))
      SpawnCalls.try_emplace(Spelling, Call);
  for (const std::string &Type : Catalog.OffLoop.PoolExecutorTypes)
    for (const std::string &Spelling : Catalog.spellingsOf(Type))
      PoolExecutorTypes.insert(Spelling);
  for (const catalog::OffLoopKnowledge::Switch &Switch : Catalog.OffLoop.SwitchToPool)
    for (const std::string &Spelling : Catalog.spellingsOf(Switch.Name))
      SwitchToPool.try_emplace(Spelling, Switch);
}

std::vector<std::string> OffLoopCoroutines::spawnCallNames() const {
  std::vector<std::string> Result;
  for (const auto &Entry : SpawnCalls)
    Result.push_back("::" + Entry.getKey().str());
  return Result;
}

bool OffLoopCoroutines::isPoolExecutor(const Expr &Executor) {
  const CXXRecordDecl *Class = classOf(Executor.IgnoreParenImpCasts()->getType());
  return Class && PoolExecutorTypes.contains(Names.nameOf(*Class));
}

static const Expr *stripWrappers(const Expr *E) {
  while (true) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Temporary = dyn_cast<MaterializeTemporaryExpr>(E))
      E = Temporary->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
      E = Bind->getSubExpr();
    else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
             Construct && Construct->getNumArgs() == 1 && !isa<CXXTemporaryObjectExpr>(E))
      E = Construct->getArg(0);
    else
      return E;
  }
}

void OffLoopCoroutines::noteSpawnCall(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee)
    return;
  auto Entry = SpawnCalls.find(Names.nameOf(*Callee));
  if (Entry == SpawnCalls.end())
    return;
  const catalog::SpawnCall &Spawn = Entry->second;
  if (Spawn.ExecutorArg >= Call.getNumArgs() || Spawn.FunctionArg >= Call.getNumArgs() ||
      !isPoolExecutor(*Call.getArg(Spawn.ExecutorArg)))
    return;

  const Expr *Started = stripWrappers(Call.getArg(Spawn.FunctionArg));
  if (const auto *Lambda = dyn_cast<LambdaExpr>(Started)) {
    OffLoopClosures.insert(Lambda->getLambdaClass());
  } else if (const auto *Coroutine = dyn_cast<CallExpr>(Started)) {
    if (const FunctionDecl *Function = Coroutine->getDirectCallee())
      ++PoolSpawns[Function->getCanonicalDecl()];
  }
}

void OffLoopCoroutines::noteUse(const FunctionDecl &Coroutine) {
  ++Uses[Coroutine.getCanonicalDecl()];
}

bool OffLoopCoroutines::runsOffLoop(const FunctionDecl &Coroutine) const {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Coroutine);
      Method && OffLoopClosures.contains(Method->getParent()))
    return true;
  const FunctionDecl *Key = Coroutine.getCanonicalDecl();
  auto Spawned = PoolSpawns.find(Key);
  if (Spawned == PoolSpawns.end())
    return false;
  auto Used = Uses.find(Key);
  return Used != Uses.end() && Used->second == Spawned->second;
}

bool OffLoopCoroutines::switchesToPool(const CallSite &Site) {
  std::string Matched;
  const catalog::OffLoopKnowledge::Switch *Switch =
      lookupCallee(SwitchToPool, Site, Names, Matched);
  if (!Switch)
    return false;
  if (Switch->PoolArg < 0)
    return true;
  const auto *Call = dyn_cast<CallExpr>(Site.Call);
  return Call && static_cast<unsigned>(Switch->PoolArg) < Call->getNumArgs() &&
         isPoolExecutor(*Call->getArg(Switch->PoolArg));
}

void OffLoopCoroutines::clear() {
  Names.clear();
  OffLoopClosures.clear();
  PoolSpawns.clear();
  Uses.clear();
}

} // namespace asynclint
