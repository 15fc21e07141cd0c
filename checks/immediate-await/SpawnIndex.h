//===--- SpawnIndex.h - which calls start and wait for concurrent work ---===//
#pragma once

#include "Catalog.h"
#include "common/CatalogNames.h"
#include "common/LibraryNamespaces.h"
#include "immediate-await/SpawnShapes.h"

#include <llvm/ADT/StringMap.h>
#include <llvm/ADT/StringSet.h>

#include <memory>
#include <string>
#include <vector>

namespace clang {
class CallExpr;
class CXXConstructExpr;
class CXXRecordDecl;
class Decl;
class Expr;
class FunctionDecl;
} // namespace clang

namespace asynclint {

/// The catalog's "spawn" section indexed by qualified name, and the tests of
/// one expression against it.
class SpawnIndex {
public:
  /// \p ExtraSpawnFunctions are the user's (option SpawnFunctions): eager
  /// coroutine spawns whose result is awaited. With \p RecognizeShapes,
  /// functions of the spawn shapes (SpawnShapes.h) are spawns too.
  SpawnIndex(std::shared_ptr<const catalog::Catalog> Catalog,
             const std::vector<std::string> &ExtraSpawnFunctions, bool RecognizeShapes);

  /// The spawn function \p Call calls, if it has enough arguments.
  const catalog::SpawnFunction *spawnOf(const clang::CallExpr &Call) const;
  /// Why \p Spawn was recognised by its shape, and where; null for the
  /// catalog's and the option's spawns.
  const std::string *shapeReason(const catalog::SpawnFunction &Spawn) const;
  const clang::FunctionDecl *shapeFunction(const catalog::SpawnFunction &Spawn) const;
  /// The thread class \p Construct starts (it must pass the thread a function).
  const catalog::ThreadClass *threadOf(const clang::CXXConstructExpr &Construct) const;
  /// A member call that waits for a spawned result or joins a thread.
  bool isWait(const clang::CallExpr &Call) const;
  /// A call that only prints.
  bool isOutput(const clang::CallExpr &Call) const;
  bool isCombinator(const clang::FunctionDecl &Function) const;
  /// An argument that only says where work runs (an executor or a pool,
  /// also by pointer or shared_ptr).
  bool isExecutorArgument(const clang::Expr &Arg) const;
  bool isExecutorType(const clang::CXXRecordDecl &Class) const;
  /// A catalogued library's own code: not checked, never a spawn by shape.
  bool isLibraryCode(const clang::Decl &D) const { return Library.contains(D); }
  /// The call returns a coroutine type of the catalog (a lazy task) and is
  /// not an operation of that coroutine library itself.
  bool isLazyTaskCall(const clang::CallExpr &Call) const;

  /// \p Spawn's first argument names \p Entry's NeverRunsIfDiscardedWith constant.
  bool neverRunsIfDiscarded(const clang::CallExpr &Spawn,
                            const catalog::SpawnFunction &Entry) const;

  const std::string &advice(const std::string &Library) const;
  const std::string &loopAdvice(const std::string &Library) const;

  void clearCache() const {
    Names.clear();
    Library.clearCache();
    if (Shapes)
      Shapes->clear();
  }

private:
  bool inList(const llvm::StringSet<> &Set, const clang::CallExpr &Call) const;
  void addNames(llvm::StringSet<> &Set, const std::vector<std::string> &List) const;
  /// \p Call runs on an executor that runs work in the caller at once.
  bool runsInline(const clang::CallExpr &Call) const;

  std::shared_ptr<const catalog::Catalog> Catalog;
  std::vector<std::unique_ptr<catalog::SpawnFunction>> UserSpawns;
  llvm::StringMap<const catalog::SpawnFunction *> Spawns;
  llvm::StringMap<const catalog::ThreadClass *> Threads;
  llvm::StringSet<> Waits;
  llvm::StringSet<> Outputs;
  llvm::StringSet<> Combinators;
  llvm::StringSet<> TaskTypes;
  llvm::StringSet<> ExecutorTypes;
  llvm::StringSet<> InlineExecutorTypes;
  /// The coroutine libraries' code: their own operations (async_wait, ...)
  /// are not user tasks.
  LibraryNamespaces Library;
  /// Null when shapes are not recognised.
  std::unique_ptr<SpawnShapes> Shapes;
  mutable NameCache Names;
};

} // namespace asynclint
