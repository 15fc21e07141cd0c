//===--- OffLoopCoroutines.cpp --------------------------------------------===//
#include "blocking/OffLoopCoroutines.h"
#include "common/QualifiedName.h"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <llvm/ADT/STLExtras.h>

#include <algorithm>

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
  for (const std::string &Type : Catalog.OffLoop.ExecutorTagTypes)
    for (const std::string &Spelling : Catalog.spellingsOf(Type))
      ExecutorTagTypes.insert(Spelling);
}

std::vector<std::string> OffLoopCoroutines::spawnCallNames() const {
  // Unqualified: hasName("::ns::Class::member") does not match the members of
  // a class template specialization (concurrencpp's
  // derivable_executor<thread_executor>::post). noteSpawnCall compares the
  // qualified name.
  std::vector<std::string> Result;
  for (const auto &Entry : SpawnCalls) {
    llvm::StringRef Name = Entry.getKey();
    size_t Colons = Name.rfind("::");
    Result.push_back((Colons == llvm::StringRef::npos ? Name : Name.substr(Colons + 2)).str());
  }
  llvm::sort(Result);
  Result.erase(std::unique(Result.begin(), Result.end()), Result.end());
  return Result;
}

bool OffLoopCoroutines::isPoolExecutor(const Expr &Executor) {
  return isPoolExecutorType(handledClassOf(Executor.IgnoreParenImpCasts()->getType()));
}

bool OffLoopCoroutines::isPoolExecutorType(const CXXRecordDecl *Class) {
  if (!Class)
    return false;
  // An executor held through its abstract base (concurrencpp's
  // std::shared_ptr<executor>) was chosen by the caller to run the work; its
  // kind is not known, and a finding would rest on a guess.
  if (Class->hasDefinition() && Class->isAbstract())
    return true;
  return PoolExecutorTypes.contains(Names.nameOf(*Class));
}

/// The argument \p Index of \p Call, or its object for ObjectArgument.
static const Expr *argumentOf(const CallExpr &Call, int Index) {
  if (Index == catalog::ObjectArgument) {
    const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call);
    return Member ? Member->getImplicitObjectArgument() : nullptr;
  }
  llvm::ArrayRef<const Expr *> Arguments = callArguments(Call);
  return static_cast<size_t>(Index) < Arguments.size() ? Arguments[Index] : nullptr;
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
  if (!Callee || !CountedUses.insert(&Call).second)
    return;
  std::string Matched;
  const catalog::SpawnCall *Spawn =
      lookupCallee(SpawnCalls, CallSite{&Call, Callee, nullptr}, Names, Matched);
  if (!Spawn)
    return;
  const Expr *Executor = argumentOf(Call, Spawn->ExecutorArg);
  const Expr *Function = argumentOf(Call, Spawn->FunctionArg);
  if (!Executor || !Function || !isPoolExecutor(*Executor))
    return;

  const Expr *Started = stripWrappers(Function);
  if (const auto *Lambda = dyn_cast<LambdaExpr>(Started)) {
    OffLoopClosures.insert(Lambda->getLambdaClass());
  } else if (const auto *Coroutine = dyn_cast<CallExpr>(Started)) {
    if (const FunctionDecl *Function = Coroutine->getDirectCallee())
      ++PoolSpawns[Function->getCanonicalDecl()];
  }
}

void OffLoopCoroutines::noteUse(const Expr &Use, const FunctionDecl &Coroutine) {
  if (CountedUses.insert(&Use).second)
    ++Uses[Coroutine.getCanonicalDecl()];
}

void OffLoopCoroutines::notePoolCall(const FunctionDecl &Coroutine) {
  ++PoolSpawns[Coroutine.getCanonicalDecl()];
}

bool OffLoopCoroutines::runsOffLoop(const FunctionDecl &Coroutine) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Coroutine);
      Method && OffLoopClosures.contains(Method->getParent()))
    return true;
  if (Coroutine.getNumParams() >= 2) {
    const CXXRecordDecl *Tag = classOf(Coroutine.getParamDecl(0)->getType());
    if (Tag && ExecutorTagTypes.contains(Names.nameOf(*Tag)) &&
        isPoolExecutorType(handledClassOf(Coroutine.getParamDecl(1)->getType())))
      return true;
  }
  const FunctionDecl *Key = Coroutine.getCanonicalDecl();
  auto Spawned = PoolSpawns.find(Key);
  if (Spawned == PoolSpawns.end())
    return false;
  auto Used = Uses.find(Key);
  return Used != Uses.end() && Used->second == Spawned->second;
}

bool OffLoopCoroutines::isSwitch(const CallSite &Site, std::string &Name) {
  return lookupCallee(SwitchToPool, Site, Names, Name) != nullptr;
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
  const Expr *Pool = Call ? argumentOf(*Call, Switch->PoolArg) : nullptr;
  return Pool && isPoolExecutor(*Pool);
}

void OffLoopCoroutines::clear() {
  Names.clear();
  OffLoopClosures.clear();
  PoolSpawns.clear();
  Uses.clear();
  CountedUses.clear();
}

} // namespace asynclint
