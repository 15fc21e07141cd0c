//===--- ExprShapes.cpp ---------------------------------------------------===//
#include "stale-read/ExprShapes.h"
#include "common/MemberFunctions.h"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>

namespace asynclint {

using namespace clang;

const Expr *unwrap(const Expr *E) {
  for (unsigned Depth = 0; Depth < 8; ++Depth) {
    E = E->IgnoreImplicit()->IgnoreParenImpCasts();
    if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(E)) {
      E = Cast->getSubExpr();
      continue;
    }
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
        Construct && Construct->getNumArgs() == 1 && Construct->getConstructor() &&
        Construct->getConstructor()->isCopyOrMoveConstructor()) {
      E = Construct->getArg(0);
      continue;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E); Call && Call->getNumArgs() == 1)
      if (const FunctionDecl *Callee = Call->getDirectCallee();
          Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
          (Callee->getName() == "move" || Callee->getName() == "forward")) {
        E = Call->getArg(0);
        continue;
      }
    return E;
  }
  return E;
}

bool sameObject(const Expr *A, const Expr *B) {
  A = A->IgnoreParenImpCasts();
  B = B->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(A) && isa<CXXThisExpr>(B))
    return true;
  if (const auto *RefA = dyn_cast<DeclRefExpr>(A))
    if (const auto *RefB = dyn_cast<DeclRefExpr>(B))
      return RefA->getDecl() == RefB->getDecl();
  if (const auto *MemberA = dyn_cast<MemberExpr>(A))
    if (const auto *MemberB = dyn_cast<MemberExpr>(B))
      return MemberA->getMemberDecl() == MemberB->getMemberDecl() &&
             sameObject(MemberA->getBase(), MemberB->getBase());
  return false;
}

bool insertsThroughSubscript(const Expr *Target) {
  const Expr *Current = Target->IgnoreParenImpCasts();
  for (const auto *Member = dyn_cast<MemberExpr>(Current); Member && !Member->isArrow();
       Member = dyn_cast<MemberExpr>(Current))
    Current = Member->getBase()->IgnoreParenImpCasts();
  const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Current);
  if (!Operator || Operator->getOperator() != OO_Subscript)
    return false;
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Operator->getDirectCallee());
  return Method && !Method->isConst() && !isAccessor(*Method);
}

std::pair<const Expr *, unsigned> objectOf(const CallExpr &Call, const FunctionDecl &Callee) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    return {Member->getImplicitObjectArgument(), 0};
  if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) && Call.getNumArgs() > 0)
    return {Call.getArg(0), 1};
  return {nullptr, 0};
}

bool isNonConstLValueReference(QualType Type) {
  return Type->isLValueReferenceType() && !Type.getNonReferenceType().isConstQualified();
}

} // namespace asynclint
