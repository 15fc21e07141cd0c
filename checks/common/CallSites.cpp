//===--- CallSites.cpp ----------------------------------------------------===//
#include "common/CallSites.h"
#include "common/QualifiedName.h"

#include "common/EvaluatedCodeVisitor.h"

#include <clang/AST/ExprCXX.h>

namespace asynclint {

using namespace clang;

namespace {

class CallSiteCollector : public EvaluatedCodeVisitor<CallSiteCollector> {
public:
  explicit CallSiteCollector(llvm::SmallVectorImpl<CallSite> &Sites) : Sites(Sites) {}

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return true;
    const CXXRecordDecl *Object = nullptr;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
      if (const Expr *Implicit = Member->getImplicitObjectArgument())
        Object = classOf(Implicit->IgnoreParenImpCasts()->getType());
    } else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Call);
               Operator && isa<CXXMethodDecl>(Callee) && Operator->getNumArgs() > 0) {
      Object = classOf(Operator->getArg(0)->IgnoreParenImpCasts()->getType());
    }
    Sites.push_back({Call, Callee, Object});
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    const CXXConstructorDecl *Constructor = Construct->getConstructor();
    if (Constructor)
      Sites.push_back({Construct, Constructor, Constructor->getParent()});
    return true;
  }

private:
  llvm::SmallVectorImpl<CallSite> &Sites;
};

} // namespace

llvm::SmallVector<CallSite, 16> collectCallSites(const Stmt &Body) {
  llvm::SmallVector<CallSite, 16> Sites;
  CallSiteCollector(Sites).TraverseStmt(const_cast<Stmt *>(&Body));
  return Sites;
}

} // namespace asynclint
