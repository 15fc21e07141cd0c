//===--- ObjectPaths.cpp --------------------------------------------------===//
#include "shared-state/ObjectPaths.h"
#include "common/LockShapes.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <clang/Basic/SourceManager.h>

namespace asynclint {

using namespace clang;

const Expr *designated(const Expr *E) {
  while (true) {
    E = E->IgnoreParens();
    const auto *Cast = dyn_cast<ImplicitCastExpr>(E);
    if (!Cast || Cast->getCastKind() == CK_LValueToRValue)
      return E;
    E = Cast->getSubExpr();
  }
}

namespace {

/// Looks through what keeps a pointer's target: casts (implicit and
/// explicit: `static_cast<Db *>(arg)`), parentheses, temporaries.
const Expr *pointerSource(const Expr *E) {
  while (true) {
    E = E->IgnoreParens();
    if (const auto *Cast = dyn_cast<CastExpr>(E);
        Cast && (isa<ImplicitCastExpr>(Cast) || isa<ExplicitCastExpr>(Cast)) &&
        Cast->getCastKind() != CK_UserDefinedConversion &&
        Cast->getCastKind() != CK_ConstructorConversion) {
      E = Cast->getSubExpr();
      continue;
    }
    if (const auto *Temporary = dyn_cast<MaterializeTemporaryExpr>(E)) {
      E = Temporary->getSubExpr();
      continue;
    }
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E)) {
      E = Cleanups->getSubExpr();
      continue;
    }
    return E;
  }
}

bool isAddressOfCall(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  return Callee && Call.getNumArgs() == 1 && Callee->getIdentifier() &&
         Callee->getName().contains("addressof");
}

} // namespace

ObjectPaths::ObjectPaths(LockShapes &Locks, const FunctionDecl &Function,
                         const llvm::DenseSet<const VarDecl *> &SharedLocals, bool AnyLocal)
    : Locks(Locks), Function(Function), SharedLocals(SharedLocals), AnyLocal(AnyLocal) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Function);
      Method && Method->getParent()->isLambda())
    Closure = Method->getParent();
}

bool ObjectPaths::isSharedLocal(const VarDecl &Var) const {
  if (!SharedLocals.contains(&Var))
    return false;
  if (!Closure)
    return true; // the function that declares it
  for (const LambdaCapture &Capture : Closure->captures())
    if (Capture.capturesVariable() && Capture.getCapturedVar() == &Var)
      return Capture.getCaptureKind() == LCK_ByRef;
  return Var.getDeclContext() == &Function;
}

bool ObjectPaths::isSharedVariable(const VarDecl &Var) const {
  if (Var.getType().isConstQualified() || Locks.isSynchronization(Var.getType()))
    return false;
  if (Var.hasGlobalStorage())
    return Var.getTLSKind() == VarDecl::TLS_None &&
           !Var.getASTContext().getSourceManager().isInSystemHeader(Var.getLocation());
  return isSharedLocal(Var);
}

std::optional<Location> ObjectPaths::aliasTarget(const VarDecl &Var) {
  auto [It, Inserted] = Aliases.try_emplace(&Var, std::nullopt);
  if (!Inserted || !Var.hasLocalStorage() || isa<ParmVarDecl>(Var) || !Var.getInit())
    return It->second;
  std::optional<Location> Target;
  if (Var.getType()->isReferenceType())
    Target = lvalue(*Var.getInit());
  else if (Var.getType()->isPointerType())
    Target = pointee(*Var.getInit());
  Aliases[&Var] = Target;
  return Target;
}

std::optional<Location> ObjectPaths::variable(const VarDecl &Var, bool ThroughPointer) {
  bool Indirect = Var.getType()->isReferenceType() || Var.getType()->isPointerType();
  // The pointer or reference variable itself (not what it refers to) is
  // never what a thread shares with its starter, except a global one.
  if (Indirect && !ThroughPointer && Var.getType()->isPointerType() && !Var.hasGlobalStorage())
    return std::nullopt;
  if (const auto *Param = dyn_cast<ParmVarDecl>(&Var);
      Param && Param->getDeclContext() == &Function && !isSharedLocal(Var))
    return Indirect ? std::optional<Location>(Location{Param, nullptr}) : std::nullopt;
  if (Indirect && Var.hasLocalStorage() && !isSharedLocal(Var)) {
    if (std::optional<Location> Target = aliasTarget(Var))
      return Target;
    if (!AnyLocal)
      return std::nullopt;
  }
  if (Var.hasLocalStorage() && AnyLocal && !Var.getType().isConstQualified())
    return Location{&Var, nullptr};
  if (!isSharedVariable(Var) || (Indirect && Var.hasGlobalStorage() && ThroughPointer))
    return std::nullopt;
  return Location{&Var, nullptr};
}

std::optional<Location> ObjectPaths::pointee(const Expr &In) {
  const Expr *E = pointerSource(&In);
  if (isa<CXXThisExpr>(E))
    return Location{};
  if (const auto *Op = dyn_cast<UnaryOperator>(E); Op && Op->getOpcode() == UO_AddrOf)
    return lvalue(*Op->getSubExpr());
  if (const auto *Call = dyn_cast<CallExpr>(E); Call && isAddressOfCall(*Call))
    return lvalue(*Call->getArg(0));
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()); Var && Var->getType()->isPointerType())
      return variable(*Var, true);
  return std::nullopt;
}

std::optional<Location> ObjectPaths::lvalue(const Expr &In) {
  const Expr *E = designated(&In);
  if (const auto *Op = dyn_cast<UnaryOperator>(E); Op && Op->getOpcode() == UO_Deref)
    return pointee(*Op->getSubExpr());
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    return Var ? variable(*Var, Var->getType()->isReferenceType()) : std::nullopt;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const ValueDecl *Decl = Member->getMemberDecl();
    if (const auto *Static = dyn_cast<VarDecl>(Decl))
      return variable(*Static, false);
    const auto *Field = dyn_cast<FieldDecl>(Decl);
    if (!Field || Field->getType()->isReferenceType())
      return std::nullopt; // what a reference member refers to is unknown
    const Expr *Base = Member->getBase();
    std::optional<Location> Object = Member->isArrow() ? pointee(*Base) : lvalue(*Base);
    if (!Object)
      return std::nullopt;
    return Location::memberOf(*Object, Field);
  }
  if (isa<CXXThisExpr>(E))
    return Location{};
  return std::nullopt;
}

std::optional<Location> ObjectPaths::object(const Expr &E) {
  if (E.getType()->isPointerType())
    return pointee(E);
  return lvalue(E);
}

std::optional<Location> ObjectPaths::dataLocation(const Expr &E) {
  // Not E's type: in a const member function every member is const to it,
  // and what it reads there may be written elsewhere. The declarations say
  // what is const.
  if (Locks.isSynchronization(E.getType()))
    return std::nullopt;
  // A member of a synchronisation object or of a const one on the way.
  for (const Expr *Inner = designated(&E); const auto *Member = dyn_cast<MemberExpr>(Inner);) {
    if (const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
        Field && (Field->getType().isConstQualified() || Locks.isSynchronization(Field->getType())))
      return std::nullopt;
    if (Member->isArrow())
      break;
    Inner = designated(Member->getBase());
  }
  std::optional<Location> Where = lvalue(E);
  if (!Where || (Where->onThis() && !Where->Field))
    return std::nullopt;
  return Where;
}

std::optional<Location> ObjectPaths::mutex(const Expr &E) {
  if (std::optional<Location> Named = object(E); Named && (Named->Root || Named->Field))
    return Named;
  // The last member on the path: `impl_->mutex_`, `(*state).mutex_`.
  for (const Expr *Inner = pointerSource(&E);;) {
    if (const auto *Op = dyn_cast<UnaryOperator>(Inner);
        Op && (Op->getOpcode() == UO_AddrOf || Op->getOpcode() == UO_Deref)) {
      Inner = pointerSource(Op->getSubExpr());
      continue;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(Inner))
      return Location{nullptr, Member->getMemberDecl()};
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Inner))
      return Location{Ref->getDecl(), nullptr};
    return std::nullopt;
  }
}

} // namespace asynclint
