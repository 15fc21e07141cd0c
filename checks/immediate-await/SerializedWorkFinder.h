//===--- SerializedWorkFinder.h - work started, then waited for at once --===//
//
// Finds, in one function body, concurrent work that is waited for before the
// caller does anything else, so that nothing overlaps:
//
// thread-land (the caller blocks):
//   std::async(...).get();                      std::thread(f).join();
//   auto f = std::async(...); f.get();          std::thread t(f); t.join();
//   auto f = std::async(...); }  (destructor)   std::jthread t(f); }
//   std::async(...);  (discarded future)        std::jthread{f};  (temporary)
// coroutine-land (the coroutine suspends; one such await is fine):
//   a spawn awaited in the iteration that creates it, unless iterations
//   depend on each other;
//   two or more spawns in a row, each awaited before the next is created,
//   the later ones not using the earlier results.
//
// "In a row" and "at once" allow only idle statements (StatementWork.h) in
// between; the coroutine sequence also allows statements that only print.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "immediate-await/SpawnIndex.h"

#include <clang/Basic/SourceLocation.h>
#include <llvm/ADT/SmallVector.h>

#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Expr;
class Stmt;
class VarDecl;
} // namespace clang

namespace asynclint {

enum class SerializedKind {
  /// std::async(...).get(), std::thread(f).join()
  WaitedInSameExpression,
  /// auto f = std::async(...); f.get();   std::thread t(f); t.join();
  WaitedNext,
  /// auto f = std::async(...); }   std::jthread t(f); }
  DestroyedNext,
  /// std::async(...);
  DiscardedFuture,
  /// std::async(std::launch::deferred, ...);
  DiscardedDeferred,
  /// std::jthread{f};
  TemporaryJoiningThread,
  /// co_await spawn(f(x)) in a loop
  AwaitedInLoop,
  /// co_await spawn(a()); co_await spawn(b());
  AwaitedInSequence,
};

struct SerializedWork {
  SerializedKind Kind;
  /// The spawn call or the thread's construction.
  const clang::Expr *Start = nullptr;
  /// What starts the work ("std::async", "std::jthread"), and its library.
  std::string StartName;
  /// The spawn's catalog entry (or recognised shape); null for a thread or a
  /// plain await.
  const catalog::SpawnFunction *Entry = nullptr;
  std::string Library;
  /// What runs: "'visit_url'", "a lambda", or empty when unknown.
  std::string Work;
  /// The future, thread or handle variable, when stored.
  const clang::VarDecl *Handle = nullptr;
  /// The wait: the call, the co_await, or the end of the handle's scope.
  clang::SourceLocation WaitLoc;
  std::string WaitName;
  bool InLoop = false;
  /// The work starts only when awaited (create-all-then-wait does not help).
  bool Lazy = false;
  /// AwaitedInSequence: the later starts of the sequence.
  llvm::SmallVector<const clang::Expr *, 2> Followers;
};

class SerializedWorkFinder {
public:
  SerializedWorkFinder(const SpawnIndex &Index, clang::ASTContext &Context,
                       bool FlagSequentialAwaits)
      : Index(Index), Context(Context), FlagSequentialAwaits(FlagSequentialAwaits) {}

  /// The serialized work in \p Body, a function body (lambdas inside it are
  /// functions of their own and are left out).
  std::vector<SerializedWork> find(const clang::Stmt &Body) const;

private:
  friend class SerializedWorkWalker;
  const SpawnIndex &Index;
  clang::ASTContext &Context;
  bool FlagSequentialAwaits;
};

} // namespace asynclint
