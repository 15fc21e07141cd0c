//===--- ThreadSpawns.h - where work starts on another thread, and ends --===//
#pragma once

#include "Catalog.h"
#include "shared-state/StartContexts.h"

#include <clang/Basic/SourceLocation.h>

#include <optional>

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
class LambdaExpr;
} // namespace clang

namespace asynclint {

class SharedStateIndex;

/// One start of concurrent work and the stretch of its starter's body that
/// runs alongside it.
struct SpawnSite {
  /// The start call or construction; null for a configured thread entry.
  const clang::Expr *Start = nullptr;
  /// What runs on the other thread (a lambda's call operator too).
  const clang::FunctionDecl *Entry = nullptr;
  const clang::LambdaExpr *Lambda = nullptr;
  /// The function that starts it; null for a configured thread entry.
  const clang::FunctionDecl *Spawner = nullptr;
  /// The spawner's code in [WindowBegin, WindowEnd) runs while it may run.
  clang::SourceLocation WindowBegin, WindowEnd;
  /// The window ends inside the spawner (a join, or the end of the scope of
  /// the thread object or future).
  bool Closed = false;
  /// Several instances may run at once (started in a loop that does not
  /// wait for each).
  bool Multiple = false;
  /// The entry works on an object the starter also sees: a member function
  /// started on an object, a lambda capturing `this`.
  bool SharesThis = false;
};

/// Resolves a matched thread start into a SpawnSite: which function runs,
/// whether it really runs concurrently (a pool executor, not
/// std::launch::deferred) and until when.
class SpawnResolver {
public:
  SpawnResolver(SharedStateIndex &Index, clang::ASTContext &Context)
      : Index(Index), Context(Context) {}

  /// \p Arguments are those of the start (for `threads.emplace_back(f)`,
  /// those of emplace_back).
  std::optional<SpawnSite> resolve(const clang::Expr &Start, const catalog::ThreadStart &Kind,
                                   llvm::ArrayRef<const clang::Expr *> Arguments,
                                   const StartContext &Where);

  /// Whether the two may run at the same time.
  bool overlap(const SpawnSite &A, const SpawnSite &B) const;

private:
  SharedStateIndex &Index;
  clang::ASTContext &Context;
};

} // namespace asynclint
