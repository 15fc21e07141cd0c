//===--- FunctionFacts.h - one function's writes, stale writes and calls --===//
#pragma once

#include "stale-read/SharedLocation.h"

#include <llvm/ADT/DenseMap.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
} // namespace clang

namespace asynclint {

class StaleReadIndex;

struct WriteFact {
  Designator Where;
  const clang::Expr *At = nullptr;
  /// What the write does, to compare two changes: "assign", "insert",
  /// "remove" or a member's name.
  std::string Kind;
};

enum class StalePattern {
  /// The value written was computed from a read made before a suspension.
  LostUpdate,
  /// The write was decided on a check made before a suspension.
  CheckThenAct,
};

/// A write that relies on a read of the same location made before a
/// suspension of the coroutine, with no async lock held across both.
struct StaleWrite {
  StalePattern Pattern = StalePattern::LostUpdate;
  /// Index into FunctionFacts::Writes.
  unsigned Write = 0;
  const clang::Expr *Read = nullptr;
  const clang::Expr *Suspension = nullptr;
};

enum class EdgeKind {
  /// Runs in the caller's task (a call, an awaited coroutine).
  Call,
  /// Starts a task of its own (co_spawn, spawn, the coroutines of when_all).
  Task,
  /// Runs a task and blocks until it ends (sync_wait).
  BlockingTask,
};

/// A user function this one runs or starts, and what its terms stand for.
struct CallEdge {
  /// The definition.
  const clang::FunctionDecl *Callee = nullptr;
  /// The call, or the lambda started.
  const clang::Expr *At = nullptr;
  EdgeKind Kind = EdgeKind::Call;
  /// The call that starts the task (Task, BlockingTask).
  const clang::Expr *Start = nullptr;
  /// Loops around the call in the caller, and around the start (not the
  /// same when a task made earlier is started later: when_all(tasks)).
  unsigned LoopDepth = 0;
  unsigned StartLoopDepth = 0;
  /// The task is awaited through its handle in the loop iteration that
  /// starts it (`auto h = spawn(f()); co_await h;`): its instances run one
  /// after another.
  bool WaitedInIteration = false;
  /// The callee's `this` (for a lambda: the `this` it captures).
  Designator This;
  /// The callee's reference and pointer parameters, and a lambda's captures.
  llvm::SmallVector<std::pair<const clang::Decl *, Designator>, 2> Bindings;
};

struct FunctionFacts {
  std::vector<WriteFact> Writes;
  std::vector<StaleWrite> Stale;
  std::vector<CallEdge> Edges;
};

/// Computes the facts of each function once, on first use.
class FactsCollector {
public:
  FactsCollector(StaleReadIndex &Index, const clang::ASTContext &Context)
      : Index(Index), Context(Context) {}

  /// The facts of \p Function, a definition. The reference stays valid.
  const FunctionFacts &of(const clang::FunctionDecl &Function);

  /// The definition a call runs, if it is user code (not a system header).
  const clang::FunctionDecl *userDefinition(const clang::FunctionDecl &Callee) const;

  /// Whether awaiting a call of coroutine \p Coroutine can let other
  /// coroutines run: it awaits something that suspends (an I/O operation, a
  /// timer, a spawn, a coroutine that does). A coroutine that only computes
  /// runs to its end inside the caller's co_await.
  bool maySuspend(const clang::FunctionDecl &Coroutine);
  /// Whether `co_await Operand` can let other coroutines run.
  bool awaitMaySuspend(const clang::Expr &Operand);
  /// Whether \p Coroutine awaits anything: a generator that does (an async
  /// generator) lets other coroutines run at its co_yield; a synchronous
  /// one hands its value to its caller, in the same task.
  bool awaitsAnything(const clang::FunctionDecl &Coroutine);

  StaleReadIndex &index() { return Index; }

private:
  StaleReadIndex &Index;
  const clang::ASTContext &Context;
  llvm::DenseMap<const clang::FunctionDecl *, std::unique_ptr<FunctionFacts>> Facts;
  /// 0 being computed (a cycle: assume it suspends), 1 no, 2 yes.
  llvm::DenseMap<const clang::FunctionDecl *, int> Suspends;
  llvm::DenseMap<const clang::FunctionDecl *, bool> Awaits;
};

} // namespace asynclint
