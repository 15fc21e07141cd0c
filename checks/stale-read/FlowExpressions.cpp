//===--- FlowExpressions.cpp - values, reads, writes, suspensions, locks --===//
#include "common/MemberFunctions.h"
#include "common/QualifiedName.h"
#include "stale-read/ExprShapes.h"
#include "stale-read/FlowWalker.h"
#include "stale-read/StaleReadIndex.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/StmtCXX.h>

namespace asynclint {

using namespace clang;

namespace {

const Expr *strip(const Expr *E) { return E->IgnoreParenImpCasts(); }

} // namespace

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
  if (isa<CoyieldExpr>(Await) ? Collector.awaitsAnything(Function)
                              : Collector.awaitMaySuspend(*Operand))
    suspend(*Await);
  if (isa<CoawaitExpr>(Await))
    if (const Expr *Mutex = Index.lockedMutex(*Operand))
      acquire(*Await, *Mutex);
  // co_await on the handle of a task started in this same loop iteration:
  // each instance ends before the next one starts.
  if (const auto *Ref = dyn_cast<DeclRefExpr>(unwrap(Operand)))
    if (auto Held = Handles.find(dyn_cast<VarDecl>(Ref->getDecl())); Held != Handles.end())
      if (Held->second.LoopDepth > 0 && Held->second.LoopDepth == LoopDepth)
        for (unsigned Edge : Held->second.Edges)
          Out.Edges[Edge].WaitedInIteration = true;
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
      CallEdge Edge = edgeTo(*Definition, *Lambda, Start->second.Kind, Start->second.Start);
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
  // A loop condition bears on the body's removals only (see LoopChecks).
  llvm::ArrayRef<Taint> LoopChecks;
  if (Kind == "remove")
    LoopChecks = State.LoopChecks;
  auto [Id, Inserted] = WriteIds.try_emplace(&At, Out.Writes.size());
  if (Inserted)
    Out.Writes.push_back({Where, &At, std::move(Kind)});
  auto StateOf = [&](unsigned Read) -> ReadState * {
    if (!overlaps(Reads[Read].Where, Where))
      return nullptr;
    auto Known = State.Reads.find(Read);
    return Known == State.Reads.end() ? nullptr : &Known->second;
  };
  auto ForEachCheckedRead = [&](auto &&Visit) {
    for (const Taint &Check : State.Checks)
      for (unsigned Read : Check)
        Visit(Read);
    for (const Taint &Check : LoopChecks)
      for (unsigned Read : Check)
        Visit(Read);
  };
  // Checked again since the last suspension: decided on fresh state.
  bool CheckedFresh = false;
  ForEachCheckedRead([&](unsigned Read) {
    if (ReadState *S = StateOf(Read); S && !S->StaleBy && sameElement(Reads[Read].Where, Where))
      CheckedFresh = true;
  });
  if (!CheckedFresh && !StaleWrites.contains(&At)) {
    std::optional<StaleWrite> Found;
    if (Value)
      for (unsigned Read : *Value)
        if (ReadState *S = StateOf(Read); S && S->StaleBy && !State.heldSince(*S) &&
                                          writesBackWhatWasRead(Reads[Read].Where, Where)) {
          Found = StaleWrite{StalePattern::LostUpdate, Id->second, Reads[Read].At, S->StaleBy};
          break;
        }
    if (!Found && !ChecksAgain)
      ForEachCheckedRead([&](unsigned Read) {
        if (ReadState *S = StateOf(Read); !Found && S && S->CheckStaleBy && !State.heldSince(*S) &&
                                          sameElement(Reads[Read].Where, Where))
          Found =
              StaleWrite{StalePattern::CheckThenAct, Id->second, Reads[Read].At, S->CheckStaleBy};
      });
    if (Found) {
      Out.Stale.push_back(*Found);
      StaleWrites.insert(&At);
    }
  }
  // Changed on a fresh check: this path claimed the location before any
  // suspension (`busy = true;` right after `if (busy) co_return;`).
  ForEachCheckedRead([&](unsigned Read) {
    if (ReadState *S = StateOf(Read); S && !S->StaleBy && sameElement(Reads[Read].Where, Where))
      S->Claimed = true;
  });
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

} // namespace asynclint
