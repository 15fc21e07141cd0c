//===--- IterationDependence.cpp ------------------------------------------===//
#include "immediate-await/IterationDependence.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/StmtCXX.h>

namespace asynclint {

using namespace clang;

namespace {

bool isLoop(const Stmt &S) { return isa<ForStmt, WhileStmt, DoStmt, CXXForRangeStmt>(S); }

const Stmt *loopBody(const Stmt &Loop) {
  if (const auto *For = dyn_cast<ForStmt>(&Loop))
    return For->getBody();
  if (const auto *While = dyn_cast<WhileStmt>(&Loop))
    return While->getBody();
  if (const auto *Do = dyn_cast<DoStmt>(&Loop))
    return Do->getBody();
  return cast<CXXForRangeStmt>(&Loop)->getBody();
}

/// A return, goto or throw anywhere in \p S, or a break that leaves S
/// itself (not an inner loop or switch): the iterations of the loop whose
/// body is S may stop on a result.
bool leavesLoopEarly(const Stmt &S, bool Nested = false) {
  if (isa<ReturnStmt, CoreturnStmt, GotoStmt, IndirectGotoStmt, CXXThrowExpr>(S))
    return true;
  if (isa<BreakStmt>(S) && !Nested)
    return true;
  if (isa<LambdaExpr>(S))
    return false;
  bool Inner = Nested || isLoop(S) || isa<SwitchStmt>(S);
  for (const Stmt *Child : S.children())
    if (Child && leavesLoopEarly(*Child, Inner))
      return true;
  return false;
}

void collectDeclaredVars(const Stmt &S, llvm::SmallPtrSetImpl<const ValueDecl *> &Out) {
  if (isa<LambdaExpr>(S))
    return;
  if (const auto *Declaration = dyn_cast<DeclStmt>(&S))
    for (const Decl *D : Declaration->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D))
        Out.insert(Var);
  for (const Stmt *Child : S.children())
    if (Child)
      collectDeclaredVars(*Child, Out);
}

} // namespace

/// Whether the iterations of \p Loop could overlap: no iteration's start
/// uses what an earlier iteration changed, and no iteration decides on a
/// result whether the loop goes on.
bool iterationsIndependent(const Stmt &Loop, const References &Inputs, ASTContext &Context,
                           const Stmt *Spawn) {
  const Stmt *Body = loopBody(Loop);
  if (!Body || leavesLoopEarly(*Body))
    return false;
  // do { } while (false) runs once. An endless loop (for (;;), while (true))
  // is driven by events (a connection, a timer, a queue): its iterations
  // are meant to follow each other.
  const Expr *Cond = nullptr;
  bool HasCond = true;
  if (const auto *Do = dyn_cast<DoStmt>(&Loop))
    Cond = Do->getCond();
  else if (const auto *While = dyn_cast<WhileStmt>(&Loop))
    Cond = While->getCond();
  else if (const auto *For = dyn_cast<ForStmt>(&Loop))
    HasCond = (Cond = For->getCond()) != nullptr;
  bool Constant = true;
  if (!HasCond ||
      (Cond && !Cond->isValueDependent() && Cond->EvaluateAsBooleanCondition(Constant, Context)))
    return false;
  // Another suspension in the body (a timer, a write of the result) paces
  // or orders the iterations.
  llvm::SmallVector<const Stmt *, 2> Suspensions;
  collectNodes(
      *Body, [](const Stmt &N) { return isa<CoroutineSuspendExpr, DependentCoawaitExpr>(N); },
      Suspensions);
  if (Suspensions.size() > 1)
    return false;
  llvm::SmallPtrSet<const ValueDecl *, 8> BodyLocals;
  collectDeclaredVars(*Body, BodyLocals);

  auto MutableShared = [&](const ValueDecl &D) {
    if (const auto *Field = dyn_cast<FieldDecl>(&D))
      return !Field->getType().isConstQualified();
    const auto *Var = dyn_cast<VarDecl>(&D);
    if (const auto *Binding = dyn_cast<BindingDecl>(&D))
      Var = dyn_cast_or_null<VarDecl>(Binding->getDecomposedDecl());
    if (!Var)
      return true;
    if (!Var->hasLocalStorage())
      return !Var->getType().isConstQualified();
    QualType Type = Var->getType();
    if (Type->isReferenceType() || Type->isPointerType())
      return !Type->getPointeeType().isConstQualified();
    return false;
  };

  // The loop goes on on a condition the body changes.
  References Condition;
  if (const auto *For = dyn_cast<ForStmt>(&Loop)) {
    if (For->getCond())
      collectReferences(*For->getCond(), Condition);
    if (For->getInc())
      collectReferences(*For->getInc(), Condition);
  } else if (const auto *While = dyn_cast<WhileStmt>(&Loop)) {
    collectReferences(*While->getCond(), Condition);
  } else if (const auto *Do = dyn_cast<DoStmt>(&Loop)) {
    collectReferences(*Do->getCond(), Condition);
  }
  if (Condition.UsesThis)
    return false;
  for (const ValueDecl *D : Condition.Decls)
    if (isa<FieldDecl>(D) || (isa<VarDecl>(D) && !cast<VarDecl>(D)->hasLocalStorage()) ||
        mayChange(*D, *Body, Spawn))
      return false;

  // The start uses something the iterations change: its arguments, and the
  // initializers of the body's variables they use.
  if (Inputs.UsesThis)
    return false;
  llvm::SmallVector<const ValueDecl *, 8> Work(Inputs.Decls.begin(), Inputs.Decls.end());
  llvm::SmallPtrSet<const ValueDecl *, 8> Seen(Inputs.Decls.begin(), Inputs.Decls.end());
  const VarDecl *RangeVar = nullptr;
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(&Loop))
    RangeVar = Range->getLoopVariable();
  while (!Work.empty()) {
    const ValueDecl *D = Work.pop_back_val();
    if (D == RangeVar)
      continue; // each iteration's own element
    if (BodyLocals.contains(D)) {
      const auto *Var = cast<VarDecl>(D);
      if (Var->getType()->isReferenceType() || Var->getType()->isPointerType())
        return false;
      if (const Expr *Init = Var->getInit()) {
        References More;
        collectReferences(*Init, More);
        if (More.UsesThis)
          return false;
        for (const ValueDecl *Next : More.Decls)
          if (Seen.insert(Next).second)
            Work.push_back(Next);
      }
      continue;
    }
    if (MutableShared(*D) || mayChange(*D, *Body, Spawn))
      return false;
  }
  return true;
}

} // namespace asynclint
