//===--- TaskGraph.cpp ----------------------------------------------------===//
#include "stale-read/TaskGraph.h"

#include <clang/AST/Decl.h>
#include <llvm/ADT/DenseSet.h>
#include <llvm/Support/raw_ostream.h>

namespace asynclint {

using namespace clang;

namespace {

/// Bounds on the contexts followed: deep or wide call graphs are cut off
/// (what is beyond is not reported, never guessed).
constexpr unsigned MaxDepth = 12;
constexpr size_t MaxContexts = 4000;

void appendPath(ObjectKey &Key, const Designator &D) {
  Key.Path.append(D.Path.begin(), D.Path.end());
}

} // namespace

bool overlaps(const ObjectKey &A, const ObjectKey &B) {
  return A.known() && A.sameObject(B) && pathsOverlap(A.Path, B.Path);
}

TaskGraph::TaskGraph(FactsCollector &Facts, llvm::ArrayRef<const FunctionDecl *> Functions)
    : Facts(Facts) {
  Tasks.emplace_back(); // 0: outside any task
  llvm::DenseSet<const FunctionDecl *> Called;
  for (const FunctionDecl *Function : Functions)
    for (const CallEdge &Edge : Facts.of(*Function).Edges)
      Called.insert(Edge.Callee);
  for (const FunctionDecl *Function : Functions)
    if (!Called.contains(Function) && !Function->isDependentContext())
      addRoot(*Function);
  for (unsigned Next = 0; Next < Contexts.size() && Contexts.size() < MaxContexts; ++Next)
    expand(Next);
}

void TaskGraph::addRoot(const FunctionDecl &Function) {
  Context Root;
  Root.Function = &Function;
  Root.Parent = Contexts.size();
  Root.This.Key.K = ObjectKey::Outside;
  Root.This.Key.Owner = Root.Parent;
  Known.emplace(keyOf(Root), Root.Parent);
  Contexts.push_back(std::move(Root));
}

bool TaskGraph::onChain(unsigned ContextId, const FunctionDecl &Function) const {
  for (unsigned Id = ContextId;; Id = Contexts[Id].Parent) {
    if (Contexts[Id].Function == &Function)
      return true;
    if (Contexts[Id].Parent == Id)
      return false;
  }
}

Binding TaskGraph::bind(const Designator &D, unsigned ContextId, const CallEdge &Edge) const {
  const Context &From = Contexts[ContextId];
  Binding Result;
  ObjectKey &Key = Result.Key;
  switch (D.K) {
  case Designator::None:
    Key.K = ObjectKey::Unknown;
    return Result;
  case Designator::Global:
    Key.K = ObjectKey::Global;
    Key.Id = D.Decl;
    appendPath(Key, D);
    return Result;
  case Designator::This:
    Result = From.This;
    appendPath(Result.Key, D);
    return Result;
  case Designator::Param:
  case Designator::Capture:
    for (const auto &[Decl, Bound] : From.Bindings)
      if (Decl == D.Decl) {
        Result = Bound;
        appendPath(Result.Key, D);
        return Result;
      }
    // A root's parameter: unknown, but the same object throughout.
    if (From.Parent == ContextId) {
      Key.K = ObjectKey::Outside;
      Key.Id = D.Decl;
      Key.Owner = ContextId;
      appendPath(Key, D);
      return Result;
    }
    Key.K = ObjectKey::Unknown;
    return Result;
  case Designator::Local:
    Key.K = ObjectKey::Local;
    Key.Id = D.Decl;
    Key.Owner = ContextId;
    appendPath(Key, D);
    // Declared inside a loop: a new variable each time round.
    Result.SameEveryTime = !From.Repeated && D.LoopDepth == 0;
    return Result;
  case Designator::Fresh:
    Key.K = ObjectKey::Fresh;
    Key.Id = D.Created;
    Key.Owner = ContextId;
    Result.SameEveryTime = !From.Repeated && Edge.LoopDepth == 0;
    return Result;
  }
  return Result;
}

Binding TaskGraph::resolve(const Designator &Where, unsigned ContextId) const {
  CallEdge None;
  return bind(Where, ContextId, None);
}

std::string TaskGraph::keyOf(const Context &C) const {
  std::string Key;
  llvm::raw_string_ostream Out(Key);
  auto Write = [&](const Binding &B) {
    Out << int(B.Key.K) << ':' << B.Key.Id << ':' << B.Key.Owner << ':' << B.SameEveryTime;
    for (const FieldDecl *Field : B.Key.Path)
      Out << '.' << Field;
    Out << ';';
  };
  Out << C.Function << '|' << C.Task << '|' << C.Repeated << '|';
  Write(C.This);
  for (const auto &[Decl, Bound] : C.Bindings) {
    Out << Decl << '=';
    Write(Bound);
  }
  return Key;
}

void TaskGraph::expand(unsigned ContextId) {
  if (Contexts[ContextId].Depth >= MaxDepth)
    return;
  const FunctionFacts &Facts = this->Facts.of(*Contexts[ContextId].Function);
  for (const CallEdge &Edge : Facts.Edges) {
    if (Contexts.size() >= MaxContexts)
      return;
    if (Edge.Callee->isDependentContext() || onChain(ContextId, *Edge.Callee))
      continue;
    const Context &From = Contexts[ContextId];
    Context Next;
    Next.Function = Edge.Callee;
    Next.Parent = ContextId;
    Next.Depth = From.Depth + 1;
    // A task awaited in the iteration that starts it is repeated, not
    // multiplied: its instances do not overlap.
    Next.Repeated = From.Repeated || (Edge.LoopDepth > 0 && !Edge.WaitedInIteration);
    Next.This = bind(Edge.This, ContextId, Edge);
    for (const auto &[Decl, D] : Edge.Bindings)
      Next.Bindings.push_back({Decl, bind(D, ContextId, Edge)});
    // Run once: whatever it sees, it sees once.
    if (!Next.Repeated) {
      Next.This.SameEveryTime = true;
      for (auto &Bound : Next.Bindings)
        Bound.second.SameEveryTime = true;
    }
    if (Edge.Kind == EdgeKind::Call) {
      Next.Task = From.Task;
    } else {
      Task Started;
      Started.Start = Edge.Start;
      Started.Entry = Edge.Callee;
      Started.InLoop = Edge.StartLoopDepth > 0 && !Edge.WaitedInIteration;
      Started.Many = Next.Repeated;
      Started.Group = Edge.Kind == EdgeKind::BlockingTask ? ++Groups : Tasks[From.Task].Group;
      Next.Task = Tasks.size();
      Tasks.push_back(Started);
    }
    auto [Existing, Inserted] = Known.emplace(keyOf(Next), Contexts.size());
    if (Inserted)
      Contexts.push_back(std::move(Next));
  }
}

bool TaskGraph::concurrent(unsigned A, unsigned B) const {
  if (A == B || A == 0 || B == 0)
    return false;
  unsigned GroupA = Tasks[A].Group, GroupB = Tasks[B].Group;
  return !GroupA || !GroupB || GroupA == GroupB;
}

} // namespace asynclint
