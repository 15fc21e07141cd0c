//===--- BlockingFacts.cpp ------------------------------------------------===//
#include "blocking/BlockingFacts.h"
#include "common/QualifiedName.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/StmtCXX.h>
#include <clang/Basic/SourceManager.h>
#include <llvm/ADT/StringSet.h>

#include <map>

namespace asynclint {

using namespace clang;

static bool isCoroutine(const FunctionDecl &Function) {
  return isa_and_nonnull<CoroutineBodyStmt>(Function.getBody());
}

void BlockingFactRecorder::noteDefinition(const FunctionDecl &Function) {
  if (!Function.isDependentContext() && Function.getBody())
    Definitions.push_back(&Function);
}

void BlockingFactRecorder::noteOpenCall(const FunctionDecl &Coroutine, const CallSite &Site) {
  OpenCalls[&Coroutine].push_back(Site);
}

std::optional<facts::Call> BlockingFactRecorder::userCall(const CallSite &Site,
                                                          const SourceManager &SM,
                                                          facts::UnitNamer &Names) const {
  const FunctionDecl *Callee = Site.Callee;
  if (!Callee || Callee->isImplicit() || Callee->getBuiltinID() ||
      SM.isInSystemHeader(Callee->getLocation()) || Index.isAllowed(*Callee))
    return std::nullopt;
  // A coroutine's body is analysed as a coroutine, never as its caller's.
  if (const FunctionDecl *Definition = Callee->getDefinition();
      Definition && isCoroutine(*Definition))
    return std::nullopt;
  return facts::Call{Names.function(*Callee), Names.place(Site.Call->getExprLoc())};
}

facts::FunctionFacts BlockingFactRecorder::factsOf(const FunctionDecl &Function,
                                                   const SourceManager &SM,
                                                   facts::UnitNamer &Names) const {
  facts::FunctionFacts Facts;
  Facts.Function = Names.function(Function);
  Facts.At = Names.place(Function.getLocation());
  Facts.Coroutine = isCoroutine(Function);
  // What a coroutine's body calls is its own business: callers do not run it.
  if (Facts.Coroutine)
    return Facts;
  llvm::StringSet<> Called;
  for (const CallSite &Site : collectCallSites(*Function.getBody())) {
    if (std::optional<BlockingMatch> Blocking = Index.match(Site)) {
      if (!Facts.Blocking)
        Facts.Blocking =
            facts::BlockingCall{Blocking->Name, Blocking->Category->Id, Blocking->Category->What,
                                Blocking->Category->Advice, Names.place(Site.Call->getExprLoc())};
      continue;
    }
    if (std::optional<facts::Call> Call = userCall(Site, SM, Names);
        Call && Called.insert(Call->Callee.Id).second)
      Facts.Calls.push_back(std::move(*Call));
  }
  return Facts;
}

void BlockingFactRecorder::flush(const ASTContext &Context, OffLoopCoroutines &OffLoop) {
  const SourceManager &SM = Context.getSourceManager();
  facts::UnitNamer Names(SM);
  for (const FunctionDecl *Function : Definitions) {
    facts::FunctionFacts Facts = factsOf(*Function, SM, Names);
    if (auto Open = OpenCalls.find(Function); Open != OpenCalls.end()) {
      facts::CoroutineFacts Coroutine;
      Coroutine.Description = describeFunction(*Function);
      Coroutine.Library = Index.coroutineLibrary(*Function);
      Coroutine.OffLoop = OffLoop.runsOffLoop(*Function);
      for (const CallSite &Site : Open->second)
        if (std::optional<facts::Call> Call = userCall(Site, SM, Names))
          Coroutine.OpenCalls.push_back(std::move(*Call));
      Facts.CoroutineCalls = std::move(Coroutine);
    }
    Sink.function(std::move(Facts));
  }
  std::map<std::string, facts::CoroutineUses> Coroutines;
  for (const auto &[Coroutine, Count] : OffLoop.uses())
    if (!SM.isInSystemHeader(Coroutine->getLocation()))
      Coroutines[Names.function(*Coroutine).Id].Uses += Count;
  for (const auto &[Coroutine, Count] : OffLoop.poolSpawns())
    if (!SM.isInSystemHeader(Coroutine->getLocation()))
      Coroutines[Names.function(*Coroutine).Id].PoolSpawns += Count;
  for (const auto &[Id, Counted] : Coroutines)
    Sink.coroutineUses(Id, Counted);
  Definitions.clear();
  OpenCalls.clear();
}

} // namespace asynclint
