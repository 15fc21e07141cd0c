//===--- AwaitedOrigin.cpp ------------------------------------------------===//
#include "blocking/AwaitedOrigin.h"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>

namespace asynclint {

using namespace clang;

namespace {

/// Element access keeps the origin: a part of a complete result is complete.
bool isElementAccessor(const FunctionDecl &Function) {
  if (!Function.getDeclName().isIdentifier())
    return false;
  StringRef Name = Function.getName();
  if (isa<CXXMethodDecl>(Function))
    return Name == "at" || Name == "front" || Name == "back" || Name == "begin" || Name == "cbegin";
  return Function.isInStdNamespace() &&
         (Name == "get" || Name == "move" || Name == "begin" || Name == "cbegin");
}

/// The expression \p E was computed from, one step back; null at a dead end.
const Expr *previousStep(const Expr *E) {
  if (const auto *Reference = dyn_cast<DeclRefExpr>(E)) {
    const ValueDecl *Declared = Reference->getDecl();
    if (const auto *Binding = dyn_cast<BindingDecl>(Declared))
      Declared = Binding->getDecomposedDecl();
    // A range-for loop's variable is initialized from its hidden iterator,
    // that iterator from the hidden range variable, that from the range.
    const auto *Variable = dyn_cast_or_null<VarDecl>(Declared);
    if (!Variable || !Variable->isLocalVarDecl())
      return nullptr;
    return Variable->getInit();
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return isa<FieldDecl>(Member->getMemberDecl()) ? Member->getBase() : nullptr;
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E)) {
    OverloadedOperatorKind Kind = Operator->getOperator();
    return (Kind == OO_Subscript || Kind == OO_Star || Kind == OO_Arrow) &&
                   Operator->getNumArgs() > 0
               ? Operator->getArg(0)
               : nullptr;
  }
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
    return Subscript->getBase();
  if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(E)) {
    const FunctionDecl *Callee = MemberCall->getDirectCallee();
    return Callee && isElementAccessor(*Callee) ? MemberCall->getImplicitObjectArgument() : nullptr;
  }
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    return Callee && Call->getNumArgs() == 1 && isElementAccessor(*Callee) ? Call->getArg(0)
                                                                           : nullptr;
  }
  return nullptr;
}

} // namespace

const FunctionDecl *awaitedOriginOf(const Expr &Object) {
  // Each step moves to an initializer or an operand; the bound only guards
  // against a variable initialized from itself.
  constexpr int MaxSteps = 16;
  const Expr *Current = &Object;
  for (int Step = 0; Current && Step < MaxSteps; ++Step) {
    Current = Current->IgnoreUnlessSpelledInSource();
    if (const auto *Await = dyn_cast<CoawaitExpr>(Current)) {
      const auto *Call = dyn_cast<CallExpr>(Await->getOperand()->IgnoreUnlessSpelledInSource());
      return Call ? Call->getDirectCallee() : nullptr;
    }
    Current = previousStep(Current);
  }
  return nullptr;
}

} // namespace asynclint
