//===--- OffLoopCoroutines.h - coroutines that run on a thread pool ------===//
//
// Blocking is harmless where no event loop waits: the seed lessons' own fix
// for a blocking call is to move it to a thread pool (asyncio's to_thread,
// run_in_executor), whose C++ twins are `co_await asio::co_spawn(pool, ...)`
// and cppcoro's `co_await pool.schedule()`. This class knows, from the
// catalog's "off_loop" section, which coroutines and which parts of a
// coroutine run on a pool.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Catalog.h"
#include "common/CatalogNames.h"

#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/SmallPtrSet.h>
#include <llvm/ADT/StringMap.h>
#include <llvm/ADT/StringSet.h>

#include <vector>

namespace clang {
class CallExpr;
class CXXRecordDecl;
class Expr;
class FunctionDecl;
} // namespace clang

namespace asynclint {

class OffLoopCoroutines {
public:
  OffLoopCoroutines(const catalog::Catalog &Catalog);

  /// The unqualified names of the catalog's spawn calls, for a matcher:
  /// functions, or customization point objects called through their
  /// operator().
  std::vector<std::string> spawnCallNames() const;

  /// Records \p Call, a call to one of spawnCallNames(): the coroutine it
  /// starts runs off the loop when the executor is a pool. Each call counts
  /// once, however often a matcher meets it.
  void noteSpawnCall(const clang::CallExpr &Call);
  /// Records \p Use, a use of coroutine \p Coroutine (a call, or any other
  /// reference). A matcher may meet the same node twice (the operand of a
  /// co_await is also inside its implicit await expressions): each counts once.
  void noteUse(const clang::Expr &Use, const clang::FunctionDecl &Coroutine);
  /// Records a call of coroutine \p Coroutine made after its caller moved to
  /// a pool: awaited there, it runs there.
  void notePoolCall(const clang::FunctionDecl &Coroutine);

  /// The coroutine runs only on pool threads: a lambda spawned onto a pool, a
  /// function whose every use in the translation unit spawns it onto one or
  /// calls it after a move to a pool, or one that starts on the pool given
  /// with an executor tag.
  bool runsOffLoop(const clang::FunctionDecl &Coroutine);

  /// Per function (canonical declaration): how often the unit starts it
  /// onto a pool, and how often it refers to it at all; for the whole
  /// program, which sums them over the units.
  const llvm::DenseMap<const clang::FunctionDecl *, unsigned> &poolSpawns() const {
    return PoolSpawns;
  }
  const llvm::DenseMap<const clang::FunctionDecl *, unsigned> &uses() const { return Uses; }

  /// \p Site is a call of the catalog's switch_to_pool list (whatever its
  /// executor): its result moves the coroutine that awaits it. Sets \p Name
  /// to the catalog name.
  bool isSwitch(const CallSite &Site, std::string &Name);
  /// \p Site, once awaited, moves the coroutine onto a pool thread.
  bool switchesToPool(const CallSite &Site);

  void clear();

private:
  bool isPoolExecutor(const clang::Expr &Executor);
  bool isPoolExecutorType(const clang::CXXRecordDecl *Class);

  llvm::StringMap<catalog::SpawnCall> SpawnCalls;
  llvm::StringSet<> PoolExecutorTypes;
  llvm::StringMap<catalog::OffLoopKnowledge::Switch> SwitchToPool;
  llvm::StringSet<> ExecutorTagTypes;
  NameCache Names;

  llvm::SmallPtrSet<const clang::CXXRecordDecl *, 4> OffLoopClosures;
  llvm::DenseMap<const clang::FunctionDecl *, unsigned> PoolSpawns;
  llvm::DenseMap<const clang::FunctionDecl *, unsigned> Uses;
  /// The uses and spawn calls counted so far.
  llvm::SmallPtrSet<const clang::Expr *, 16> CountedUses;
};

} // namespace asynclint
