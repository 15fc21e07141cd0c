//===--- FlowWalker.cpp - statements: branches, loops, scopes, jumps ------===//
#include "stale-read/FlowWalker.h"
#include "common/MemberFunctions.h"
#include "common/QualifiedName.h"
#include "stale-read/ExprShapes.h"
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

Taint FlowWalker::evalCondition(const Stmt *Init, const VarDecl *Variable, const Expr *Condition) {
  if (Init)
    walk(Init);
  if (Variable)
    visitVariable(*Variable);
  return eval(Condition);
}

void FlowWalker::visitIf(IfStmt *If) {
  Taint Check = evalCondition(If->getInit(), If->getConditionVariable(), If->getCond());
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
  size_t Mark = State.Checks.size(), LoopMark = State.LoopChecks.size();
  FlowState Head = State, Exit;
  Exit.Reachable = false;
  Taint Tested;
  auto Test = [&] {
    if (ConditionVariable)
      visitVariable(*ConditionVariable);
    Tested = eval(Condition);
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
      if (!Tested.empty())
        State.LoopChecks.push_back(Tested);
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
    if (State.LoopChecks.size() > LoopMark)
      State.LoopChecks.resize(LoopMark);
    Head.join(State);
  }
  --LoopDepth;
  State = std::move(Exit);
  // Left by a break: the condition no longer holds the rest of the way.
  if (State.LoopChecks.size() > LoopMark)
    State.LoopChecks.resize(LoopMark);
}

void FlowWalker::visitSwitch(SwitchStmt *Switch) {
  Taint Check = evalCondition(Switch->getInit(), Switch->getConditionVariable(), Switch->getCond());
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
  if (auto Started = EdgesOfStart.find(Source); Started != EdgesOfStart.end())
    Handles[&Var] = {Started->second, LoopDepth};
}

} // namespace asynclint
