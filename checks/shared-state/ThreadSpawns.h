//===--- ThreadSpawns.h - where work starts on another thread, and ends --===//
#pragma once

#include "Catalog.h"
#include "shared-state/Locations.h"
#include "shared-state/StartContexts.h"

#include <clang/Basic/SourceLocation.h>

#include <optional>

namespace clang {
class ASTContext;
class Expr;
class FunctionDecl;
class LambdaExpr;
class VarDecl;
} // namespace clang

namespace asynclint {

class LockShapes;
class SharedStateIndex;

/// One start of concurrent work and the stretch of its starter's body that
/// runs alongside it.
struct SpawnSite {
  /// The start call or construction; null for a configured thread entry.
  const clang::Expr *Start = nullptr;
  /// What runs on the other thread (a lambda's call operator too).
  const clang::FunctionDecl *Entry = nullptr;
  /// For the whole program only: what runs on the other thread when this
  /// unit declares it without defining it (Entry is null then, and the
  /// unit's own analysis leaves the start out).
  const clang::FunctionDecl *DeclaredEntry = nullptr;
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
  /// What the entry's `this` and parameters designate, in the starter's
  /// terms: `std::thread(&C::run, this)`, `std::thread(Entry, &server)`, a
  /// lambda capturing `this`. Unknown objects are the thread's own.
  Binding EntryBinding;
  /// The loop that starts it several times: what is declared inside is
  /// each start's own (`for (auto &w : workers) std::thread(&W::run, &w)`).
  clang::SourceRange Loop;
  /// Locals of the starter the thread is given to work on.
  llvm::SmallVector<const clang::VarDecl *, 2> GivenLocals;
};

/// Resolves a matched thread start into a SpawnSite: which function runs,
/// whether it really runs concurrently (a pool executor, not
/// std::launch::deferred) and until when.
class SpawnResolver {
public:
  SpawnResolver(SharedStateIndex &Index, LockShapes &Locks, clang::ASTContext &Context)
      : Index(Index), Locks(Locks), Context(Context) {}

  /// \p Arguments are those of the start (for `threads.emplace_back(f)`,
  /// those of emplace_back).
  std::optional<SpawnSite> resolve(const clang::Expr &Start, const catalog::ThreadStart &Kind,
                                   llvm::ArrayRef<const clang::Expr *> Arguments,
                                   const StartContext &Where);

  /// Whether the two may run at the same time.
  bool overlap(const SpawnSite &A, const SpawnSite &B) const;
  /// Whether \p Root is declared inside the loop that starts \p Site.
  bool declaredPerStart(const SpawnSite &Site, const clang::Decl *Root) const;

private:
  void bindEntry(SpawnSite &Site, llvm::ArrayRef<const clang::Expr *> Arguments, size_t EntryArg,
                 const clang::Expr *EntryCall);

  SharedStateIndex &Index;
  LockShapes &Locks;
  clang::ASTContext &Context;
};

} // namespace asynclint
