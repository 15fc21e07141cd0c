//===--- ThreadOwnMethods.cpp ---------------------------------------------===//
#include "shared-state/ThreadOwnMethods.h"
#include "shared-state/Conditions.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclTemplate.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/SourceManager.h>

namespace asynclint {

using namespace clang;

namespace {

class UseCollector : public RecursiveASTVisitor<UseCollector> {
public:
  UseCollector(const SourceManager &SM,
               llvm::DenseMap<const CXXMethodDecl *, ThreadOwnMethods::Uses> &ByMethod,
               llvm::DenseSet<const VarDecl *> &Reassigned)
      : SM(SM), ByMethod(ByMethod), Reassigned(Reassigned) {}

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseDecl(Decl *D) {
    // The standard library calls no user method by name.
    if (D && !isa<TranslationUnitDecl>(D) && SM.isInSystemHeader(D->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (!Method)
      return true;
    if (const auto *Callee = dyn_cast<MemberExpr>(Call->getCallee()->IgnoreParens()))
      Called.insert(Callee);
    ThreadOwnMethods::Uses &Uses = ByMethod[Method->getCanonicalDecl()];
    const Expr *Object = Call->getImplicitObjectArgument();
    const Expr *Pointer = nullptr;
    if (const auto *Callee = dyn_cast<MemberExpr>(Call->getCallee()->IgnoreParens());
        Callee && Callee->isArrow())
      Pointer = Object;
    else if (const auto *Deref =
                 dyn_cast_or_null<UnaryOperator>(Object ? Object->IgnoreParenImpCasts() : nullptr);
             Deref && Deref->getOpcode() == UO_Deref)
      Pointer = Deref->getSubExpr();
    if (!Pointer) {
      ++Uses.OtherUses;
      return true;
    }
    if (readsThreadLocal(*Pointer)) {
      ++Uses.OwnCalls;
      return true;
    }
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Pointer->IgnoreParenImpCasts()))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
          Var && Var->hasLocalStorage() && !isa<ParmVarDecl>(Var) && Var->getInit() &&
          readsThreadLocal(*Var->getInit())) {
        Uses.ThroughLocals.push_back(Var);
        return true;
      }
    ++Uses.OtherUses;
    return true;
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Call) {
    if (const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Call->getDirectCallee()))
      ++ByMethod[Method->getCanonicalDecl()].OtherUses;
    return true;
  }

  /// A method named other than as the callee of a call: its address is taken
  /// or it is bound (`&Worker::run`), and who calls it is unknown.
  bool VisitMemberExpr(MemberExpr *Member) {
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
        Method && !Called.contains(Member))
      ++ByMethod[Method->getCanonicalDecl()].OtherUses;
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Ref->getDecl()))
      ++ByMethod[Method->getCanonicalDecl()].OtherUses;
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->isAssignmentOp())
      noteChanged(Op->getLHS());
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *Op) {
    if (Op->getOpcode() == UO_AddrOf || Op->isIncrementDecrementOp())
      noteChanged(Op->getSubExpr());
    return true;
  }

private:
  void noteChanged(const Expr *E) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts()))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
        Reassigned.insert(Var);
  }

  const SourceManager &SM;
  llvm::DenseMap<const CXXMethodDecl *, ThreadOwnMethods::Uses> &ByMethod;
  llvm::DenseSet<const VarDecl *> &Reassigned;
  llvm::DenseSet<const MemberExpr *> Called;
};

/// A thread-local a method can be called through: an object, or a pointer
/// or reference to one (not `void *`, a function pointer or a number).
bool mayHoldObject(const VarDecl &Var) {
  QualType Type = Var.getType().getNonReferenceType();
  if (const auto *Pointer = Type->getAs<PointerType>())
    Type = Pointer->getPointeeType();
  return Type->isRecordType() || Type->isDependentType() || Type->isUndeducedType();
}

/// Declarations are listed in their contexts, a function's locals and its
/// lambdas' in the function's: no statement needs walking to find them all.
bool declaresThreadLocalObject(const DeclContext &Context, const SourceManager &SM) {
  for (const Decl *D : Context.decls()) {
    if (SM.isInSystemHeader(D->getLocation()))
      continue;
    if (const auto *Template = dyn_cast<TemplateDecl>(D))
      D = Template->getTemplatedDecl();
    if (!D)
      continue;
    if (const auto *Var = dyn_cast<VarDecl>(D);
        Var && Var->getTLSKind() != VarDecl::TLS_None && mayHoldObject(*Var))
      return true;
    if (const auto *Inner = dyn_cast<DeclContext>(D);
        Inner && declaresThreadLocalObject(*Inner, SM))
      return true;
  }
  return false;
}

} // namespace

void ThreadOwnMethods::collect() {
  Collected = true;
  // The libraries' thread-locals (libstdc++'s `__once_callable`) hold their
  // own objects, never the user's: with none of the user's, no call is made
  // on a thread's own object and the walk is saved.
  const SourceManager &SM = Context.getSourceManager();
  if (!declaresThreadLocalObject(*Context.getTranslationUnitDecl(), SM))
    return;
  UseCollector(SM, ByMethod, Reassigned).TraverseDecl(Context.getTranslationUnitDecl());
}

bool ThreadOwnMethods::calledOnlyOnOwnThread(const CXXMethodDecl &Method) {
  if (Method.isVirtual())
    return false;
  if (!Collected)
    collect();
  auto Found = ByMethod.find(Method.getCanonicalDecl());
  if (Found == ByMethod.end())
    return false;
  const Uses &Seen = Found->second;
  return Seen.OtherUses == 0 && Seen.OwnCalls + Seen.ThroughLocals.size() > 0 &&
         llvm::none_of(Seen.ThroughLocals,
                       [&](const VarDecl *Var) { return Reassigned.contains(Var); });
}

} // namespace asynclint
