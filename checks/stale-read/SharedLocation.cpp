//===--- SharedLocation.cpp -----------------------------------------------===//
#include "stale-read/SharedLocation.h"
#include "common/MemberFunctions.h"
#include "common/QualifiedName.h"
#include "stale-read/ExprShapes.h"
#include "stale-read/StaleReadIndex.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <clang/Basic/SourceManager.h>

namespace asynclint {

using namespace clang;

bool pathsOverlap(llvm::ArrayRef<const FieldDecl *> A, llvm::ArrayRef<const FieldDecl *> B) {
  size_t Common = std::min(A.size(), B.size());
  return A.take_front(Common) == B.take_front(Common);
}

bool overlaps(const Designator &A, const Designator &B) {
  return A.shared() && A.sameBase(B) && pathsOverlap(A.Path, B.Path);
}

namespace {

/// The same key or the same accessor: the same variable, the same literal.
bool sameKey(const Expr *A, const Expr *B) {
  A = A->IgnoreImplicit()->IgnoreParenImpCasts();
  B = B->IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto *ConstructA = dyn_cast<CXXConstructExpr>(A);
      ConstructA && ConstructA->getNumArgs() == 1)
    A = ConstructA->getArg(0)->IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto *ConstructB = dyn_cast<CXXConstructExpr>(B);
      ConstructB && ConstructB->getNumArgs() == 1)
    B = ConstructB->getArg(0)->IgnoreImplicit()->IgnoreParenImpCasts();
  if (const auto *RefA = dyn_cast<DeclRefExpr>(A))
    if (const auto *RefB = dyn_cast<DeclRefExpr>(B))
      return RefA->getDecl() == RefB->getDecl();
  if (const auto *IntA = dyn_cast<IntegerLiteral>(A))
    if (const auto *IntB = dyn_cast<IntegerLiteral>(B))
      return IntA->getValue() == IntB->getValue();
  if (const auto *TextA = dyn_cast<StringLiteral>(A))
    if (const auto *TextB = dyn_cast<StringLiteral>(B))
      return TextA->getBytes() == TextB->getBytes();
  if (const auto *CallA = dyn_cast<CXXMemberCallExpr>(A))
    if (const auto *CallB = dyn_cast<CXXMemberCallExpr>(B)) {
      const CXXMethodDecl *MethodA = CallA->getMethodDecl(), *MethodB = CallB->getMethodDecl();
      if (!MethodA || !MethodB || MethodA->getDeclName() != MethodB->getDeclName() ||
          CallA->getNumArgs() != CallB->getNumArgs())
        return false;
      for (unsigned I = 0; I < CallA->getNumArgs(); ++I)
        if (!sameKey(CallA->getArg(I), CallB->getArg(I)))
          return false;
      return true;
    }
  return false;
}

} // namespace

bool sameElement(const Designator &Checked, const Designator &Changed) {
  return !Checked.Element || !Changed.Element || sameKey(Checked.Element, Changed.Element);
}

bool writesBackWhatWasRead(const Designator &Read, const Designator &Written) {
  if (!Written.Element)
    return true;
  return Read.Element && sameKey(Read.Element, Written.Element);
}

std::string describe(const Designator &D) {
  std::string Result;
  const auto *Named = dyn_cast_or_null<NamedDecl>(D.Decl);
  switch (D.K) {
  case Designator::Global:
    Result = Named ? qualifiedName(*Named) : "";
    break;
  case Designator::Param:
  case Designator::Capture:
  case Designator::Local:
    Result = Named ? Named->getName().str() : "";
    break;
  case Designator::This:
    // A member of *this: its class names it ("account::balance").
    if (!D.Path.empty())
      return qualifiedName(*D.Path.front()) + [&] {
        std::string Rest;
        for (size_t I = 1; I < D.Path.size(); ++I)
          Rest += "." + D.Path[I]->getName().str();
        return Rest;
      }();
    return "*this";
  case Designator::Fresh:
  case Designator::None:
    return "";
  }
  for (const FieldDecl *Field : D.Path)
    Result += "." + Field->getName().str();
  return Result;
}

namespace {

Designator named(Designator::Kind K, const Decl &D) {
  Designator Result;
  Result.K = K;
  Result.Decl = &D;
  return Result;
}

/// Declares operator-> itself or in a base (libstdc++'s shared_ptr has it in
/// __shared_ptr_access).
bool hasArrowOperator(const CXXRecordDecl &Class, unsigned Depth) {
  if (!Class.hasDefinition() || Depth > 4)
    return false;
  for (const CXXMethodDecl *Method : Class.methods())
    if (Method->getOverloadedOperator() == OO_Arrow)
      return true;
  for (const CXXBaseSpecifier &Base : Class.bases())
    if (const CXXRecordDecl *BaseClass = Base.getType()->getAsCXXRecordDecl();
        BaseClass && hasArrowOperator(*BaseClass, Depth + 1))
      return true;
  return false;
}

} // namespace

bool isPointerLike(QualType Type) {
  Type = Type.getNonReferenceType();
  if (Type->isPointerType())
    return true;
  const CXXRecordDecl *Class = Type->getAsCXXRecordDecl();
  return Class && hasArrowOperator(*Class, 0);
}

namespace {

const Expr *strip(const Expr *E) { return E->IgnoreParenImpCasts(); }

bool isSharedFromThis(const Expr &E) {
  const auto *Call = dyn_cast<CXXMemberCallExpr>(strip(&E));
  const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
  return Method && Method->getIdentifier() &&
         (Method->getName() == "shared_from_this" || Method->getName() == "weak_from_this") &&
         (!Call->getImplicitObjectArgument() ||
          isa<CXXThisExpr>(strip(Call->getImplicitObjectArgument())));
}

/// An expression whose value is a new object: a temporary, std::make_shared,
/// new.
bool createsObject(const Expr &E) {
  const Expr *Inner = E.IgnoreImplicit()->IgnoreParenImpCasts();
  if (isa<CXXNewExpr, CXXTemporaryObjectExpr, MaterializeTemporaryExpr, InitListExpr>(Inner))
    return true;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Inner))
    return !Construct->getConstructor() || !Construct->getConstructor()->isCopyOrMoveConstructor();
  if (const auto *Call = dyn_cast<CallExpr>(Inner))
    if (const FunctionDecl *Callee = Call->getDirectCallee(); Callee && Callee->getIdentifier())
      return Callee->getName() == "make_shared" || Callee->getName() == "make_unique" ||
             Callee->getName() == "allocate_shared";
  return false;
}

} // namespace

LocationResolver::LocationResolver(StaleReadIndex &Index, const FunctionDecl &Function)
    : Index(Index), Function(Function) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(&Function);
      Method && Method->getParent()->isLambda())
    Closure = Method->getParent();
}

bool LocationResolver::isOwn(const VarDecl &Var) const {
  const DeclContext *Context = Var.getDeclContext();
  while (Context && !isa<FunctionDecl>(Context))
    Context = Context->getParent();
  return Context == &Function;
}

int LocationResolver::captureKind(const VarDecl &Var) const {
  if (!Closure)
    return 0;
  for (const LambdaCapture &Capture : Closure->captures())
    if (Capture.capturesVariable() && Capture.getCapturedVar() == &Var)
      return Capture.getCaptureKind() == LCK_ByRef ? 2 : 1;
  return 0;
}

bool LocationResolver::isShareableGlobal(const VarDecl &Var) {
  if (Var.getTLSKind() != VarDecl::TLS_None || Var.getType().isConstQualified() ||
      Var.isConstexpr() || Var.getType()->isReferenceType() || Index.isNotData(Var.getType()))
    return false;
  return !Var.getASTContext().getSourceManager().isInSystemHeader(Var.getLocation());
}

Designator LocationResolver::variable(const VarDecl &Var) {
  if (Var.hasGlobalStorage())
    return isShareableGlobal(Var) ? named(Designator::Global, Var) : Designator{};
  // [&total = counts[i]]: the init-capture designates what it refers to.
  if (Var.isInitCapture())
    return Var.getType()->isReferenceType() ? named(Designator::Capture, Var) : Designator{};
  if (isOwn(Var)) {
    if (isa<ParmVarDecl>(Var) && Var.getType()->isReferenceType() && !isPointerLike(Var.getType()))
      return named(Designator::Param, Var);
    auto Known = References.find(&Var);
    return Known == References.end() ? Designator{} : Known->second;
  }
  return captureKind(Var) == 2 && !isPointerLike(Var.getType()) ? named(Designator::Capture, Var)
                                                                : Designator{};
}

Designator LocationResolver::pointerVariable(const VarDecl &Var) {
  if (!isPointerLike(Var.getType()))
    return {};
  if (Var.hasGlobalStorage())
    return Var.getTLSKind() == VarDecl::TLS_None &&
                   !Var.getASTContext().getSourceManager().isInSystemHeader(Var.getLocation())
               ? named(Designator::Global, Var)
               : Designator{};
  if (Var.isInitCapture() || (!isOwn(Var) && captureKind(Var) != 0))
    return named(Designator::Capture, Var);
  if (!isOwn(Var))
    return {};
  if (isa<ParmVarDecl>(Var))
    return named(Designator::Param, Var);
  auto Known = Pointers.find(&Var);
  return Known == Pointers.end() ? Designator{} : Known->second;
}

Designator LocationResolver::element(Designator Container, const Expr &Key) {
  if (Container.valid() && !Container.Element)
    Container.Element = &Key;
  return Container;
}

Designator LocationResolver::withField(Designator Base, const FieldDecl &Field) {
  if (!Base.valid() || Field.getType().isConstQualified() || Index.isNotData(Field.getType()))
    return {};
  Base.Path.push_back(&Field);
  return Base;
}

Designator LocationResolver::location(const Expr &E) {
  const Expr *Current = strip(&E);
  if (Index.isNotData(Current->getType()))
    return {};
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Current)) {
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      return variable(*Var);
    return {};
  }
  if (const auto *Member = dyn_cast<MemberExpr>(Current)) {
    if (const auto *Static = dyn_cast<VarDecl>(Member->getMemberDecl()))
      return variable(*Static);
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field)
      return {};
    const Expr *Base = strip(Member->getBase());
    Designator Object;
    if (isa<CXXThisExpr>(Base))
      Object.K = Designator::This;
    else
      Object = Member->isArrow() ? pointee(*Base) : location(*Base);
    return Object.shared() ? withField(Object, *Field) : Designator{};
  }
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(Current)) {
    const Expr *Base = strip(Subscript->getBase());
    return element(Base->getType()->isPointerType() ? pointee(*Base) : location(*Base),
                   *Subscript->getIdx());
  }
  if (const auto *Unary = dyn_cast<UnaryOperator>(Current); Unary && Unary->getOpcode() == UO_Deref)
    return pointee(*Unary->getSubExpr());
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Current);
      Operator && Operator->getNumArgs() > 0) {
    // m[k], v[i]: the element belongs to the container.
    if (Operator->getOperator() == OO_Subscript && Operator->getNumArgs() > 1)
      return element(location(*Operator->getArg(0)), *Operator->getArg(1));
    if (Operator->getOperator() == OO_Star)
      return pointee(*Operator->getArg(0));
    return {};
  }
  // q.front(), v.at(i): an element of the container.
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Current)) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    const Expr *Object = Call->getImplicitObjectArgument();
    if (Method && Object && isAccessor(*Method) && Method->getReturnType()->isReferenceType())
      return element(Object->getType()->isPointerType() ? pointee(*Object) : location(*Object),
                     *Call);
  }
  return {};
}

Designator LocationResolver::pointee(const Expr &E) {
  const Expr *Current = strip(&E);
  if (isa<CXXThisExpr>(Current)) {
    Designator D;
    D.K = Designator::This;
    return D;
  }
  if (isSharedFromThis(*Current))
    return pointee(*cast<CXXMemberCallExpr>(Current)->getImplicitObjectArgument());
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Current)) {
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      return pointerVariable(*Var);
    return {};
  }
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Current);
      Operator && Operator->getOperator() == OO_Arrow && Operator->getNumArgs() > 0)
    return pointee(*Operator->getArg(0));
  if (const auto *Unary = dyn_cast<UnaryOperator>(Current);
      Unary && Unary->getOpcode() == UO_AddrOf)
    return location(*Unary->getSubExpr());
  // ptr.get() of a smart pointer.
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Current))
    if (const CXXMethodDecl *Method = Call->getMethodDecl();
        Method && Method->getIdentifier() && Method->getName() == "get" &&
        Call->getImplicitObjectArgument() &&
        isPointerLike(Call->getImplicitObjectArgument()->getType()))
      return pointee(*Call->getImplicitObjectArgument());
  // A pointer member stands for what it points to: the same member, the
  // same object.
  if (isa<MemberExpr>(Current))
    return location(*Current);
  return {};
}

Designator LocationResolver::local(const VarDecl &Var) {
  Designator D;
  D.K = Designator::Local;
  D.Decl = &Var;
  if (auto Depth = DeclaredDepth.find(&Var); Depth != DeclaredDepth.end())
    D.LoopDepth = Depth->second;
  return D;
}

Designator LocationResolver::objectOfVariable(const VarDecl &Var, bool ThroughPointer) {
  Designator D = ThroughPointer ? pointerVariable(Var) : variable(Var);
  if (D.valid())
    return D;
  if (Var.hasLocalStorage() && isOwn(Var) && !Var.getType()->isReferenceType())
    return local(Var);
  return {};
}

Designator LocationResolver::object(const Expr &E, bool ThroughPointer) {
  const Expr *Current = unwrap(&E);
  // std::make_shared<session>(...)->start(): the object of `->` is the pointer.
  if (const auto *Arrow = dyn_cast<CXXOperatorCallExpr>(Current);
      ThroughPointer && Arrow && Arrow->getOperator() == OO_Arrow && Arrow->getNumArgs() > 0)
    return object(*Arrow->getArg(0), true);
  Designator D = ThroughPointer ? pointee(*Current) : location(*Current);
  if (D.valid())
    return D;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Current))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      return objectOfVariable(*Var, ThroughPointer);
  if (createsObject(*Current)) {
    D.K = Designator::Fresh;
    D.Created = Current;
  }
  return D;
}

} // namespace asynclint
