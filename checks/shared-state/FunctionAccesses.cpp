//===--- FunctionAccesses.cpp ---------------------------------------------===//
//
// One pass over a function body in source order. RAII guards live until the
// end of the compound statement that declares them (or their unlock());
// explicit lock()/unlock() pairs hold for the rest of the body. Branches are
// not told apart: a lock taken in one branch is held after it, which can
// only hide a finding, never make one.
//
// Whether an access writes is decided top-down: an assignment, ++/--, a
// non-const member call or a non-const reference argument marks its target
// as written before the traversal reaches the target itself.
//
//===----------------------------------------------------------------------===//
#include "shared-state/FunctionAccesses.h"
#include "common/EvaluatedCodeVisitor.h"
#include "common/MemberFunctions.h"
#include "common/QualifiedName.h"
#include "common/UserCode.h"
#include "shared-state/SharedStateIndex.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/ExprConcepts.h>
#include <clang/AST/StmtCXX.h>
#include <clang/Basic/SourceManager.h>

namespace asynclint {

using namespace clang;

bool excludeEachOther(const Lockset &A, const Lockset &B) {
  for (const HeldLock &X : A)
    for (const HeldLock &Y : B)
      if (X.Mutex == Y.Mutex && !(X.Shared && Y.Shared))
        return true;
  return false;
}

Lockset intersect(const Lockset &A, const Lockset &B) {
  Lockset Result;
  for (const HeldLock &X : A)
    for (const HeldLock &Y : B)
      if (X.Mutex == Y.Mutex) {
        Result.push_back({X.Mutex, X.Shared || Y.Shared});
        break;
      }
  return Result;
}

void addAll(Lockset &To, const Lockset &From) {
  for (const HeldLock &Lock : From) {
    auto Known = llvm::find_if(To, [&](const HeldLock &H) { return H.Mutex == Lock.Mutex; });
    if (Known == To.end())
      To.push_back(Lock);
    else
      Known->Shared = Known->Shared && Lock.Shared;
  }
}

namespace {

enum class Use { Write, Ignore };

/// Strips what does not change which object an expression designates.
const Expr *designated(const Expr *E) {
  while (true) {
    E = E->IgnoreParens();
    const auto *Cast = dyn_cast<ImplicitCastExpr>(E);
    if (!Cast || Cast->getCastKind() == CK_LValueToRValue)
      return E;
    E = Cast->getSubExpr();
  }
}

bool isNonConstLValueReference(QualType Type) {
  return Type->isLValueReferenceType() && !Type.getNonReferenceType().isConstQualified();
}

class Walker : public EvaluatedCodeVisitor<Walker> {
  using Base = EvaluatedCodeVisitor<Walker>;

public:
  Walker(SharedStateIndex &Index, const AccessCollector &Collector, const FunctionDecl &Function,
         const llvm::DenseSet<const VarDecl *> &CapturedLocals, FunctionAccesses &Out)
      : Index(Index), Collector(Collector), CapturedLocals(CapturedLocals), Out(Out) {
    if (const auto *Method = dyn_cast<CXXMethodDecl>(&Function);
        Method && Method->getParent()->isLambda())
      Closure = Method->getParent();
  }

  // A lambda is a function of its own, its captures included: a captured
  // local is followed through CapturedLocals instead.
  bool shouldTraverseLambdaCaptures() const { return false; }

  bool TraverseCompoundStmt(CompoundStmt *S) {
    size_t Mark = Guards.size();
    bool Result = Base::TraverseCompoundStmt(S);
    Guards.resize(Mark);
    return Result;
  }

  bool VisitVarDecl(VarDecl *Var) {
    const catalog::LockGuardType *Guard = Index.lockGuard(Var->getType());
    if (!Guard || !Var->hasLocalStorage() || !Var->getInit())
      return true;
    const auto *Construct = dyn_cast<CXXConstructExpr>(Var->getInit()->IgnoreImplicit());
    if (!Construct)
      return true;
    GuardState State{Var, {}, true};
    for (const Expr *Argument : Construct->arguments()) {
      if (Index.isDeferLock(Argument->getType())) {
        State.Held = false;
        continue;
      }
      // Tag arguments (std::adopt_lock) are constants; mutexes are not.
      if (Argument->getType().isConstQualified())
        continue;
      Location Mutex = mutexOf(*stripAddressOf(Argument));
      if (Mutex.valid())
        State.Locks.push_back({Mutex, Guard->Shared});
    }
    Guards.push_back(std::move(State));
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->isAssignmentOp())
      mark(Op->getLHS(), Use::Write);
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *Op) {
    if (Op->isIncrementDecrementOp())
      mark(Op->getSubExpr(), Use::Write);
    else if (Op->getOpcode() == UO_AddrOf)
      mark(Op->getSubExpr(), Use::Ignore); // who writes through the pointer is unknown
    return true;
  }

  bool VisitArraySubscriptExpr(ArraySubscriptExpr *Subscript) {
    if (isThreadOwnIndex(*Subscript->getIdx()))
      mark(Subscript->getBase(), Use::Ignore);
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    // std::atomic_ref<T>(x) makes this access to x atomic.
    bool Atomic = Index.isAtomic(Construct->getType());
    const CXXConstructorDecl *Constructor = Construct->getConstructor();
    for (unsigned I = 0; I < Construct->getNumArgs(); ++I) {
      if (Atomic)
        mark(Construct->getArg(I), Use::Ignore);
      else if (Constructor && I < Constructor->getNumParams() &&
               isNonConstLValueReference(Constructor->getParamDecl(I)->getType()))
        mark(Construct->getArg(I), Use::Write);
    }
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return true;
    CallSite Site{Call, Callee, nullptr};
    const Expr *Object = nullptr;
    unsigned FirstArgument = 0;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
      Object = Member->getImplicitObjectArgument();
    } else if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) &&
               Call->getNumArgs() > 0) {
      Object = Call->getArg(0);
      FirstArgument = 1;
    }
    if (Object)
      Site.ObjectClass = classOf(Object->IgnoreParenImpCasts()->getType());

    if (const catalog::LockFunction *Lock = Index.lockFunction(Site)) {
      lockOrUnlock(*Lock, Call, Object, true);
      return true;
    }
    if (const catalog::LockFunction *Unlock = Index.unlockFunction(Site)) {
      lockOrUnlock(*Unlock, Call, Object, false);
      return true;
    }

    // A function of the translation unit is analysed itself: its body's
    // accesses (and locks) count, not the call. A shared object it is
    // called on shares its members with the callee.
    const FunctionDecl *Definition = Collector.userDefinition(*Callee);
    bool ObjectShared = false;
    if (Object && Definition) {
      ObjectShared = locationOf(*Object).valid();
      mark(Object, Use::Ignore);
    } else if (Object) {
      markObjectUse(*Call, *Callee, *Object);
    }
    for (unsigned I = FirstArgument; I < Call->getNumArgs(); ++I) {
      unsigned Param = I - FirstArgument;
      if (Param < Callee->getNumParams() &&
          isNonConstLValueReference(Callee->getParamDecl(Param)->getType()))
        // What a user function does through a reference parameter is not
        // tracked: neither a write nor a read here.
        mark(Call->getArg(I), Definition ? Use::Ignore : Use::Write);
    }
    if (Definition)
      Out.Calls.push_back({Definition, Call, currentLocks(),
                           Object && isa<CXXThisExpr>(designated(Object)), ObjectShared});
    return true;
  }

  bool VisitMemberExpr(MemberExpr *Member) {
    if (Consumed.contains(Member))
      return true;
    Location Where = locationOf(*Member);
    if (!Where.valid())
      return true;
    for (const Expr *Inner = Member; const auto *M = dyn_cast<MemberExpr>(Inner);) {
      Consumed.insert(M);
      Inner = designated(M->getBase());
      Consumed.insert(Inner);
    }
    record(*Member, Where);
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (Consumed.contains(Ref))
      return true;
    Location Where = locationOf(*Ref);
    if (Where.valid())
      record(*Ref, Where);
    return true;
  }

private:
  struct GuardState {
    const VarDecl *Var;
    Lockset Locks;
    bool Held;
  };

  Lockset currentLocks() const {
    Lockset Locks = Explicit;
    for (const GuardState &Guard : Guards)
      if (Guard.Held)
        addAll(Locks, Guard.Locks);
    return Locks;
  }

  static const Expr *stripAddressOf(const Expr *E) {
    E = designated(E);
    if (const auto *Op = dyn_cast<UnaryOperator>(E); Op && Op->getOpcode() == UO_AddrOf)
      return designated(Op->getSubExpr());
    return E;
  }

  void lockOrUnlock(const catalog::LockFunction &Function, const CallExpr *Call, const Expr *Object,
                    bool Lock) {
    if (Function.AllArgs) {
      for (const Expr *Argument : Call->arguments())
        lockOrUnlockOne(Function, Argument, Lock);
      return;
    }
    const Expr *Target = Object;
    if (Function.MutexArg >= 0)
      Target = static_cast<unsigned>(Function.MutexArg) < Call->getNumArgs()
                   ? Call->getArg(Function.MutexArg)
                   : nullptr;
    if (Target)
      lockOrUnlockOne(Function, Target, Lock);
  }

  /// Takes or releases one mutex, or the mutexes of one guard variable.
  void lockOrUnlockOne(const catalog::LockFunction &Function, const Expr *Target, bool Lock) {
    Target = stripAddressOf(Target);
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Target))
      for (GuardState &Guard : Guards)
        if (Guard.Var == Ref->getDecl()) {
          Guard.Held = Lock;
          return;
        }
    Location Mutex = mutexOf(*Target);
    if (!Mutex.valid())
      return;
    llvm::erase_if(Explicit, [&](const HeldLock &H) { return H.Mutex == Mutex; });
    if (Lock)
      Explicit.push_back({Mutex, Function.Shared});
  }

  void markObjectUse(const CallExpr &Call, const FunctionDecl &Callee, const Expr &Object) {
    const auto *Method = dyn_cast<CXXMethodDecl>(&Callee);
    if (!Method || Method->isStatic())
      return;
    const auto *Operator = dyn_cast<CXXOperatorCallExpr>(&Call);
    if (Operator && Operator->getOperator() == OO_Subscript && Call.getNumArgs() > 1) {
      // vector[i] picks an element (what is done to it decides); map[k] inserts.
      if (!Index.isIndexedContainer(Object.getType()))
        mark(&Object, Use::Write);
      else if (isThreadOwnIndex(*Call.getArg(1)))
        mark(&Object, Use::Ignore);
      return;
    }
    if (!Method->isConst() && !isAccessor(*Method))
      mark(&Object, Use::Write);
  }

  /// The first mark wins: the traversal meets the outermost use first.
  void mark(const Expr *E, Use U) {
    E = designated(E);
    if (Index.isAtomicOrSynchronized(E->getType()))
      U = Use::Ignore;
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      mark(Subscript->getBase(), isThreadOwnIndex(*Subscript->getIdx()) ? Use::Ignore : U);
      return;
    }
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E);
        Operator && Operator->getOperator() == OO_Subscript && Operator->getNumArgs() > 1 &&
        Index.isIndexedContainer(Operator->getArg(0)->getType())) {
      mark(Operator->getArg(0), isThreadOwnIndex(*Operator->getArg(1)) ? Use::Ignore : U);
      return;
    }
    // v.front() = x, v.at(i) += 1: the element belongs to the container.
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
      if (const CXXMethodDecl *Method = Call->getMethodDecl();
          Method && isAccessor(*Method) && Call->getImplicitObjectArgument()) {
        mark(Call->getImplicitObjectArgument(), U);
        return;
      }
    Marks.try_emplace(E, U);
  }

  /// An index naming a variable of this function's own (a parameter, a
  /// local, a by-copy capture) picks this thread's slot.
  bool isThreadOwnIndex(const Expr &Index) const {
    const Expr *E = Index.IgnoreParenImpCasts();
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
      const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
      return Var && !Var->hasGlobalStorage() && !isSharedLocal(*Var);
    }
    if (const auto *Op = dyn_cast<BinaryOperator>(E))
      return isThreadOwnIndex(*Op->getLHS()) || isThreadOwnIndex(*Op->getRHS());
    return false;
  }

  /// A local captured by reference by some thread entry, seen from here.
  bool isSharedLocal(const VarDecl &Var) const {
    if (!CapturedLocals.contains(&Var))
      return false;
    if (!Closure)
      return true; // the function that declares it
    for (const LambdaCapture &Capture : Closure->captures())
      if (Capture.capturesVariable() && Capture.getCapturedVar() == &Var)
        return Capture.getCaptureKind() == LCK_ByRef;
    return false;
  }

  bool isSharedVariable(const VarDecl &Var) const {
    if (Index.isAtomicOrSynchronized(Var.getType()) || Var.getType().isConstQualified() ||
        Var.getType()->isReferenceType())
      return false;
    if (Var.hasGlobalStorage())
      return Var.getTLSKind() == VarDecl::TLS_None &&
             !Var.getASTContext().getSourceManager().isInSystemHeader(Var.getLocation());
    return isSharedLocal(Var);
  }

  /// The mutex an lvalue expression names: a variable, a member of `this`
  /// or of a variable.
  static Location mutexOf(const Expr &E) {
    const Expr *Current = designated(&E);
    const ValueDecl *Field = nullptr;
    while (const auto *Member = dyn_cast<MemberExpr>(Current)) {
      const ValueDecl *Decl = Member->getMemberDecl();
      if (isa<VarDecl>(Decl))
        return Location{Decl, nullptr};
      Field = Decl;
      const Expr *Base = designated(Member->getBase());
      if (isa<CXXThisExpr>(Base))
        return Location{nullptr, Field};
      if (Member->isArrow())
        return {};
      Current = Base;
    }
    const auto *Ref = dyn_cast<DeclRefExpr>(Current);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    return Var ? Location{Var, Field} : Location{};
  }

  /// The location an lvalue expression names, if it may be shared.
  Location locationOf(const Expr &E) {
    const Expr *Current = designated(&E);
    const ValueDecl *Field = nullptr;
    while (const auto *Member = dyn_cast<MemberExpr>(Current)) {
      if (Index.isAtomicOrSynchronized(Member->getType()))
        return {};
      const ValueDecl *Decl = Member->getMemberDecl();
      if (const auto *Static = dyn_cast<VarDecl>(Decl))
        return isSharedVariable(*Static) ? Location{Static, nullptr} : Location{};
      if (!isa<FieldDecl>(Decl) || Decl->getType().isConstQualified())
        return {};
      Field = Decl;
      const Expr *Base = designated(Member->getBase());
      if (isa<CXXThisExpr>(Base))
        return Location{nullptr, Field};
      if (Member->isArrow())
        return {}; // through a pointer: which object is unknown
      Current = Base;
    }
    const auto *Ref = dyn_cast<DeclRefExpr>(Current);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    if (!Var || !isSharedVariable(*Var))
      return {};
    return Location{Var, Field};
  }

  void record(const Expr &E, Location Where) {
    // Unmarked: a read.
    auto Marked = Marks.find(&E);
    if (Marked != Marks.end() && Marked->second == Use::Ignore)
      return;
    Out.Accesses.push_back({Where, &E, Marked != Marks.end(), currentLocks()});
  }

  SharedStateIndex &Index;
  const AccessCollector &Collector;
  const llvm::DenseSet<const VarDecl *> &CapturedLocals;
  FunctionAccesses &Out;
  const CXXRecordDecl *Closure = nullptr;
  llvm::SmallVector<GuardState, 4> Guards;
  Lockset Explicit;
  llvm::DenseMap<const Expr *, Use> Marks;
  llvm::DenseSet<const Expr *> Consumed;
};

} // namespace

const FunctionDecl *AccessCollector::userDefinition(const FunctionDecl &Callee) const {
  return asynclint::userDefinition(Callee, Context.getSourceManager());
}

const FunctionAccesses &AccessCollector::of(const FunctionDecl &Function) {
  std::unique_ptr<FunctionAccesses> &Known = Facts[&Function];
  if (!Known) {
    Known = std::make_unique<FunctionAccesses>();
    if (Function.getBody())
      Walker(Index, *this, Function, CapturedLocals, *Known)
          .TraverseStmt(const_cast<Stmt *>(Function.getBody()));
  }
  return *Known;
}

} // namespace asynclint
