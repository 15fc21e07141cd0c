//===--- FlowWalker.cpp ---------------------------------------------------===//
#include "stale-read/FlowWalker.h"
#include "common/MemberFunctions.h"
#include "common/QualifiedName.h"
#include "stale-read/StaleReadIndex.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/StmtCXX.h>

namespace asynclint {

using namespace clang;

namespace {

/// Loops walked twice up to this nesting depth, once deeper.
constexpr unsigned TwiceUpToDepth = 3;

const Expr *strip(const Expr *E) { return E->IgnoreParenImpCasts(); }

/// Looks through what wraps a started coroutine or lambda: temporaries,
/// conversions, copies and moves, std::move.
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

bool isCompoundAssignment(OverloadedOperatorKind Op) {
  switch (Op) {
  case OO_PlusEqual:
  case OO_MinusEqual:
  case OO_StarEqual:
  case OO_SlashEqual:
  case OO_PercentEqual:
  case OO_CaretEqual:
  case OO_AmpEqual:
  case OO_PipeEqual:
  case OO_LessLessEqual:
  case OO_GreaterGreaterEqual:
    return true;
  default:
    return false;
  }
}

bool isNonConstLValueReference(QualType Type) {
  return Type->isLValueReferenceType() && !Type.getNonReferenceType().isConstQualified();
}

/// `m[k] = v` on a map inserts: its operator[] has no const overload.
bool insertsThroughSubscript(const Expr *Target) {
  const Expr *Current = strip(Target);
  for (const auto *Member = dyn_cast<MemberExpr>(Current); Member && !Member->isArrow();
       Member = dyn_cast<MemberExpr>(Current))
    Current = strip(Member->getBase());
  const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Current);
  if (!Operator || Operator->getOperator() != OO_Subscript)
    return false;
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Operator->getDirectCallee());
  return Method && !Method->isConst() && !isAccessor(*Method);
}

/// Whether two expressions name the same object: the same variable, or the
/// same member of the same object.
bool sameObject(const Expr *A, const Expr *B) {
  A = strip(A);
  B = strip(B);
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

bool isConstantTrue(const Expr *Condition, const ASTContext &Context) {
  bool Value = false;
  return !Condition || (!Condition->isValueDependent() &&
                        Condition->EvaluateAsBooleanCondition(Value, Context) && Value);
}

} // namespace

FlowWalker::FlowWalker(FactsCollector &Collector, const FunctionDecl &Function, FunctionFacts &Out)
    : Collector(Collector), Index(Collector.index()), Function(Function), Out(Out),
      Resolver(Collector.index(), Function) {}

void FlowWalker::run() {
  Stmt *Body = Function.getBody();
  if (!Body)
    return;
  if (auto *Coroutine = dyn_cast<CoroutineBodyStmt>(Body))
    Body = Coroutine->getBody();
  RecordsWrites = !isa<CXXConstructorDecl, CXXDestructorDecl>(Function);
  ScopedLocks.emplace_back();
  walk(Body);
}

bool FlowWalker::TraverseStmt(Stmt *S) {
  if (!S)
    return true;
  if (const auto *E = dyn_cast<Expr>(S)) {
    Taint Value = eval(E);
    if (!Pending.empty())
      addAll(Pending.back(), Value);
    return true;
  }
  visitStatement(S);
  return true;
}

// --- statements ---------------------------------------------------------------

void FlowWalker::visitStatement(Stmt *S) {
  // Code after a return or break runs only through a label or a case.
  if (!State.Reachable && !isa<CompoundStmt, SwitchCase, LabelStmt>(S))
    return;
  switch (S->getStmtClass()) {
  case Stmt::CompoundStmtClass:
    return visitCompound(cast<CompoundStmt>(S));
  case Stmt::IfStmtClass:
    return visitIf(cast<IfStmt>(S));
  case Stmt::WhileStmtClass:
  case Stmt::DoStmtClass:
  case Stmt::ForStmtClass:
  case Stmt::CXXForRangeStmtClass:
    return visitLoop(S);
  case Stmt::SwitchStmtClass:
    return visitSwitch(cast<SwitchStmt>(S));
  case Stmt::CaseStmtClass:
  case Stmt::DefaultStmtClass:
    if (!SwitchEntries.empty())
      State.join(SwitchEntries.back());
    walk(cast<SwitchCase>(S)->getSubStmt());
    return;
  case Stmt::LabelStmtClass:
    // A goto's target: nothing is known to be stale there.
    if (!State.Reachable)
      State = FlowState();
    walk(cast<LabelStmt>(S)->getSubStmt());
    return;
  case Stmt::ReturnStmtClass:
    eval(cast<ReturnStmt>(S)->getRetValue());
    State.Reachable = false;
    return;
  case Stmt::CoreturnStmtClass:
    eval(cast<CoreturnStmt>(S)->getOperand());
    State.Reachable = false;
    return;
  case Stmt::BreakStmtClass:
    return jump(true);
  case Stmt::ContinueStmtClass:
    return jump(false);
  case Stmt::GotoStmtClass:
  case Stmt::IndirectGotoStmtClass:
    State.Reachable = false;
    return;
  case Stmt::DeclStmtClass:
    for (const Decl *D : cast<DeclStmt>(S)->decls())
      if (const auto *Var = dyn_cast<VarDecl>(D))
        visitVariable(*Var);
    return;
  case Stmt::CXXTryStmtClass:
    return visitTry(cast<CXXTryStmt>(S));
  case Stmt::AttributedStmtClass:
    walk(cast<AttributedStmt>(S)->getSubStmt());
    return;
  case Stmt::NullStmtClass:
    return;
  default:
    Pending.emplace_back();
    Base::TraverseStmt(S);
    Pending.pop_back();
    return;
  }
}

void FlowWalker::visitCompound(CompoundStmt *Block) {
  size_t Checks = State.Checks.size();
  ScopedLocks.emplace_back();
  for (Stmt *Child : Block->body()) {
    walk(Child);
    // `co_await m.scoped_lock();` as a statement: the guard is a temporary,
    // gone at the semicolon.
    if (const auto *E = dyn_cast<Expr>(Child); E && LastAcquisition) {
      const Acquisition &Last = Acquisitions[*LastAcquisition];
      if (!Last.Guard && unwrap(E) == Last.Await && !Last.Await->getType()->isVoidType())
        State.release(*LastAcquisition);
    }
  }
  for (unsigned Lock : ScopedLocks.back())
    State.release(Lock);
  ScopedLocks.pop_back();
  if (State.Checks.size() > Checks)
    State.Checks.resize(Checks);
}

void FlowWalker::visitIf(IfStmt *If) {
  if (If->getInit())
    walk(If->getInit());
  if (const VarDecl *Var = If->getConditionVariable())
    visitVariable(*Var);
  Taint Check = eval(If->getCond());
  size_t Mark = State.Checks.size();
  FlowState Otherwise = State;
  State.Checks.push_back(Check);
  walk(If->getThen());
  if (State.Checks.size() > Mark)
    State.Checks.resize(Mark);
  FlowState Then = std::move(State);
  State = std::move(Otherwise);
  if (If->getElse()) {
    State.Checks.push_back(Check);
    walk(If->getElse());
    if (State.Checks.size() > Mark)
      State.Checks.resize(Mark);
  }
  bool OneBranchLeaves = Then.Reachable != State.Reachable;
  State.join(Then);
  // `if (in_use >= limit) co_return;`: the rest of the block runs because of
  // the check as much as a branch would.
  if (State.Reachable && OneBranchLeaves)
    State.Checks.push_back(std::move(Check));
}

void FlowWalker::visitLoop(Stmt *Loop) {
  const Stmt *Body = nullptr;
  const Expr *Condition = nullptr, *Increment = nullptr;
  const VarDecl *ConditionVariable = nullptr;
  bool TestFirst = true;
  const CXXForRangeStmt *Range = dyn_cast<CXXForRangeStmt>(Loop);
  Taint RangeValue;
  if (const auto *While = dyn_cast<WhileStmt>(Loop)) {
    Condition = While->getCond();
    ConditionVariable = While->getConditionVariable();
    Body = While->getBody();
  } else if (const auto *Do = dyn_cast<DoStmt>(Loop)) {
    Condition = Do->getCond();
    Body = Do->getBody();
    TestFirst = false;
  } else if (const auto *For = dyn_cast<ForStmt>(Loop)) {
    if (For->getInit())
      walk(For->getInit());
    Condition = For->getCond();
    ConditionVariable = For->getConditionVariable();
    Increment = For->getInc();
    Body = For->getBody();
  } else if (Range) {
    if (Range->getInit())
      walk(Range->getInit());
    RangeValue = eval(Range->getRangeInit());
    Body = Range->getBody();
  }
  // A loop that can only be left by break, return or co_return.
  bool Forever = !Range && isConstantTrue(Condition, Function.getASTContext());

  ++LoopDepth;
  const VarDecl *LoopVariable = Range ? Range->getLoopVariable() : nullptr;
  if (LoopVariable) {
    Resolver.declared(*LoopVariable, LoopDepth);
    // for (auto &session : sessions): an element of the container.
    Designator Container = Resolver.location(*Range->getRangeInit());
    if (Container.shared() && LoopVariable->getType()->isReferenceType())
      Resolver.refersTo(*LoopVariable, Container);
  }
  unsigned Passes = LoopDepth <= TwiceUpToDepth ? 2 : 1;
  size_t Mark = State.Checks.size();
  FlowState Head = State, Exit;
  Exit.Reachable = false;
  auto Test = [&] {
    if (ConditionVariable)
      visitVariable(*ConditionVariable);
    eval(Condition);
    if (!Forever)
      Exit.join(State);
  };
  for (unsigned Pass = 0; Pass < Passes; ++Pass) {
    State = Head;
    Jumps.emplace_back();
    if (LoopVariable) {
      Exit.join(State);
      State.Values[LoopVariable] = RangeValue;
    } else if (TestFirst) {
      Test();
    }
    walk(Body);
    State.join(Jumps.back().Continues);
    if (Increment)
      eval(Increment);
    if (!TestFirst)
      Test();
    JumpTargets Targets = std::move(Jumps.back());
    Jumps.pop_back();
    Exit.join(Targets.Breaks);
    if (State.Checks.size() > Mark)
      State.Checks.resize(Mark);
    Head.join(State);
  }
  --LoopDepth;
  State = std::move(Exit);
}

void FlowWalker::visitSwitch(SwitchStmt *Switch) {
  if (Switch->getInit())
    walk(Switch->getInit());
  if (const VarDecl *Var = Switch->getConditionVariable())
    visitVariable(*Var);
  Taint Check = eval(Switch->getCond());
  size_t Mark = State.Checks.size();
  State.Checks.push_back(std::move(Check));
  SwitchEntries.push_back(State);
  Jumps.emplace_back();
  Jumps.back().IsSwitch = true;
  State.Reachable = false;
  walk(Switch->getBody());
  bool HasDefault = false;
  for (const SwitchCase *Case = Switch->getSwitchCaseList(); Case; Case = Case->getNextSwitchCase())
    HasDefault |= isa<DefaultStmt>(Case);
  State.join(Jumps.back().Breaks);
  Jumps.pop_back();
  if (!HasDefault)
    State.join(SwitchEntries.back());
  SwitchEntries.pop_back();
  if (State.Checks.size() > Mark)
    State.Checks.resize(Mark);
}

void FlowWalker::visitTry(CXXTryStmt *Try) {
  FlowState Entry = State;
  walk(Try->getTryBlock());
  FlowState AfterTry = State, Out = State;
  for (unsigned I = 0; I < Try->getNumHandlers(); ++I) {
    // Anything in the try block may have thrown.
    State = Entry;
    State.join(AfterTry);
    walk(Try->getHandler(I)->getHandlerBlock());
    Out.join(State);
  }
  State = std::move(Out);
}

void FlowWalker::jump(bool IsBreak) {
  for (auto Target = Jumps.rbegin(); Target != Jumps.rend(); ++Target) {
    if (!IsBreak && Target->IsSwitch)
      continue;
    (IsBreak ? Target->Breaks : Target->Continues).join(State);
    break;
  }
  State.Reachable = false;
}

void FlowWalker::visitVariable(const VarDecl &Var) {
  Resolver.declared(Var, LoopDepth);
  // A static local is initialised once, by whoever comes first.
  if (Var.hasGlobalStorage())
    return;
  const Expr *Init = Var.getInit();
  if (!Init) {
    State.Values.erase(&Var);
    return;
  }
  // auto &entry = sessions[user]: entry names the shared location.
  if (Var.getType()->isReferenceType()) {
    Designator Target = Resolver.location(*Init);
    if (Target.shared()) {
      Resolver.refersTo(Var, Target);
      evalParts(Init);
      State.Values.erase(&Var);
      return;
    }
  }
  if (isPointerLike(Var.getType())) {
    Designator Target = Resolver.pointee(*Init);
    if (Target.shared())
      Resolver.pointsTo(Var, Target);
  }
  State.Values[&Var] = eval(Init);
  const Expr *Source = unwrap(Init);
  if (LastAcquisition && Acquisitions[*LastAcquisition].Await == Source) {
    Acquisitions[*LastAcquisition].Guard = &Var;
    ScopedLocks.back().push_back(*LastAcquisition);
  }
  if (auto Edge = EdgeIds.find(Source); Edge != EdgeIds.end())
    TaskVariables[&Var] = Edge->second;
}

// --- expressions --------------------------------------------------------------

Taint FlowWalker::eval(const Expr *E) {
  if (!E || !State.Reachable)
    return {};
  // A shared location used for its value: a read.
  if (isa<DeclRefExpr, MemberExpr, ArraySubscriptExpr, CXXOperatorCallExpr, CXXMemberCallExpr,
          UnaryOperator>(E)) {
    Designator Where = Resolver.location(*E);
    if (Where.shared()) {
      evalParts(E);
      return {read(Where, *E)};
    }
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()))
      if (auto Known = State.Values.find(Var); Known != State.Values.end())
        return Known->second;
    if (const auto *Binding = dyn_cast<BindingDecl>(Ref->getDecl()))
      return eval(Binding->getBinding());
    return {};
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return eval(Member->getBase());
  if (const auto *Unary = dyn_cast<UnaryOperator>(E))
    return evalUnary(Unary);
  if (const auto *Binary = dyn_cast<BinaryOperator>(E))
    return evalBinary(Binary);
  if (const auto *Conditional = dyn_cast<ConditionalOperator>(E))
    return evalBranches(Conditional->getCond(), Conditional->getTrueExpr(),
                        Conditional->getFalseExpr());
  if (const auto *Elvis = dyn_cast<BinaryConditionalOperator>(E))
    return evalBranches(Elvis->getCommon(), nullptr, Elvis->getFalseExpr());
  if (const auto *Call = dyn_cast<CallExpr>(E))
    return evalCall(Call);
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E))
    return evalConstruct(Construct);
  if (const auto *Await = dyn_cast<CoroutineSuspendExpr>(E))
    return evalAwait(Await);
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
    return evalLambda(Lambda);
  if (const auto *Throw = dyn_cast<CXXThrowExpr>(E)) {
    eval(Throw->getSubExpr());
    State.Reachable = false;
    return {};
  }
  if (const auto *Statement = dyn_cast<StmtExpr>(E)) {
    walk(Statement->getSubStmt());
    return {};
  }
  if (isa<CXXDefaultArgExpr, CXXDefaultInitExpr, OpaqueValueExpr, CXXThisExpr>(E))
    return {};
  return evalChildren(E);
}

Taint FlowWalker::evalChildren(const Expr *E) {
  Pending.emplace_back();
  Base::TraverseStmt(const_cast<Expr *>(E));
  Taint Value = std::move(Pending.back());
  Pending.pop_back();
  return Value;
}

Taint FlowWalker::evalUnary(const UnaryOperator *Op) {
  const Expr *Operand = Op->getSubExpr();
  if (Op->isIncrementDecrementOp()) {
    Designator Where = Resolver.location(*Operand);
    if (!Where.shared())
      return eval(Operand);
    evalParts(Operand);
    // A read and a write in one step: nothing can run in between.
    unsigned Old = read(Where, *Op);
    write(Where, *Op, "assign", nullptr, false);
    return {Old};
  }
  // &counter: who writes through the pointer is not known here.
  if (Op->getOpcode() == UO_AddrOf && Resolver.location(*Operand).shared()) {
    evalParts(Operand);
    return {};
  }
  return eval(Operand);
}

Taint FlowWalker::evalBinary(const BinaryOperator *Op) {
  if (Op->isAssignmentOp())
    return evalAssignment(Op, Op->getLHS(), Op->getRHS(), Op->isCompoundAssignmentOp());
  if (Op->isLogicalOp()) {
    // The right operand runs only on the left one's outcome: a check.
    Taint Value = eval(Op->getLHS());
    FlowState Skipped = State;
    size_t Mark = State.Checks.size();
    State.Checks.push_back(Value);
    addAll(Value, eval(Op->getRHS()));
    if (State.Checks.size() > Mark)
      State.Checks.resize(Mark);
    State.join(Skipped);
    return Value;
  }
  if (Op->getOpcode() == BO_Comma) {
    eval(Op->getLHS());
    return eval(Op->getRHS());
  }
  Taint Value = eval(Op->getLHS());
  addAll(Value, eval(Op->getRHS()));
  return Value;
}

Taint FlowWalker::evalAssignment(const Expr *Whole, const Expr *Target, const Expr *Value,
                                 bool Compound) {
  // The right operand is evaluated first (C++17).
  Taint Stored = eval(Value);
  if (!State.Reachable)
    return {};
  Designator Where = Resolver.location(*Target);
  if (Where.shared()) {
    evalParts(Target);
    std::string Kind = insertsThroughSubscript(Target) ? "insert" : "assign";
    if (!Compound) {
      write(Where, *Whole, std::move(Kind), &Stored, false);
      return Stored;
    }
    // counter += n reads the current value in the same step.
    unsigned Current = read(Where, *Whole);
    write(Where, *Whole, std::move(Kind), nullptr, false);
    addAll(Stored, {Current});
    return Stored;
  }
  // A local (or a member of one): its value now comes from these reads.
  const Expr *Base = strip(Target);
  for (const auto *Member = dyn_cast<MemberExpr>(Base); Member && !Member->isArrow();
       Member = dyn_cast<MemberExpr>(Base))
    Base = strip(Member->getBase());
  if (const auto *Ref = dyn_cast<DeclRefExpr>(Base))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()); Var && Var->hasLocalStorage()) {
      Taint &Local = State.Values[Var];
      if (Compound || Base != strip(Target))
        addAll(Local, Stored);
      else
        Local = Stored;
      return Local;
    }
  addAll(Stored, eval(Target));
  return Stored;
}

Taint FlowWalker::evalBranches(const Expr *Condition, const Expr *First, const Expr *Second) {
  Taint Check = eval(Condition);
  size_t Mark = State.Checks.size();
  FlowState Otherwise = State;
  State.Checks.push_back(Check);
  Taint Value = Check;
  addAll(Value, eval(First));
  if (State.Checks.size() > Mark)
    State.Checks.resize(Mark);
  FlowState Taken = std::move(State);
  State = std::move(Otherwise);
  State.Checks.push_back(Check);
  addAll(Value, eval(Second));
  if (State.Checks.size() > Mark)
    State.Checks.resize(Mark);
  State.join(Taken);
  return Value;
}

Taint FlowWalker::evalCall(const CallExpr *Call) {
  if (Flattened.contains(Call))
    return evalChildren(Call);
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (Callee)
    if (StartKind Kind = Index.startKind(*Call); Kind != StartKind::None)
      return evalStart(Call, Kind);
  // Assignment operators of classes are assignments.
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Call);
      Operator && Operator->getNumArgs() == 2 && isa_and_nonnull<CXXMethodDecl>(Callee) &&
      (Operator->getOperator() == OO_Equal || isCompoundAssignment(Operator->getOperator())))
    return evalAssignment(Call, Operator->getArg(0), Operator->getArg(1),
                          Operator->getOperator() != OO_Equal);
  // m.unlock(), guard.unlock(), ch.try_receive(...): a release.
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    if (const CXXMethodDecl *Method = Member->getMethodDecl();
        Method && Member->getImplicitObjectArgument() &&
        Index.isUnlock(*Method,
                       Member->getImplicitObjectArgument()->IgnoreParenImpCasts()->getType()) &&
        releaseMutex(*Member->getImplicitObjectArgument())) {
      for (const Expr *Argument : Call->arguments())
        eval(Argument);
      return {};
    }
  if (Callee)
    if (const FunctionDecl *Definition = Collector.userDefinition(*Callee))
      return evalUserCall(Call, *Definition);
  return evalLibraryCall(Call);
}

Taint FlowWalker::evalUserCall(const CallExpr *Call, const FunctionDecl &Definition) {
  CallEdge Edge;
  Edge.Callee = &Definition;
  Edge.At = Call;
  Edge.LoopDepth = LoopDepth;
  if (auto Start = Started.find(Call); Start != Started.end()) {
    Edge.Kind = Start->second.Kind;
    Edge.Start = Start->second.Start;
  }
  Taint Value;
  const Expr *Object = nullptr;
  unsigned First = 0;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    Object = Member->getImplicitObjectArgument();
  } else if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Definition) &&
             Call->getNumArgs() > 0) {
    Object = Call->getArg(0);
    First = 1;
  }
  const auto *Method = dyn_cast<CXXMethodDecl>(&Definition);
  if (Object && Method && Method->getParent()->isLambda()) {
    if (const LambdaExpr *Lambda = lambdaOf(*Object))
      bindLambda(*Lambda, Edge);
    addAll(Value, eval(Object));
  } else if (Object && Method && !Method->isStatic()) {
    Edge.This = Resolver.object(*Object, Object->getType()->isPointerType());
    if (Edge.This.shared())
      evalParts(Object);
    else
      addAll(Value, eval(Object));
  } else if (Object) {
    addAll(Value, eval(Object));
  }
  for (unsigned I = First; I < Call->getNumArgs(); ++I) {
    const Expr *Argument = Call->getArg(I);
    unsigned Position = I - First;
    if (Position < Definition.getNumParams()) {
      const ParmVarDecl *Param = Definition.getParamDecl(Position);
      QualType Type = Param->getType();
      bool Pointer = isPointerLike(Type);
      if (Type->isReferenceType() || Pointer) {
        Designator Bound = Resolver.object(*Argument, Pointer);
        if (Bound.valid())
          Edge.Bindings.push_back({Param, Bound});
        // What the callee does through a non-const reference is its own
        // business: it is walked itself.
        if (Bound.shared() && !(Type->isReferenceType() && !Pointer &&
                                Type.getNonReferenceType().isConstQualified())) {
          evalParts(Argument);
          continue;
        }
      }
    }
    addAll(Value, eval(Argument));
  }
  if (State.Reachable)
    addEdge(std::move(Edge));
  if (Definition.isNoReturn())
    State.Reachable = false;
  return Value;
}

Taint FlowWalker::evalLibraryCall(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return evalChildren(Call);
  const Expr *Object = nullptr;
  unsigned First = 0;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    Object = Member->getImplicitObjectArgument();
  } else if (isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) &&
             Call->getNumArgs() > 0) {
    Object = Call->getArg(0);
    First = 1;
  }
  const auto *Method = dyn_cast<CXXMethodDecl>(Callee);
  Designator Where;
  if (Object && Method && !Method->isStatic())
    Where =
        Object->getType()->isPointerType() ? Resolver.pointee(*Object) : Resolver.location(*Object);
  Taint Value, Arguments;
  if (Where.shared())
    evalParts(Object);
  else if (Object)
    Value = eval(Object);
  // An argument a library function takes by non-const reference counts as
  // read, not written: asio::buffer(data) takes it so, and writes nothing.
  for (unsigned I = First; I < Call->getNumArgs(); ++I)
    addAll(Arguments, eval(Call->getArg(I)));
  if (Where.shared()) {
    const CXXRecordDecl *Class = classOf(Object->IgnoreParenImpCasts()->getType());
    if (Method->isConst() || isAccessor(*Method)) {
      addAll(Value, {read(Where, *Call)});
    } else {
      OverloadedOperatorKind Operator = Method->getOverloadedOperator();
      bool Assigns = Index.isAssignment(*Method, Class);
      std::string Kind = Assigns || Operator == OO_PlusPlus || Operator == OO_MinusMinus
                             ? "assign"
                             : Index.changeKind(*Method);
      write(Where, *Call, std::move(Kind), Assigns ? &Arguments : nullptr,
            Index.checksAgain(*Method, Class));
    }
  } else if (Object && Method && !Method->isConst()) {
    // A change to a local object: its value now depends on the arguments.
    if (const auto *Ref = dyn_cast<DeclRefExpr>(strip(Object)))
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()); Var && Var->hasLocalStorage())
        addAll(State.Values[Var], Arguments);
  }
  addAll(Value, Arguments);
  if (Callee->isNoReturn())
    State.Reachable = false;
  return Value;
}

Taint FlowWalker::evalStart(const CallExpr *Call, StartKind Kind) {
  EdgeKind Edge = Kind == StartKind::Blocking ? EdgeKind::BlockingTask : EdgeKind::Task;
  // co_await co_spawn(ex, f(), use_awaitable): the caller waits for it.
  if (Kind == StartKind::Task && Call == Awaited)
    Edge = EdgeKind::Call;
  const Expr *Object = nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    Object = Member->getImplicitObjectArgument();
  // when_all with one coroutine runs it as the caller's own work.
  if (Kind == StartKind::Combinator) {
    unsigned Count = 0;
    for (const Expr *Argument : Call->arguments())
      findStarted(Argument, EdgeKind::Call, *Call, Count, 0, /*Register=*/false);
    if (Count < 2)
      Edge = EdgeKind::Call;
  }
  unsigned Found = 0;
  if (Object)
    findStarted(Object, Edge, *Call, Found, 0, true);
  for (const Expr *Argument : Call->arguments())
    findStarted(Argument, Edge, *Call, Found, 0, true);
  if (Object)
    eval(Object);
  for (const Expr *Argument : Call->arguments())
    eval(Argument);
  return {};
}

void FlowWalker::findStarted(const Expr *E, EdgeKind Kind, const Expr &Start, unsigned &Found,
                             unsigned Depth, bool Register) {
  E = unwrap(E);
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E)) {
    // A completion handler takes arguments; the coroutine to start takes none.
    const CXXMethodDecl *Operator = Lambda->getCallOperator();
    if (Operator->getNumParams() == 0 || isa_and_nonnull<CoroutineBodyStmt>(Operator->getBody())) {
      if (Register)
        Started[Lambda] = {Kind, &Start};
      ++Found;
    }
    return;
  }
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *Callee = dyn_cast<FunctionDecl>(Ref->getDecl())) {
      if (const FunctionDecl *Definition = Collector.userDefinition(*Callee)) {
        ++Found;
        if (Register) {
          CallEdge Edge;
          Edge.Callee = Definition;
          Edge.At = Ref;
          Edge.Kind = Kind;
          Edge.Start = &Start;
          Edge.LoopDepth = LoopDepth;
          addEdge(std::move(Edge));
        }
      }
      return;
    }
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Var)
      return;
    if (auto Task = TaskVariables.find(Var); Task != TaskVariables.end()) {
      ++Found;
      if (Register && Kind != EdgeKind::Call) {
        Out.Edges[Task->second].Kind = Kind;
        Out.Edges[Task->second].Start = &Start;
      }
      return;
    }
    if (const LambdaExpr *Lambda = lambdaOf(*Ref)) {
      const FunctionDecl *Definition = Collector.userDefinition(*Lambda->getCallOperator());
      if (!Definition || Lambda->getCallOperator()->getNumParams() != 0)
        return;
      ++Found;
      if (!Register)
        return;
      CallEdge Edge;
      Edge.Callee = Definition;
      Edge.At = Ref;
      Edge.Kind = Kind;
      Edge.Start = &Start;
      Edge.LoopDepth = LoopDepth;
      bindLambda(*Lambda, Edge);
      addEdge(std::move(Edge));
    }
    return;
  }
  const auto *Call = dyn_cast<CallExpr>(E);
  if (!Call)
    return;
  StartKind Inner = Index.startKind(*Call);
  // (a() && b()) && c(): one group of three.
  if (Inner == StartKind::Combinator) {
    if (Register)
      Flattened.insert(Call);
    for (const Expr *Argument : Call->arguments())
      findStarted(Argument, Kind, Start, Found, Depth + 1, Register);
    return;
  }
  if (Inner != StartKind::None)
    return; // started by itself
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (Callee && Collector.userDefinition(*Callee)) {
    if (Register)
      Started[Call] = {Kind, &Start};
    ++Found;
    return;
  }
  // folly's co_withExecutor(ex, task()), std::move(task).scheduleOn(ex).
  if (Depth >= 3)
    return;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    if (const Expr *Object = Member->getImplicitObjectArgument())
      findStarted(Object, Kind, Start, Found, Depth + 1, Register);
  for (const Expr *Argument : Call->arguments())
    findStarted(Argument, Kind, Start, Found, Depth + 1, Register);
}

Taint FlowWalker::evalConstruct(const CXXConstructExpr *Construct) {
  const CXXConstructorDecl *Constructor = Construct->getConstructor();
  if (Constructor && Constructor->isCopyOrMoveConstructor() && Construct->getNumArgs() >= 1)
    return eval(Construct->getArg(0));
  Taint Value;
  for (unsigned I = 0; I < Construct->getNumArgs(); ++I) {
    const Expr *Argument = Construct->getArg(I);
    if (Constructor && I < Constructor->getNumParams() &&
        isNonConstLValueReference(Constructor->getParamDecl(I)->getType()) &&
        Resolver.location(*Argument).shared()) {
      evalParts(Argument);
      continue;
    }
    addAll(Value, eval(Argument));
  }
  return Value;
}

Taint FlowWalker::evalAwait(const CoroutineSuspendExpr *Await) {
  const Expr *Operand = Await->getOperand();
  const Expr *Outer = Awaited;
  Awaited = unwrap(Operand);
  Taint Value = eval(Operand);
  Awaited = Outer;
  if (!State.Reachable)
    return Value;
  if (isa<CoyieldExpr>(Await) || Collector.awaitMaySuspend(*Operand))
    suspend(*Await);
  if (isa<CoawaitExpr>(Await))
    if (const Expr *Mutex = Index.lockedMutex(*Operand))
      acquire(*Await, *Mutex);
  return Value;
}

Taint FlowWalker::evalLambda(const LambdaExpr *Lambda) {
  Taint Value;
  // By-copy captures read their variables now.
  auto Init = Lambda->capture_init_begin();
  for (const LambdaCapture &Capture : Lambda->captures()) {
    if (*Init && Capture.getCaptureKind() == LCK_ByCopy)
      addAll(Value, eval(*Init));
    ++Init;
  }
  if (auto Start = Started.find(Lambda); Start != Started.end())
    if (const FunctionDecl *Definition = Collector.userDefinition(*Lambda->getCallOperator())) {
      CallEdge Edge;
      Edge.Callee = Definition;
      Edge.At = Lambda;
      Edge.Kind = Start->second.Kind;
      Edge.Start = Start->second.Start;
      Edge.LoopDepth = LoopDepth;
      bindLambda(*Lambda, Edge);
      addEdge(std::move(Edge));
    }
  return Value;
}

void FlowWalker::evalParts(const Expr *E) {
  E = strip(E);
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return evalParts(Member->getBase());
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
    evalParts(Subscript->getBase());
    eval(Subscript->getIdx());
    return;
  }
  if (const auto *Unary = dyn_cast<UnaryOperator>(E))
    return evalParts(Unary->getSubExpr());
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (Operator->getNumArgs() > 0)
      evalParts(Operator->getArg(0));
    for (unsigned I = 1; I < Operator->getNumArgs(); ++I)
      eval(Operator->getArg(I));
    return;
  }
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    if (const Expr *Object = Call->getImplicitObjectArgument())
      evalParts(Object);
    for (const Expr *Argument : Call->arguments())
      eval(Argument);
  }
}

// --- effects ------------------------------------------------------------------

unsigned FlowWalker::read(const Designator &Where, const Expr &At) {
  auto [Id, Inserted] = ReadIds.try_emplace(&At, Reads.size());
  if (Inserted)
    Reads.push_back({Where, &At});
  ReadState Fresh;
  Fresh.Locks.append(State.Locks.begin(), State.Locks.end());
  State.Reads[Id->second] = std::move(Fresh);
  return Id->second;
}

void FlowWalker::write(const Designator &Where, const Expr &At, std::string Kind,
                       const Taint *Value, bool ChecksAgain) {
  if (!RecordsWrites || !State.Reachable)
    return;
  auto [Id, Inserted] = WriteIds.try_emplace(&At, Out.Writes.size());
  if (Inserted)
    Out.Writes.push_back({Where, &At, std::move(Kind)});
  auto StateOf = [&](unsigned Read) -> ReadState * {
    if (!overlaps(Reads[Read].Where, Where))
      return nullptr;
    auto Known = State.Reads.find(Read);
    return Known == State.Reads.end() ? nullptr : &Known->second;
  };
  // Checked again since the last suspension: decided on fresh state.
  bool CheckedFresh = false;
  for (const Taint &Check : State.Checks)
    for (unsigned Read : Check)
      if (ReadState *S = StateOf(Read); S && !S->StaleBy)
        CheckedFresh = true;
  if (!CheckedFresh && !StaleWrites.contains(&At)) {
    std::optional<StaleWrite> Found;
    if (Value)
      for (unsigned Read : *Value)
        if (ReadState *S = StateOf(Read); S && S->StaleBy && !State.heldSince(*S)) {
          Found = StaleWrite{StalePattern::LostUpdate, Id->second, Reads[Read].At, S->StaleBy};
          break;
        }
    if (!Found && !ChecksAgain)
      for (const Taint &Check : State.Checks)
        for (unsigned Read : Check)
          if (ReadState *S = StateOf(Read); !Found && S && S->CheckStaleBy && !State.heldSince(*S))
            Found =
                StaleWrite{StalePattern::CheckThenAct, Id->second, Reads[Read].At, S->CheckStaleBy};
    if (Found) {
      Out.Stale.push_back(*Found);
      StaleWrites.insert(&At);
    }
  }
  // Changed on a fresh check: this path claimed the location before any
  // suspension (`busy = true;` right after `if (busy) co_return;`).
  for (const Taint &Check : State.Checks)
    for (unsigned Read : Check)
      if (ReadState *S = StateOf(Read); S && !S->StaleBy)
        S->Claimed = true;
}

void FlowWalker::suspend(const Expr &At) { State.suspend(At); }

void FlowWalker::acquire(const Expr &Await, const Expr &Mutex) {
  LastAcquisition = Acquisitions.size();
  Acquisitions.push_back({&Await, &Mutex});
  State.Locks.push_back(*LastAcquisition);
}

bool FlowWalker::releaseMutex(const Expr &Object) {
  const Expr *Target = strip(&Object);
  const auto *Ref = dyn_cast<DeclRefExpr>(Target);
  bool Released = false;
  for (unsigned Lock = 0; Lock < Acquisitions.size(); ++Lock) {
    const Acquisition &Held = Acquisitions[Lock];
    bool ByGuard = Held.Guard && Ref && Ref->getDecl() == Held.Guard;
    bool ByMutex = !Held.Guard && sameObject(Held.Mutex, Target);
    if (ByGuard || ByMutex) {
      State.release(Lock);
      Released = true;
    }
  }
  return Released;
}

// --- calls and starts ---------------------------------------------------------

unsigned FlowWalker::addEdge(CallEdge Edge) {
  auto [Id, Inserted] = EdgeIds.try_emplace(Edge.At, Out.Edges.size());
  if (Inserted)
    Out.Edges.push_back(std::move(Edge));
  else if (Out.Edges[Id->second].Kind == EdgeKind::Call || Edge.Kind != EdgeKind::Call)
    Out.Edges[Id->second] = std::move(Edge);
  return Id->second;
}

void FlowWalker::bindLambda(const LambdaExpr &Lambda, CallEdge &Edge) {
  for (const LambdaCapture &Capture : Lambda.captures()) {
    if (Capture.capturesThis()) {
      // [*this] copies the object: the lambda has its own.
      if (Capture.getCaptureKind() != LCK_StarThis)
        Edge.This.K = Designator::This;
      continue;
    }
    if (!Capture.capturesVariable())
      continue;
    const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar());
    if (!Var)
      continue;
    Designator Bound;
    bool Pointer = isPointerLike(Var->getType());
    if (Var->isInitCapture()) {
      if (Var->getInit() && (Pointer || Var->getType()->isReferenceType()))
        Bound = Resolver.object(*Var->getInit(), Pointer);
    } else if (Capture.getCaptureKind() == LCK_ByRef || Pointer) {
      Bound = Resolver.objectOfVariable(*Var, Pointer);
    }
    if (Bound.valid())
      Edge.Bindings.push_back({Var, Bound});
  }
}

const LambdaExpr *FlowWalker::lambdaOf(const Expr &Closure) const {
  const Expr *E = unwrap(&Closure);
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
    return Lambda;
  if (const auto *Ref = dyn_cast<DeclRefExpr>(E))
    if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
        Var && Var->hasLocalStorage() && Var->getInit())
      return dyn_cast<LambdaExpr>(unwrap(Var->getInit()));
  return nullptr;
}

} // namespace asynclint
