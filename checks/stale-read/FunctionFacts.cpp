//===--- FunctionFacts.cpp ------------------------------------------------===//
#include "stale-read/FunctionFacts.h"
#include "common/EvaluatedCodeVisitor.h"
#include "common/UserCode.h"
#include "stale-read/ExprShapes.h"
#include "stale-read/FlowWalker.h"
#include "stale-read/StaleReadIndex.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/StmtCXX.h>
#include <clang/Basic/SourceManager.h>

namespace asynclint {

using namespace clang;

namespace {

/// The co_await and co_yield expressions a coroutine body evaluates.
class SuspensionCollector : public EvaluatedCodeVisitor<SuspensionCollector> {
public:
  bool VisitCoawaitExpr(CoawaitExpr *Await) {
    Awaits.push_back(Await);
    return true;
  }
  bool VisitCoyieldExpr(CoyieldExpr *Yield) {
    Yields = true;
    return true;
  }

  llvm::SmallVector<const CoawaitExpr *, 8> Awaits;
  bool Yields = false;
};

/// The call a task or awaitable expression comes from, through moves and a
/// local variable holding it (`auto t = work(); co_await std::move(t);`).
const CallExpr *originCall(const Expr &E) {
  const Expr *Current = unwrap(&E);
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Current))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->hasLocalStorage() && Var->getInit())
      Current = unwrap(Var->getInit());
  return dyn_cast<CallExpr>(Current);
}

} // namespace

const FunctionDecl *FactsCollector::userDefinition(const FunctionDecl &Callee) const {
  const FunctionDecl *Definition = asynclint::userDefinition(Callee, Context.getSourceManager());
  // A library's placeholder or internals say nothing the catalog does not:
  // its calls are what the catalog says they are (a suspension, a start).
  return Definition && !Index.isLibraryCode(*Definition) ? Definition : nullptr;
}

const FunctionFacts &FactsCollector::of(const FunctionDecl &Function) {
  std::unique_ptr<FunctionFacts> &Known = Facts[&Function];
  if (!Known) {
    Known = std::make_unique<FunctionFacts>();
    FlowWalker(*this, Function, *Known).run();
  }
  return *Known;
}

bool FactsCollector::awaitMaySuspend(const Expr &Operand) {
  if (Index.isReadyAwaitable(Operand.getType()))
    return false;
  const CallExpr *Call = originCall(Operand);
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  const FunctionDecl *Definition = Callee ? userDefinition(*Callee) : nullptr;
  if (!Definition || !isa<CoroutineBodyStmt>(Definition->getBody()))
    return true;
  return maySuspend(*Definition);
}

bool FactsCollector::awaitsAnything(const FunctionDecl &Coroutine) {
  auto [Known, Inserted] = Awaits.try_emplace(&Coroutine, false);
  if (Inserted)
    if (const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(Coroutine.getBody())) {
      SuspensionCollector Collector;
      Collector.TraverseStmt(Body->getBody());
      Known->second = !Collector.Awaits.empty();
    }
  return Known->second;
}

bool FactsCollector::maySuspend(const FunctionDecl &Coroutine) {
  auto [Known, Inserted] = Suspends.try_emplace(&Coroutine, 0);
  if (!Inserted)
    return Known->second != 1;
  const auto *Body = dyn_cast_or_null<CoroutineBodyStmt>(Coroutine.getBody());
  bool Result = true;
  if (Body) {
    SuspensionCollector Collector;
    Collector.TraverseStmt(Body->getBody());
    Result = Collector.Yields || llvm::any_of(Collector.Awaits, [&](const CoawaitExpr *Await) {
               return awaitMaySuspend(*Await->getOperand());
             });
  }
  Suspends[&Coroutine] = Result ? 2 : 1;
  return Result;
}

} // namespace asynclint
