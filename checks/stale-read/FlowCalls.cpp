//===--- FlowCalls.cpp - calls, starts of tasks, and what callees bind ----===//
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

} // namespace

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
  CallEdge Edge = edgeTo(Definition, *Call, EdgeKind::Call, nullptr);
  if (auto Start = Started.find(Call); Start != Started.end()) {
    Edge.Kind = Start->second.Kind;
    Edge.Start = Start->second.Start;
  }
  Taint Value;
  auto [Object, First] = objectOf(*Call, Definition);
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
  auto [Object, First] = objectOf(*Call, *Callee);
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
      // sessions.contains(user) looks at one key.
      if (Index.isLookup(*Method) && Call->getNumArgs() > First)
        Where.Element = Call->getArg(First);
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
      if (const auto *Var = dyn_cast<VarDecl>(Ref->getDecl()); Var && Var->hasLocalStorage()) {
        addAll(State.Values[Var], Arguments);
        for (const Expr *Argument : Call->arguments())
          if (auto Edge = EdgeIds.find(unwrap(Argument)); Edge != EdgeIds.end())
            TaskContainers[Var].push_back(Edge->second);
      }
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
          addEdge(edgeTo(*Definition, *Ref, Kind, &Start));
        }
      }
      return;
    }
    const auto *Var = dyn_cast<VarDecl>(Ref->getDecl());
    if (!Var)
      return;
    // when_all(std::move(tasks)): every task the container holds.
    if (auto Held = TaskContainers.find(Var); Held != TaskContainers.end()) {
      Found += 2;
      if (Register && Kind != EdgeKind::Call)
        for (unsigned Edge : Held->second) {
          Out.Edges[Edge].Kind = Kind;
          Out.Edges[Edge].Start = &Start;
          Out.Edges[Edge].StartLoopDepth = LoopDepth;
          startedBy(Edge, Start);
        }
      return;
    }
    if (auto Task = TaskVariables.find(Var); Task != TaskVariables.end()) {
      ++Found;
      if (Register && Kind != EdgeKind::Call) {
        Out.Edges[Task->second].Kind = Kind;
        Out.Edges[Task->second].Start = &Start;
        Out.Edges[Task->second].StartLoopDepth = LoopDepth;
        startedBy(Task->second, Start);
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
      CallEdge Edge = edgeTo(*Definition, *Ref, Kind, &Start);
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
  const FunctionDecl *Definition = Callee ? Collector.userDefinition(*Callee) : nullptr;
  bool Coroutine = Definition && isa<CoroutineBodyStmt>(Definition->getBody());
  if (!Coroutine && Depth < 3) {
    // A wrapper around the coroutine: folly's co_withExecutor(ex, task()),
    // async_simple's task().via(ex), std::move(task).scheduleOn(ex).
    unsigned Before = Found;
    if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
      if (const Expr *Object = Member->getImplicitObjectArgument())
        findStarted(Object, Kind, Start, Found, Depth + 1, Register);
    for (const Expr *Argument : Call->arguments())
      findStarted(Argument, Kind, Start, Found, Depth + 1, Register);
    if (Found != Before)
      return;
  }
  // A coroutine, or a function of the program that returns one.
  if (Definition) {
    if (Register)
      Started[Call] = {Kind, &Start};
    ++Found;
  }
}

// --- calls and starts ---------------------------------------------------------

CallEdge FlowWalker::edgeTo(const FunctionDecl &Callee, const Expr &At, EdgeKind Kind,
                            const Expr *Start) const {
  CallEdge Edge;
  Edge.Callee = &Callee;
  Edge.At = &At;
  Edge.Kind = Kind;
  Edge.Start = Start;
  Edge.LoopDepth = Edge.StartLoopDepth = LoopDepth;
  return Edge;
}

unsigned FlowWalker::addEdge(CallEdge Edge) {
  const Expr *Start = Edge.Kind == EdgeKind::Call ? nullptr : Edge.Start;
  auto [Id, Inserted] = EdgeIds.try_emplace(Edge.At, Out.Edges.size());
  if (Inserted)
    Out.Edges.push_back(std::move(Edge));
  else if (Out.Edges[Id->second].Kind == EdgeKind::Call || Edge.Kind != EdgeKind::Call)
    Out.Edges[Id->second] = std::move(Edge);
  if (Start)
    startedBy(Id->second, *Start);
  return Id->second;
}

void FlowWalker::startedBy(unsigned Id, const Expr &Start) {
  llvm::SmallVector<unsigned, 1> &Edges = EdgesOfStart[&Start];
  if (!llvm::is_contained(Edges, Id))
    Edges.push_back(Id);
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
