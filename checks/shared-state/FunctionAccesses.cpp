//===--- FunctionAccesses.cpp ---------------------------------------------===//
//
// One pass over a function body in source order. RAII guards live until the
// end of the compound statement that declares them (or their unlock());
// explicit lock()/unlock() pairs hold for the rest of the body. Each branch
// of an `if` and each `case` of a `switch` starts from the locks held before
// it; where paths meet (after an `if`, a `switch`, a loop's `break`s, a
// loop's next iteration), a lock held on either is held, which can only
// hide a finding, never make one. A condition that says something about a
// lock or an owner (see Conditions.h) holds in its branch.
//
// Whether an access writes is decided top-down: an assignment, ++/--, a
// non-const member call of a library class or a non-const reference
// argument of a library function marks its target as written before the
// traversal reaches the target itself. What a function of the user's code
// does with the objects it is given is that function's own accesses (see
// LockedCall).
//
//===----------------------------------------------------------------------===//
#include "shared-state/FunctionAccesses.h"
#include "common/EvaluatedCodeVisitor.h"
#include "common/LibraryCode.h"
#include "common/LockShapes.h"
#include "common/MemberFunctions.h"
#include "common/QualifiedName.h"
#include "common/UserCode.h"
#include "shared-state/Conditions.h"
#include "shared-state/ObjectPaths.h"
#include "shared-state/SharedStateIndex.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/Attr.h>
#include <clang/AST/DeclTemplate.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/StmtCXX.h>
#include <clang/Basic/SourceManager.h>

#include <algorithm>

namespace asynclint {

using namespace clang;

namespace {

/// How an expression uses the location it designates. Deref: it reads a
/// pointer only to reach what it points to (`p->f()`, `*p`).
enum class Use { Write, Ignore, Deref };

bool isNonConstLValueReference(QualType Type) {
  return Type->isLValueReferenceType() && !Type.getNonReferenceType().isConstQualified();
}

/// Parameter \p Index of a template instantiation was declared `T &&` with T
/// a template parameter (a pack included): a forwarding reference, which
/// binds an lvalue as `T &` only to pass it on (std::make_shared,
/// emplace_back, std::invoke). Passing to it is no write.
bool isForwardingReference(const FunctionDecl &Callee, unsigned Index) {
  const FunctionDecl *Pattern = Callee.getTemplateInstantiationPattern();
  if (!Pattern)
    return false;
  unsigned Expanded = Callee.getNumParams() + 1 - Pattern->getNumParams();
  for (const ParmVarDecl *Param : Pattern->parameters()) {
    unsigned Covers = Param->isParameterPack() ? Expanded : 1;
    if (Index < Covers) {
      QualType Type = Param->getType();
      if (const auto *Pack = Type->getAs<PackExpansionType>())
        Type = Pack->getPattern();
      const auto *Reference = Type->getAs<RValueReferenceType>();
      return Reference && !Reference->getPointeeType().hasQualifiers() &&
             Reference->getPointeeType()->getAs<TemplateTypeParmType>();
    }
    Index -= Covers;
  }
  return false;
}

/// The expression a condition tests for null, when it is true only for a
/// null pointer (`!p`, `p == nullptr`, `nullptr == p`, `!sp` on a smart
/// pointer).
const Expr *nullTested(const Expr &Condition) {
  const Expr *E = Condition.IgnoreParenImpCasts();
  auto Tested = [](const Expr *Operand) -> const Expr * {
    Operand = Operand->IgnoreParenImpCasts();
    // `!sp`: a smart pointer's explicit operator bool.
    if (const auto *Conversion = dyn_cast<CXXMemberCallExpr>(Operand);
        Conversion && isa_and_nonnull<CXXConversionDecl>(Conversion->getMethodDecl()))
      return Conversion->getImplicitObjectArgument();
    return Operand;
  };
  if (const auto *Not = dyn_cast<UnaryOperator>(E); Not && Not->getOpcode() == UO_LNot)
    return Tested(Not->getSubExpr());
  const Expr *Left = nullptr, *Right = nullptr;
  if (const auto *Op = dyn_cast<BinaryOperator>(E); Op && Op->getOpcode() == BO_EQ) {
    Left = Op->getLHS();
    Right = Op->getRHS();
  } else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E);
             Operator && Operator->getOperator() == OO_EqualEqual && Operator->getNumArgs() == 2) {
    Left = Operator->getArg(0);
    Right = Operator->getArg(1);
  }
  if (!Left)
    return nullptr;
  auto IsNullLiteral = [](const Expr *Side) {
    Side = Side->IgnoreParenImpCasts();
    return isa<CXXNullPtrLiteralExpr, GNUNullExpr>(Side) ||
           (isa<IntegerLiteral>(Side) && cast<IntegerLiteral>(Side)->getValue() == 0);
  };
  if (IsNullLiteral(Right))
    return Tested(Left);
  if (IsNullLiteral(Left))
    return Tested(Right);
  return nullptr;
}

/// The statement never completes normally: the code after it does not run
/// on the path through it.
bool neverFallsThrough(const Stmt *S) {
  if (!S)
    return false;
  if (const auto *Block = dyn_cast<CompoundStmt>(S))
    return !Block->body_empty() && neverFallsThrough(Block->body_back());
  if (isa<ReturnStmt, BreakStmt, ContinueStmt, GotoStmt, CoreturnStmt>(S))
    return true;
  if (const auto *E = dyn_cast<Expr>(S)) {
    E = E->IgnoreImplicit();
    if (isa<CXXThrowExpr>(E))
      return true;
    if (const auto *Call = dyn_cast<CallExpr>(E))
      if (const FunctionDecl *Callee = Call->getDirectCallee())
        return Callee->isNoReturn();
  }
  return false;
}

/// A handler that runs when a thread could not be started: std::thread
/// throws std::system_error (caught also as one of its bases, or by `...`).
bool catchesFailedThreadStart(const CXXCatchStmt &Handler) {
  if (!Handler.getExceptionDecl())
    return true;
  const CXXRecordDecl *Caught = classOf(Handler.getCaughtType());
  if (!Caught)
    return false;
  std::string Name = qualifiedName(*Caught);
  return Name == "std::system_error" || Name == "std::runtime_error" || Name == "std::exception";
}

/// A function whose name says its caller holds the lock
/// (`pushLocked`, `drain_unlocked`, `removeNoLock`).
bool nameSaysCallerLocks(const FunctionDecl &Function) {
  if (!Function.getIdentifier())
    return false;
  std::string Name = Function.getName().lower();
  Name.erase(std::remove(Name.begin(), Name.end(), '_'), Name.end());
  StringRef Lower(Name);
  return Lower.ends_with("locked") || Lower.ends_with("nolock") || Lower.ends_with("withlock") ||
         Lower.ends_with("lockheld") || Lower.ends_with("underlock");
}

class Walker : public EvaluatedCodeVisitor<Walker> {
  using Base = EvaluatedCodeVisitor<Walker>;

public:
  Walker(SharedStateIndex &Index, LockShapes &Locks, const AccessCollector &Collector,
         ASTContext &Context, const FunctionDecl &Function,
         const llvm::DenseSet<const VarDecl *> &SharedLocals, FunctionAccesses &Out)
      : Index(Index), Locks(Locks), Collector(Collector), Context(Context), Function(Function),
        Paths(Locks, Function, SharedLocals), Out(Out),
        InStructor(isa<CXXConstructorDecl>(Function) || isa<CXXDestructorDecl>(Function)) {}

  void run() {
    takeEntryLocks();
    Scopes.push_back({0, false});
    TraverseStmt(const_cast<Stmt *>(Function.getBody()));
  }

  // A lambda is a function of its own, its captures included: a captured
  // local is followed through SharedLocals instead.
  bool shouldTraverseLambdaCaptures() const { return false; }

  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    // A generic lambda's body is a template: not followed.
    bool CapturesThis =
        llvm::any_of(Lambda->captures(), [](const LambdaCapture &C) { return C.capturesThis(); });
    if (CapturesThis && !Lambda->isGenericLambda() && Lambda->getCallOperator())
      if (const FunctionDecl *Body = Lambda->getCallOperator()->getDefinition())
        Out.Closures.push_back({Body, Lambda, RunsElsewhere.contains(Lambda), currentLocks()});
    return Base::TraverseLambdaExpr(Lambda);
  }

  bool VisitReturnStmt(ReturnStmt *Return) {
    if (Return->getRetValue())
      noteRunsElsewhere(Return->getRetValue());
    return true;
  }

  bool TraverseCompoundStmt(CompoundStmt *S) {
    Scopes.push_back({Guards.size(), false});
    bool Result = Base::TraverseCompoundStmt(S);
    Guards.resize(Scopes.back().Guards);
    Scopes.pop_back();
    return Result;
  }

  bool TraverseIfStmt(IfStmt *If) {
    for (Stmt *Head : {If->getInit(), static_cast<Stmt *>(If->getConditionVariableDeclStmt()),
                       static_cast<Stmt *>(If->getCond())})
      if (Head && !TraverseStmt(Head))
        return false;
    ConditionFact Fact;
    if (If->getCond())
      Fact = analyzeCondition(*If->getCond(), Locks, Context);
    bool Known = Fact.What != ConditionFact::None;
    // `if (!p) p = make();`: a lazy initialisation writes p once.
    std::optional<Location> Initialised;
    if (const Expr *Tested = If->getCond() ? nullTested(*If->getCond()) : nullptr)
      Initialised = Paths.dataLocation(*Tested);
    if (Initialised)
      NullChecked.push_back(*Initialised);
    // Each branch starts from the locks held before the `if`: an unlock()
    // in one (to call back without the lock) is no unlock in the other.
    LockState Before = lockState();
    bool ThenOk = traverseBranch(If->getThen(), Fact, Known && Fact.WhenTrue);
    if (Initialised)
      NullChecked.pop_back();
    LockState AfterThen = lockState();
    restore(Before);
    if (!ThenOk || !traverseBranch(If->getElse(), Fact, Known && !Fact.WhenTrue))
      return false;
    if (!neverFallsThrough(If->getThen())) {
      if (If->getElse() && neverFallsThrough(If->getElse()))
        restore(AfterThen);
      else
        join(AfterThen);
    }
    if (Fact.exclusive()) {
      // `if (refs.fetch_sub(1) != 1) return;`: the rest of the block is the
      // last owner's.
      const Stmt *Leaving = Fact.WhenTrue ? If->getElse() : If->getThen();
      if (neverFallsThrough(Leaving))
        Scopes.back().RestExclusive = true;
    } else if (Known && !Fact.WhenTrue && !If->getElse()) {
      takeByCondition(Fact); // `if (!m.try_lock()) return;`
    }
    return true;
  }

  bool TraverseWhileStmt(WhileStmt *While) {
    auto Iteration = [&] {
      for (Stmt *Part : {static_cast<Stmt *>(While->getConditionVariableDeclStmt()),
                         static_cast<Stmt *>(While->getCond()), While->getBody()})
        if (Part && !TraverseStmt(Part))
          return false;
      return true;
    };
    auto Finished = [&] {
      // `while (!m.try_lock()) yield();` holds the lock after the loop.
      if (While->getCond())
        if (ConditionFact Fact = analyzeCondition(*While->getCond(), Locks, Context);
            (Fact.What == ConditionFact::TryLock || Fact.What == ConditionFact::GuardOwns) &&
            !Fact.WhenTrue)
          takeByCondition(Fact);
    };
    return traverseLoop(Iteration, Finished, alwaysTrue(While->getCond()));
  }

  bool TraverseDoStmt(DoStmt *Do) {
    return traverseLoop(
        [&] {
          return (!Do->getBody() || TraverseStmt(Do->getBody())) &&
                 (!Do->getCond() || TraverseStmt(Do->getCond()));
        },
        [] {}, alwaysTrue(Do->getCond()));
  }

  bool TraverseForStmt(ForStmt *For) {
    if (For->getInit() && !TraverseStmt(For->getInit()))
      return false;
    return traverseLoop(
        [&] {
          for (Stmt *Part : {static_cast<Stmt *>(For->getConditionVariableDeclStmt()),
                             static_cast<Stmt *>(For->getCond()), For->getBody(),
                             static_cast<Stmt *>(For->getInc())})
            if (Part && !TraverseStmt(Part))
              return false;
          return true;
        },
        [] {}, alwaysTrue(For->getCond()));
  }

  bool TraverseCXXForRangeStmt(CXXForRangeStmt *For) {
    for (Stmt *Once : {For->getInit(), static_cast<Stmt *>(For->getRangeInit())})
      if (Once && !TraverseStmt(Once))
        return false;
    return traverseLoop(
        [&] {
          return TraverseStmt(For->getLoopVarStmt()) &&
                 (!For->getBody() || TraverseStmt(For->getBody()));
        },
        [] {}, false);
  }

  // Each case starts from the locks held at the `switch`, joined with what
  // the case before it leaves when it falls through; after the `switch`,
  // its `break`s, its end and (with no `default`) the `switch` itself meet.
  bool TraverseSwitchStmt(SwitchStmt *Switch) {
    for (Stmt *Head :
         {Switch->getInit(), static_cast<Stmt *>(Switch->getConditionVariableDeclStmt()),
          static_cast<Stmt *>(Switch->getCond())})
      if (Head && !TraverseStmt(Head))
        return false;
    LockState Entry = lockState();
    Exits.push_back({false, {}, {}});
    auto *Body = dyn_cast_or_null<CompoundStmt>(Switch->getBody());
    if (!Body) {
      bool Result = !Switch->getBody() || TraverseStmt(Switch->getBody());
      Exits.pop_back();
      return Result;
    }
    Scopes.push_back({Guards.size(), false});
    const Stmt *Previous = nullptr;
    bool HasDefault = false;
    for (Stmt *Child : Body->body()) {
      if (isa<SwitchCase>(Child)) {
        LockState FallingIn = lockState();
        restore(Entry);
        if (Previous && !neverFallsThrough(caseBody(Previous)))
          join(FallingIn);
      }
      for (const Stmt *Label = Child; const auto *Case = dyn_cast<SwitchCase>(Label);
           Label = Case->getSubStmt())
        HasDefault |= isa<DefaultStmt>(Case);
      if (!TraverseStmt(Child))
        return false;
      Previous = Child;
    }
    Guards.resize(Scopes.back().Guards);
    Scopes.pop_back();
    std::optional<LockState> After;
    auto Meet = [&](const LockState &State) {
      if (!After)
        After = State;
      else
        joinInto(*After, State);
    };
    if (!Previous || !neverFallsThrough(caseBody(Previous)))
      Meet(lockState());
    for (const LockState &Break : Exits.back().Breaks)
      Meet(Break);
    if (!HasDefault)
      Meet(Entry);
    Exits.pop_back();
    restore(After ? *After : Entry);
    return true;
  }

  bool VisitBreakStmt(BreakStmt *) {
    if (!Exits.empty())
      Exits.back().Breaks.push_back(lockState());
    return true;
  }

  bool VisitContinueStmt(ContinueStmt *) {
    for (auto Frame = Exits.rbegin(); Frame != Exits.rend(); ++Frame)
      if (Frame->Loop) {
        Frame->Continues.push_back(lockState());
        break;
      }
    return true;
  }

  bool TraverseCXXTryStmt(CXXTryStmt *Try) {
    if (!TraverseStmt(Try->getTryBlock()))
      return false;
    bool StartsThread = Try->getTryBlock() && startsThread(*Try->getTryBlock());
    for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
      // No thread runs where its start failed.
      bool Failed = StartsThread && catchesFailedThreadStart(*Try->getHandler(I));
      ExclusiveDepth += Failed;
      bool Result = TraverseStmt(Try->getHandler(I));
      ExclusiveDepth -= Failed;
      if (!Result)
        return false;
    }
    return true;
  }

  bool VisitVarDecl(VarDecl *Var) {
    if (!Var->hasLocalStorage() || !Var->getInit() || isa<ParmVarDecl>(Var))
      return true;
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(Var->getInit()->IgnoreImplicit())) {
      GuardConstruction Guard = Locks.guardConstruction(*Construct);
      if (Guard.State != GuardConstruction::NotAGuard) {
        GuardState State{Var, {}, Guard.State == GuardConstruction::Held};
        for (unsigned Arg : Guard.MutexArgs)
          State.Locks.push_back(lockOn(*Construct->getArg(Arg), Guard.Shared));
        Guards.push_back(std::move(State));
        return true;
      }
    }
    if (Locks.isGuardType(Var->getType()))
      Guards.push_back(guardFrom(*Var));
    return true;
  }

  // In `a && b` b runs only where a is true, in `a || b` only where a is
  // false: `if (!lock || queue_.empty())` reads queue_ holding the lock.
  bool TraverseBinaryOperator(BinaryOperator *Op) {
    if (Op->getOpcode() != BO_LAnd && Op->getOpcode() != BO_LOr)
      return Base::TraverseBinaryOperator(Op);
    if (!WalkUpFromBinaryOperator(Op) || !TraverseStmt(Op->getLHS()))
      return false;
    ConditionFact Fact = analyzeCondition(*Op->getLHS(), Locks, Context);
    bool Holds = (Fact.What == ConditionFact::TryLock || Fact.What == ConditionFact::GuardOwns) &&
                 Fact.WhenTrue == (Op->getOpcode() == BO_LAnd);
    if (!Holds)
      return TraverseStmt(Op->getRHS());
    LockState Before = lockState();
    takeByCondition(Fact);
    bool Result = TraverseStmt(Op->getRHS());
    restore(Before);
    return Result;
  }

  bool VisitBinaryOperator(BinaryOperator *Op) {
    if (Op->isAssignmentOp())
      mark(Op->getLHS(), Use::Write);
    if (Op->isAssignmentOp() && storesBeyondFunction(*Op->getLHS()))
      noteRunsElsewhere(Op->getRHS());
    // `tl_data.this_worker = this;`: this thread owns the object from here.
    if (Op->getOpcode() == BO_Assign && isa<CXXThisExpr>(Op->getRHS()->IgnoreParenCasts()) &&
        readsThreadLocal(*Op->getLHS()))
      Out.RegistersThreadOwner = true;
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *Op) {
    if (Op->isIncrementDecrementOp())
      mark(Op->getSubExpr(), Use::Write);
    else if (Op->getOpcode() == UO_AddrOf)
      mark(Op->getSubExpr(), Use::Ignore); // who writes through the pointer is unknown
    else if (Op->getOpcode() == UO_Deref) {
      markDeref(Op->getSubExpr());
      if (!Consumed.contains(Op))
        if (std::optional<Location> Where = Paths.dataLocation(*Op))
          record(*Op, *Where);
    }
    return true;
  }

  bool VisitArraySubscriptExpr(ArraySubscriptExpr *Subscript) {
    if (isThreadOwnIndex(*Subscript->getIdx()))
      mark(Subscript->getBase(), Use::Ignore);
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *Construct) {
    if (const CXXConstructorDecl *Constructor = Construct->getConstructor();
        Constructor && Index.threadStartClass(*Constructor->getParent()))
      for (const Expr *Argument : Construct->arguments())
        noteRunsElsewhere(Argument);
    // std::atomic_ref<T>(x) makes this access to x atomic. What other
    // constructors are given is stored, not written: a reference kept by
    // a constructor is no write to what it refers to.
    if (Locks.isAtomic(Construct->getType()))
      for (const Expr *Argument : Construct->arguments())
        mark(Argument, Use::Ignore);
    return true;
  }

  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return true;
    const auto *Emplace = dyn_cast<CXXMemberCallExpr>(Call);
    if (Index.threadStart({Call, Callee, nullptr}) ||
        (Emplace && Index.emplacedThreadStart(*Emplace)))
      for (const Expr *Argument : Call->arguments())
        noteRunsElsewhere(Argument);
    // `callback_ = [this] {...}` through a class's operator=.
    if (const auto *Assign = dyn_cast<CXXOperatorCallExpr>(Call);
        Assign && Assign->getOperator() == OO_Equal && Assign->getNumArgs() == 2 &&
        storesBeyondFunction(*Assign->getArg(0)))
      noteRunsElsewhere(Assign->getArg(1));
    const Expr *Object = nullptr;
    unsigned FirstArgument = 0;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
      Object = Member->getImplicitObjectArgument();
    } else if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) &&
               Call->getNumArgs() > 0) {
      Object = Call->getArg(0);
      FirstArgument = 1;
    }
    const CXXRecordDecl *ObjectClass = Object ? classOf(Object->getType()) : nullptr;
    if (lockOperation(*Call, *Callee, Object, ObjectClass))
      return true;
    // `p->f()`, `sp->f()`, `*sp`: the pointer is read to reach its target.
    if (Object && Object->getType()->isPointerType())
      markDeref(Object);
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Call);
        Operator && Object &&
        (Operator->getOperator() == OO_Arrow ||
         (Operator->getOperator() == OO_Star && Operator->getNumArgs() == 1)))
      markDeref(Object);

    // A function of the user's code is analysed itself: its body's accesses
    // (and locks) count, on the objects the call gives it.
    const FunctionDecl *Definition = Collector.userDefinition(*Callee);
    LockedCall Made;
    Made.Callee = Definition;
    Made.At = Call;
    if (Object && Definition) {
      Made.Object = Paths.object(*Object);
      mark(Object, Use::Ignore);
    } else if (Object) {
      markObjectUse(*Call, *Callee, *Object, ObjectClass);
    }
    for (unsigned I = FirstArgument; I < Call->getNumArgs(); ++I) {
      unsigned Param = I - FirstArgument;
      if (Param >= Callee->getNumParams())
        break;
      QualType Type = Callee->getParamDecl(Param)->getType();
      const Expr *Argument = Call->getArg(I);
      if (Definition) {
        std::optional<Location> Given;
        if (Type->isReferenceType())
          Given = Paths.lvalue(*Argument);
        else if (Type->isPointerType())
          Given = Paths.pointee(*Argument);
        if (Given)
          Made.Arguments.push_back({Param, *Given});
        if (isNonConstLValueReference(Type))
          mark(Argument, Use::Ignore);
      } else if (isNonConstLValueReference(Type) && !isForwardingReference(*Callee, Param)) {
        const CXXRecordDecl *Class = classOf(Argument->getType());
        mark(Argument, Class && Locks.synchronizesItself(*Class) ? Use::Ignore : Use::Write);
      }
    }
    if (Definition) {
      Made.Locks = currentLocks();
      Made.Owned = exclusive() || (InStructor && Made.Object && *Made.Object == Location{});
      Out.Calls.push_back(std::move(Made));
    } else if (Collector.isDefinedElsewhere(*Callee)) {
      LockedCall Elsewhere;
      Elsewhere.Callee = Callee;
      Elsewhere.At = Call;
      Elsewhere.Locks = currentLocks();
      Out.ExternalCalls.push_back(std::move(Elsewhere));
    }
    return true;
  }

  bool VisitMemberExpr(MemberExpr *Member) {
    if (Member->isArrow())
      markDeref(Member->getBase());
    if (Consumed.contains(Member))
      return true;
    std::optional<Location> Where = Paths.dataLocation(*Member);
    if (!Where)
      return true;
    for (const Expr *Inner = Member; const auto *M = dyn_cast<MemberExpr>(Inner);) {
      Consumed.insert(M);
      Inner = designated(M->getBase());
      Consumed.insert(Inner);
    }
    record(*Member, *Where);
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (Consumed.contains(Ref))
      return true;
    if (std::optional<Location> Where = Paths.dataLocation(*Ref))
      record(*Ref, *Where);
    return true;
  }

private:
  struct GuardState {
    const VarDecl *Var;
    Lockset Locks;
    bool Held;
  };
  /// The locks held at one point: the explicit ones and each guard's.
  struct LockState {
    Lockset Explicit;
    llvm::SmallVector<bool, 4> Held;
  };
  LockState lockState() const {
    LockState State{Explicit, {}};
    for (const GuardState &Guard : Guards)
      State.Held.push_back(Guard.Held);
    return State;
  }
  void restore(const LockState &State) {
    Explicit = State.Explicit;
    if (Guards.size() > State.Held.size())
      Guards.resize(State.Held.size());
    for (size_t I = 0; I < Guards.size(); ++I)
      Guards[I].Held = State.Held[I];
  }
  /// Where two paths meet, a lock either held is taken as held: that can
  /// hide a race, never make one.
  void join(const LockState &Other) {
    addAll(Explicit, Other.Explicit);
    for (size_t I = 0; I < Guards.size() && I < Other.Held.size(); ++I)
      Guards[I].Held = Guards[I].Held || Other.Held[I];
  }
  /// A loop or `switch` being followed: the lock states its `break`s (and a
  /// loop's `continue`s) leave with.
  struct ExitStates {
    bool Loop;
    llvm::SmallVector<LockState, 2> Breaks, Continues;
  };
  struct Scope {
    size_t Guards;
    /// The rest of this block runs only as the last owner.
    bool RestExclusive;
  };

  bool exclusive() const {
    return ExclusiveDepth > 0 ||
           llvm::any_of(Scopes, [](const Scope &S) { return S.RestExclusive; });
  }

  Lockset currentLocks() const {
    Lockset Locks = Explicit;
    for (const GuardState &Guard : Guards)
      if (Guard.Held)
        addAll(Locks, Guard.Locks);
    return Locks;
  }

  /// A guard not built here from its mutex: moved from another guard, or
  /// returned by a call (`auto lock = co_await mutex_.coScopedLock();`,
  /// `auto lock = acquire();`). It holds what the other guard held, the
  /// mutex the call was made on, or a lock that cannot be named.
  GuardState guardFrom(const VarDecl &Var) {
    const Expr *Source = Var.getInit();
    while (true) {
      Source = Source->IgnoreImplicit()->IgnoreParenCasts();
      if (const auto *Await = dyn_cast<CoawaitExpr>(Source))
        Source = Await->getOperand();
      else if (const auto *Construct = dyn_cast<CXXConstructExpr>(Source)) {
        // A copy or move passes a guard on; any other construction here
        // locked nothing (std::unique_lock<std::mutex> lock;).
        if (!Construct->getConstructor() || !Construct->getConstructor()->isCopyOrMoveConstructor())
          return {&Var, {}, false};
        Source = Construct->getArg(0);
      } else if (const auto *Move = dyn_cast<CallExpr>(Source);
                 Move && Move->getNumArgs() == 1 && Move->getDirectCallee() &&
                 Move->getDirectCallee()->getIdentifier() &&
                 Move->getDirectCallee()->getName() == "move")
        Source = Move->getArg(0);
      else
        break;
    }
    if (GuardState *From = guardNamed(*Source)) {
      GuardState Moved{&Var, From->Locks, From->Held};
      From->Held = false;
      return Moved;
    }
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(Source))
      if (const Expr *Object = Call->getImplicitObjectArgument())
        if (const CXXRecordDecl *Class = classOf(Object->getType());
            Class && Locks.isLockable(*Class))
          return {&Var, {lockOn(*Object, false)}, true};
    return {&Var, {HeldLock{{}, false, true}}, true};
  }

  HeldLock lockOn(const Expr &Mutex, bool Shared) {
    if (std::optional<Location> Where = Paths.mutex(Mutex))
      return {*Where, Shared, false};
    return {{}, Shared, true};
  }

  /// Locks the caller holds on entry: a guard passed in (the caller proves
  /// it holds it; one handed over by value is released by its unlock()), a
  /// thread-safety `requires_capability` attribute, a name that says so.
  void takeEntryLocks() {
    for (const ParmVarDecl *Param : Function.parameters()) {
      if (!Locks.isGuardType(Param->getType()))
        continue;
      if (Param->getType()->isReferenceType())
        addAll(Explicit, {HeldLock{{}, false, true}});
      else
        Guards.push_back({Param, {HeldLock{{}, false, true}}, true});
    }
    if (nameSaysCallerLocks(Function))
      addAll(Explicit, {HeldLock{{}, false, true}});
    for (const auto *Required : Function.specific_attrs<RequiresCapabilityAttr>())
      for (const Expr *Mutex : Required->args()) {
        HeldLock Lock{{}, Required->isShared(), true};
        if (const auto *Ref = dyn_cast<DeclRefExpr>(Mutex->IgnoreParenImpCasts());
            Ref && isa<FieldDecl>(Ref->getDecl()))
          Lock = {{nullptr, Ref->getDecl()}, Required->isShared(), false};
        else if (std::optional<Location> Where = Paths.mutex(*Mutex))
          Lock = {*Where, Required->isShared(), false};
        addAll(Explicit, {Lock});
      }
  }

  /// The statement a `case` label (or several) is attached to.
  static const Stmt *caseBody(const Stmt *S) {
    while (const auto *Case = dyn_cast_or_null<SwitchCase>(S))
      S = Case->getSubStmt();
    return S;
  }

  static void joinInto(LockState &Into, const LockState &Other) {
    addAll(Into.Explicit, Other.Explicit);
    for (size_t I = 0; I < Into.Held.size() && I < Other.Held.size(); ++I)
      Into.Held[I] = Into.Held[I] || Other.Held[I];
  }

  static bool sameLocks(const LockState &A, const LockState &B) {
    if (A.Held != B.Held || A.Explicit.size() != B.Explicit.size())
      return false;
    for (size_t I = 0; I < A.Explicit.size(); ++I)
      if (A.Explicit[I].Mutex != B.Explicit[I].Mutex ||
          A.Explicit[I].Shared != B.Explicit[I].Shared || A.Explicit[I].Any != B.Explicit[I].Any)
        return false;
    return true;
  }

  /// One iteration of a loop is followed in source order. When it ends (or
  /// continues) holding a lock it did not hold on entry, the next iteration
  /// starts holding it: the iteration is followed once more from the joined
  /// state, and what the first pass recorded is replaced. After the loop,
  /// its end and its `break`s meet. \p Finished runs on the end state (the
  /// condition's exit).
  template <typename Iteration, typename Exit>
  bool traverseLoop(Iteration Once, Exit Finished, bool Endless) {
    LockState Entry = lockState();
    size_t AccessesBefore = Out.Accesses.size(), CallsBefore = Out.Calls.size(),
           ClosuresBefore = Out.Closures.size();
    Exits.push_back({true, {}, {}});
    if (!Once())
      return false;
    LockState Head = Entry;
    joinInto(Head, lockState());
    for (const LockState &Continue : Exits.back().Continues)
      joinInto(Head, Continue);
    // Nested loops could repeat 2^depth times: two levels at most.
    if (!sameLocks(Head, Entry) && Repeating < 2) {
      Out.Accesses.resize(AccessesBefore);
      Out.Calls.resize(CallsBefore);
      Out.Closures.resize(ClosuresBefore);
      // Nothing outside a loop statement is part of an expression in it.
      Consumed.clear();
      Exits.back() = {true, {}, {}};
      restore(Head);
      ++Repeating;
      bool Result = Once();
      --Repeating;
      if (!Result)
        return false;
    }
    // `for (;;)`, `while (true)`: only its `break`s leave it.
    if (Endless && !Exits.back().Breaks.empty())
      restore(Exits.back().Breaks.front());
    else
      Finished();
    for (const LockState &Break : Exits.back().Breaks)
      join(Break);
    Exits.pop_back();
    return true;
  }

  bool alwaysTrue(const Expr *Condition) const {
    bool Value = false;
    return !Condition || (!Condition->isValueDependent() &&
                          Condition->EvaluateAsBooleanCondition(Value, Context) && Value);
  }

  bool traverseBranch(Stmt *Branch, const ConditionFact &Fact, bool Holds) {
    if (!Branch)
      return true;
    if (Holds && Fact.exclusive()) {
      ++ExclusiveDepth;
      bool Result = TraverseStmt(Branch);
      --ExclusiveDepth;
      return Result;
    }
    if (Holds)
      takeByCondition(Fact);
    return TraverseStmt(Branch);
  }

  GuardState *guardNamed(const Expr &E) {
    if (const auto *Ref = dyn_cast<DeclRefExpr>(E.IgnoreParenImpCasts()))
      for (GuardState &Guard : Guards)
        if (Guard.Var == Ref->getDecl())
          return &Guard;
    return nullptr;
  }

  /// A condition proved a try_lock() succeeded or a guard owns its lock.
  void takeByCondition(const ConditionFact &Fact) {
    if (!Fact.LockObject)
      return;
    if (GuardState *Guard = guardNamed(*Fact.LockObject)) {
      Guard->Held = true;
      return;
    }
    if (Fact.What == ConditionFact::TryLock)
      take(*Fact.LockObject, Fact.Shared, true);
  }

  void take(const Expr &Mutex, bool Shared, bool Lock) {
    if (GuardState *Guard = guardNamed(Mutex)) {
      Guard->Held = Lock;
      return;
    }
    HeldLock Held = lockOn(Mutex, Shared);
    if (Held.Any) {
      if (Lock)
        addAll(Explicit, {Held});
      return;
    }
    llvm::erase_if(Explicit, [&](const HeldLock &H) { return !H.Any && H.Mutex == Held.Mutex; });
    if (Lock)
      Explicit.push_back(Held);
  }

  /// Takes or releases a lock: a member of a lockable (or of a guard
  /// variable) by shape, or a catalogued C function. True when the call was
  /// one (it is no data access then).
  bool lockOperation(const CallExpr &Call, const FunctionDecl &Callee, const Expr *Object,
                     const CXXRecordDecl *ObjectClass) {
    if (const auto *Method = dyn_cast<CXXMethodDecl>(&Callee); Method && Object && ObjectClass) {
      switch (Locks.memberLockOp(*Method, *ObjectClass)) {
      case LockOp::Lock:
        take(*Object, false, true);
        return true;
      case LockOp::LockShared:
        take(*Object, true, true);
        return true;
      case LockOp::Unlock:
        take(*Object, false, false);
        return true;
      case LockOp::TryLock:
      case LockOp::TryLockShared:
      case LockOp::OwnsLock:
        return true; // what they say is read where they are tested
      case LockOp::None:
        break;
      }
    }
    CallSite Site{&Call, &Callee, ObjectClass};
    if (Locks.tryLockFunction(Site))
      return true; // what it says is read where it is tested
    const catalog::LockFunction *Function = Locks.lockFunction(Site);
    bool Lock = Function != nullptr;
    if (!Function)
      Function = Locks.unlockFunction(Site);
    if (!Function)
      return false;
    auto TakeOne = [&](const Expr &Target) {
      const Expr *Stripped = Target.IgnoreParenImpCasts();
      if (const auto *Op = dyn_cast<UnaryOperator>(Stripped); Op && Op->getOpcode() == UO_AddrOf)
        Stripped = Op->getSubExpr();
      take(*Stripped, Function->Shared, Lock);
    };
    if (Function->AllArgs) {
      for (const Expr *Argument : Call.arguments())
        TakeOne(*Argument);
    } else if (Function->MutexArg < 0 && Object) {
      TakeOne(*Object);
    } else if (Function->MutexArg >= 0 &&
               static_cast<unsigned>(Function->MutexArg) < Call.getNumArgs()) {
      TakeOne(*Call.getArg(Function->MutexArg));
    }
    return true;
  }

  /// A lambda (possibly converted to std::function) given here runs
  /// elsewhere.
  void noteRunsElsewhere(const Expr *E) {
    while (E) {
      E = E->IgnoreImplicit()->IgnoreParens();
      if (const auto *Lambda = dyn_cast<LambdaExpr>(E)) {
        RunsElsewhere.insert(Lambda);
        return;
      }
      if (const auto *Cast = dyn_cast<CastExpr>(E))
        E = Cast->getSubExpr();
      else if (const auto *Construct = dyn_cast<CXXConstructExpr>(E);
               Construct && Construct->getNumArgs() >= 1 && !isa<CXXTemporaryObjectExpr>(E))
        E = Construct->getArg(0);
      else
        return;
    }
  }

  /// An lvalue that outlives this call: a member or a global.
  bool storesBeyondFunction(const Expr &Target) {
    const Expr *E = designated(&Target);
    if (isa<MemberExpr>(E))
      return true;
    const auto *Ref = dyn_cast<DeclRefExpr>(E);
    const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
    return Var && (Var->hasGlobalStorage() || Var->getType()->isReferenceType());
  }

  bool startsThread(const Stmt &S) {
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(&S);
        Construct && Construct->getConstructor()) {
      const CXXConstructorDecl *Constructor = Construct->getConstructor();
      if (!Constructor->isCopyOrMoveConstructor() && Construct->getNumArgs() > 0 &&
          Index.threadStartClass(*Constructor->getParent()))
        return true;
    } else if (const auto *Call = dyn_cast<CallExpr>(&S); Call && Call->getDirectCallee()) {
      if (Index.threadStart({Call, Call->getDirectCallee(), nullptr}))
        return true;
      if (const auto *Emplace = dyn_cast<CXXMemberCallExpr>(Call);
          Emplace && Index.emplacedThreadStart(*Emplace))
        return true;
    }
    if (isa<LambdaExpr>(S))
      return false;
    for (const Stmt *Child : S.children())
      if (Child && startsThread(*Child))
        return true;
    return false;
  }

  void markObjectUse(const CallExpr &Call, const FunctionDecl &Callee, const Expr &Object,
                     const CXXRecordDecl *ObjectClass) {
    const auto *Method = dyn_cast<CXXMethodDecl>(&Callee);
    if (!Method || Method->isStatic())
      return;
    // A library class that synchronises itself (its own mutex, atomics, a
    // condition variable inside): calling it is no data access.
    if (ObjectClass && Locks.synchronizesItself(*ObjectClass)) {
      mark(&Object, Use::Ignore);
      return;
    }
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

  /// A pointer read only to reach its target: marked on the pointer
  /// expression itself, under its lvalue-to-rvalue conversion.
  void markDeref(const Expr *Pointer) {
    Marks.try_emplace(Pointer->IgnoreParenImpCasts(), Use::Deref);
  }

  /// The first mark wins: the traversal meets the outermost use first.
  void mark(const Expr *E, Use U) {
    E = designated(E);
    if (Locks.isSynchronization(E->getType()))
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
      return Var && !Var->hasGlobalStorage() && !Paths.isSharedVariable(*Var);
    }
    if (const auto *Op = dyn_cast<BinaryOperator>(E))
      return isThreadOwnIndex(*Op->getLHS()) || isThreadOwnIndex(*Op->getRHS());
    return false;
  }

  void record(const Expr &E, const Location &Where) {
    // Where the objects are this thread's own, only globals stay shared.
    if (exclusive()) {
      const auto *Var = dyn_cast_or_null<VarDecl>(Where.Root);
      if (!Var || !Var->hasGlobalStorage())
        return;
    }
    // Unmarked: a read.
    auto Marked = Marks.find(&E);
    if (Marked != Marks.end() && Marked->second == Use::Ignore)
      return;
    bool Write = Marked != Marks.end() && Marked->second == Use::Write;
    Access Made{Where, &E, &Function, Write, currentLocks(), InStructor && Where.onThis()};
    Made.Deref = Marked != Marks.end() && Marked->second == Use::Deref;
    Made.LazyInit = Write && llvm::is_contained(NullChecked, Where);
    Out.Accesses.push_back(std::move(Made));
  }

  SharedStateIndex &Index;
  LockShapes &Locks;
  const AccessCollector &Collector;
  ASTContext &Context;
  const FunctionDecl &Function;
  ObjectPaths Paths;
  FunctionAccesses &Out;
  const bool InStructor;
  llvm::SmallVector<GuardState, 4> Guards;
  llvm::SmallVector<Scope, 8> Scopes;
  llvm::SmallVector<ExitStates, 4> Exits;
  /// Loops being followed a second time, nested.
  unsigned Repeating = 0;
  unsigned ExclusiveDepth = 0;
  Lockset Explicit;
  /// Locations a surrounding `if` found null: written there, initialised.
  llvm::SmallVector<Location, 2> NullChecked;
  llvm::DenseMap<const Expr *, Use> Marks;
  /// Lambdas given to a thread start or stored beyond this function.
  llvm::DenseSet<const LambdaExpr *> RunsElsewhere;
  llvm::DenseSet<const Expr *> Consumed;
};

} // namespace

const FunctionDecl *AccessCollector::userDefinition(const FunctionDecl &Callee) const {
  const FunctionDecl *Definition = asynclint::userDefinition(Callee, Context.getSourceManager());
  if (Definition && Library.isLibrary(Context.getSourceManager(), Definition->getLocation()))
    return nullptr;
  return Definition;
}

bool AccessCollector::isDefinedElsewhere(const FunctionDecl &Callee) const {
  const SourceManager &SM = Context.getSourceManager();
  return !Callee.hasBody() && !Callee.isImplicit() && !Callee.getBuiltinID() &&
         !SM.isInSystemHeader(Callee.getLocation()) && !Library.isLibrary(SM, Callee.getLocation());
}

const FunctionAccesses &AccessCollector::of(const FunctionDecl &Function) {
  std::unique_ptr<FunctionAccesses> &Known = Facts[&Function];
  if (!Known) {
    Known = std::make_unique<FunctionAccesses>();
    if (Function.getBody())
      Walker(Index, Locks, *this, Context, Function, SharedLocals, *Known).run();
  }
  return *Known;
}

} // namespace asynclint
