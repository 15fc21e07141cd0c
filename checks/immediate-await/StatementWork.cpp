//===--- StatementWork.cpp ------------------------------------------------===//
#include "immediate-await/StatementWork.h"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/ExprConcepts.h>
#include <clang/AST/StmtCXX.h>

namespace asynclint {

using namespace clang;

llvm::SmallVector<const Stmt *, 4> evaluatedChildren(const Stmt &S) {
  llvm::SmallVector<const Stmt *, 4> Children;
  if (const auto *Lambda = dyn_cast<LambdaExpr>(&S)) {
    for (const Expr *Init : Lambda->capture_inits())
      if (Init)
        Children.push_back(Init);
    return Children;
  }
  if (const auto *Suspend = dyn_cast<CoroutineSuspendExpr>(&S)) {
    // The synthesized await_ready/await_suspend/await_resume calls are the
    // suspension itself, not work of their own.
    if (const Expr *Operand = Suspend->getOperand())
      Children.push_back(Operand);
    return Children;
  }
  if (const auto *Return = dyn_cast<CoreturnStmt>(&S)) {
    // Its children are the operand and the synthesized promise call made with
    // it: the operand once is what runs.
    if (const Expr *Operand = Return->getOperand())
      Children.push_back(Operand);
    return Children;
  }
  if (isa<UnaryExprOrTypeTraitExpr, CXXNoexceptExpr, RequiresExpr, ConceptSpecializationExpr>(S))
    return Children;
  if (const auto *Typeid = dyn_cast<CXXTypeidExpr>(&S); Typeid && !Typeid->isPotentiallyEvaluated())
    return Children;
  if (const auto *Declaration = dyn_cast<DeclStmt>(&S)) {
    for (const Decl *D : Declaration->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D); Var && Var->getInit())
        Children.push_back(Var->getInit());
    return Children;
  }
  for (const Stmt *Child : S.children())
    if (Child)
      Children.push_back(Child);
  return Children;
}

static bool isFreeCall(const CallExpr &Call) {
  if (Call.getBuiltinCallee())
    return true;
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee || !Callee->isInStdNamespace() || !Callee->getIdentifier())
    return false;
  StringRef Name = Callee->getName();
  return Name == "move" || Name == "forward" || Name == "as_const";
}

bool isWorkNode(const Stmt &S) {
  if (const auto *Call = dyn_cast<CallExpr>(&S))
    return !isFreeCall(*Call);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S))
    return !Construct->getConstructor() || !Construct->getConstructor()->isTrivial();
  return isa<CXXNewExpr, CXXDeleteExpr, CXXThrowExpr, CoroutineSuspendExpr, DependentCoawaitExpr,
             StmtExpr, CXXUnresolvedConstructExpr, CXXDependentScopeMemberExpr,
             UnresolvedMemberExpr, UnresolvedLookupExpr>(S);
}

static bool evaluatesWork(const Stmt &S) {
  if (isWorkNode(S))
    return true;
  for (const Stmt *Child : evaluatedChildren(S))
    if (evaluatesWork(*Child))
      return true;
  return false;
}

bool isIdleStatement(const Stmt &S) {
  if (isa<NullStmt>(S))
    return true;
  if (!isa<DeclStmt>(S) && !isa<Expr>(S))
    return false;
  return !evaluatesWork(S);
}

static bool locate(const Stmt &Node, const Stmt &Target, TargetPosition &Position) {
  if (&Node == &Target)
    return true;
  bool Found = false;
  for (const Stmt *Child : evaluatedChildren(Node))
    Found |= locate(*Child, Target, Position);
  if (isWorkNode(Node)) {
    if (Found)
      Position.Enclosing.push_back(&Node);
    else
      Position.OtherWork = true;
  }
  return Found;
}

TargetPosition locateTarget(const Stmt &S, const Stmt &Target) {
  TargetPosition Position;
  Position.Found = locate(S, Target, Position);
  return Position;
}

void collectReferences(const Stmt &S, References &Out, const Stmt *Skip) {
  if (&S == Skip)
    return;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(&S)) {
    if (isa<VarDecl, BindingDecl>(Ref->getDecl()))
      Out.Decls.insert(Ref->getDecl());
  } else if (const auto *Member = dyn_cast<MemberExpr>(&S)) {
    if (isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts())) {
      Out.Decls.insert(Member->getMemberDecl());
      return;
    }
  } else if (isa<CXXThisExpr>(S)) {
    Out.UsesThis = true;
  } else if (const auto *Declaration = dyn_cast<DeclStmt>(&S)) {
    for (const Decl *D : Declaration->decls()) {
      if (const auto *Var = dyn_cast<VarDecl>(D))
        Out.Decls.insert(Var);
      if (const auto *Decomposition = dyn_cast<DecompositionDecl>(D))
        for (const BindingDecl *Binding : Decomposition->bindings())
          Out.Decls.insert(Binding);
    }
  }
  for (const Stmt *Child : evaluatedChildren(S))
    collectReferences(*Child, Out, Skip);
}

static bool bindsReadOnly(QualType Param) {
  if (Param.isNull())
    return false;
  if (Param->isReferenceType())
    return Param->getPointeeType().isConstQualified();
  return true; // a copy
}

/// The parameter \p Arg binds to in \p Callee, or a null type.
static QualType parameterFor(const FunctionDecl *Callee, unsigned Arg) {
  if (!Callee || Arg >= Callee->getNumParams())
    return QualType();
  return Callee->getParamDecl(Arg)->getType();
}

/// Whether the expression \p Child, whose ancestors are \p Parents (nearest
/// last), is only read where it is used.
static bool isReadUse(const Stmt *Child, llvm::ArrayRef<const Stmt *> Parents,
                      const Stmt *CopiedArguments) {
  for (size_t I = Parents.size(); I-- > 0; Child = Parents[I]) {
    const Stmt *Parent = Parents[I];
    if (Parent == CopiedArguments)
      return true;
    if (isa<ParenExpr, ArraySubscriptExpr>(Parent))
      continue;
    if (const auto *Cast = dyn_cast<ImplicitCastExpr>(Parent)) {
      if (Cast->getCastKind() == CK_LValueToRValue)
        return true;
      if (Cast->getCastKind() == CK_NoOp || Cast->getCastKind() == CK_DerivedToBase ||
          Cast->getCastKind() == CK_UncheckedDerivedToBase)
        continue;
      return false;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(Parent)) {
      if (Member->getBase() != Child)
        return false;
      if (const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl()))
        return Method->isConst();
      continue; // a field: as read as the expression it is used in
    }
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Parent)) {
      const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Operator->getDirectCallee());
      for (unsigned Arg = 0; Arg < Operator->getNumArgs(); ++Arg) {
        if (Operator->getArg(Arg) != Child)
          continue;
        if (Method)
          return Arg == 0 ? Method->isConst() : bindsReadOnly(parameterFor(Method, Arg - 1));
        return bindsReadOnly(parameterFor(Operator->getDirectCallee(), Arg));
      }
      return false;
    }
    if (const auto *Call = dyn_cast<CallExpr>(Parent)) {
      for (unsigned Arg = 0; Arg < Call->getNumArgs(); ++Arg)
        if (Call->getArg(Arg) == Child)
          return bindsReadOnly(parameterFor(Call->getDirectCallee(), Arg));
      return false;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Parent)) {
      for (unsigned Arg = 0; Arg < Construct->getNumArgs(); ++Arg)
        if (Construct->getArg(Arg) == Child)
          return bindsReadOnly(parameterFor(Construct->getConstructor(), Arg));
      return false;
    }
    if (const auto *Binary = dyn_cast<BinaryOperator>(Parent))
      return !Binary->isAssignmentOp() || Binary->getRHS() == Child;
    if (const auto *Declaration = dyn_cast<DeclStmt>(Parent)) {
      for (const Decl *D : Declaration->decls())
        if (const auto *Var = dyn_cast<VarDecl>(D); Var && Var->getInit() == Child)
          return bindsReadOnly(Var->getType());
      return false;
    }
    return false;
  }
  return false;
}

static bool findChange(const ValueDecl &D, const Stmt &Node,
                       llvm::SmallVectorImpl<const Stmt *> &Parents, const Stmt *CopiedArguments) {
  if (const auto *Ref = dyn_cast<DeclRefExpr>(&Node); Ref && Ref->getDecl() == &D)
    return !isReadUse(&Node, Parents, CopiedArguments);
  Parents.push_back(&Node);
  // Lambda bodies are walked too: a lambda called here may change D.
  for (const Stmt *Child : Node.children())
    if (Child && findChange(D, *Child, Parents, CopiedArguments))
      return true;
  Parents.pop_back();
  return false;
}

bool mayChange(const ValueDecl &D, const Stmt &Body, const Stmt *CopiedArguments) {
  llvm::SmallVector<const Stmt *, 16> Parents;
  return findChange(D, Body, Parents, CopiedArguments);
}

bool isPlainLocal(const ValueDecl &D) {
  const ValueDecl *Decl = &D;
  if (const auto *Binding = dyn_cast<BindingDecl>(Decl)) {
    Decl = Binding->getDecomposedDecl();
    if (!Decl)
      return false;
  }
  const auto *Var = dyn_cast<VarDecl>(Decl);
  if (!Var || !Var->hasLocalStorage())
    return false;
  QualType Type = Var->getType();
  return !Type->isReferenceType() && !Type->isPointerType();
}

} // namespace asynclint
