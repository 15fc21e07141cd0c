//===--- TaskGraph.h - which code runs in which task, on which objects ----===//
//
// From the functions nobody in the translation unit calls (main, callbacks,
// a public API), follows calls and starts down: each function is seen in the
// calling contexts that reach it, with what its `this`, reference parameters
// and captures stand for there, and in which task it runs. A start
// (co_spawn, spawn, the coroutines of when_all) begins a task; a task runs
// more than once when its start is in a loop or in code that itself runs
// more than once. Two pieces of code can interleave at a co_await when they
// run in different tasks, or in two instances of one task.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "stale-read/FunctionFacts.h"

#include <llvm/ADT/ArrayRef.h>

#include <map>
#include <string>
#include <vector>

namespace asynclint {

/// An object as the whole program sees it.
struct ObjectKey {
  enum Kind : unsigned char {
    Unknown,
    /// A variable with static storage (Id: the VarDecl).
    Global,
    /// A variable of the function of context Owner (Id: the VarDecl).
    Local,
    /// An object created by expression Id in context Owner.
    Fresh,
    /// What a root context's `this` (Id: null) or parameter or capture (Id:
    /// its Decl) stands for: unknown, but one object.
    Outside,
  };
  Kind K = Unknown;
  const void *Id = nullptr;
  unsigned Owner = 0;
  llvm::SmallVector<const clang::FieldDecl *, 2> Path;

  bool known() const { return K != Unknown; }
  bool sameObject(const ObjectKey &Other) const {
    return K == Other.K && Id == Other.Id && Owner == Other.Owner;
  }
};

/// The same object, and member paths where changing one changes the other.
bool overlaps(const ObjectKey &A, const ObjectKey &B);

struct Binding {
  ObjectKey Key;
  /// Every execution of the context sees this same object (a global; a
  /// local declared outside the loop that runs the context again).
  bool SameEveryTime = true;
};

struct Context {
  const clang::FunctionDecl *Function = nullptr;
  /// Index into TaskGraph::tasks(); 0: not in any task (main and what it
  /// calls before the event loop runs).
  unsigned Task = 0;
  /// The context runs more than once.
  bool Repeated = false;
  Binding This;
  llvm::SmallVector<std::pair<const clang::Decl *, Binding>, 4> Bindings;
  /// The context it is reached from (itself for a root), and the depth.
  unsigned Parent = 0;
  unsigned Depth = 0;
};

struct Task {
  /// The call that starts it (co_spawn, spawn, when_all, sync_wait).
  const clang::Expr *Start = nullptr;
  /// The function it runs.
  const clang::FunctionDecl *Entry = nullptr;
  /// Started in a loop of its starter.
  bool InLoop = false;
  /// More than one instance may run at once.
  bool Many = false;
  /// Tasks started by one sync_wait run only while it waits: two groups
  /// never overlap (0: no group).
  unsigned Group = 0;
};

class TaskGraph {
public:
  /// \p Functions: every user function definition of the translation unit.
  TaskGraph(FactsCollector &Facts, llvm::ArrayRef<const clang::FunctionDecl *> Functions);

  const std::vector<Context> &contexts() const { return Contexts; }
  const std::vector<Task> &tasks() const { return Tasks; }

  /// The object location \p Where (in the function's own terms) is in
  /// context \p ContextId; Unknown when it cannot be told.
  Binding resolve(const Designator &Where, unsigned ContextId) const;

  /// Code of tasks \p A and \p B may interleave at suspensions.
  bool concurrent(unsigned A, unsigned B) const;

private:
  void addRoot(const clang::FunctionDecl &Function);
  void expand(unsigned ContextId);
  Binding bind(const Designator &D, unsigned ContextId, const CallEdge &Edge) const;
  bool onChain(unsigned ContextId, const clang::FunctionDecl &Function) const;
  std::string keyOf(const Context &C) const;

  FactsCollector &Facts;
  std::vector<Context> Contexts;
  std::vector<Task> Tasks;
  std::map<std::string, unsigned> Known;
  unsigned Groups = 0;
};

} // namespace asynclint
