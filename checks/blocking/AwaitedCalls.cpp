//===--- AwaitedCalls.cpp -------------------------------------------------===//
#include "blocking/AwaitedCalls.h"
#include "common/EvaluatedCodeVisitor.h"

#include <clang/AST/ExprCXX.h>
#include <clang/AST/StmtCXX.h>

namespace asynclint {

using namespace clang;

namespace {

const CallExpr *callIn(const Expr *E) {
  if (!E)
    return nullptr;
  while (true) {
    const Expr *Next = E->IgnoreImplicit()->IgnoreParens();
    if (Next == E)
      break;
    E = Next;
  }
  return dyn_cast<CallExpr>(E);
}

class AwaitedCallsFinder : public EvaluatedCodeVisitor<AwaitedCallsFinder> {
public:
  explicit AwaitedCallsFinder(AwaitedCalls &Found) : Found(Found) {}

  bool VisitCoawaitExpr(CoawaitExpr *Await) {
    if (const CallExpr *Call = callIn(Await->getOperand()))
      Found.Awaited.insert(Call);
    return true;
  }

  // In a coroutine template whose promise depends on a template parameter,
  // co_await stays dependent until instantiation; the pattern is checked too.
  bool VisitDependentCoawaitExpr(DependentCoawaitExpr *Await) {
    if (const CallExpr *Call = callIn(Await->getOperand()))
      Found.Awaited.insert(Call);
    return true;
  }

  bool VisitCompoundStmt(CompoundStmt *Block) {
    for (const Stmt *Child : Block->body())
      if (const auto *Statement = dyn_cast<Expr>(Child))
        if (const CallExpr *Call = callIn(Statement))
          Found.Discarded.push_back(Call);
    return true;
  }

private:
  AwaitedCalls &Found;
};

} // namespace

AwaitedCalls findAwaitedCalls(const Stmt &Body) {
  AwaitedCalls Found;
  AwaitedCallsFinder(Found).TraverseStmt(const_cast<Stmt *>(&Body));
  return Found;
}

} // namespace asynclint
