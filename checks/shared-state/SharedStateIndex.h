//===--- SharedStateIndex.h - the shared-state catalog, indexed ----------===//
#pragma once

#include "Catalog.h"
#include "common/CallSites.h"
#include "common/CatalogNames.h"

#include <llvm/ADT/StringMap.h>
#include <llvm/ADT/StringSet.h>

#include <memory>
#include <string>
#include <vector>

namespace clang {
class CXXRecordDecl;
class Expr;
class QualType;
} // namespace clang

namespace asynclint {

/// The catalog's shared_state section (and the pool executors of off_loop)
/// indexed by every spelling of each name, with the questions the
/// shared-state analysis asks of calls and types.
class SharedStateIndex {
public:
  struct Settings {
    /// From the check's options: more lock guard types and thread entries.
    std::vector<std::string> ExtraLockGuards;
    std::vector<std::string> ThreadEntryFunctions;
  };

  SharedStateIndex(std::shared_ptr<const catalog::Catalog> Catalog, const Settings &Options);

  /// Every spelling of the catalogued thread-start functions and classes,
  /// for the matchers.
  std::vector<std::string> threadStartFunctionNames() const;
  std::vector<std::string> threadStartClassNames() const;

  const catalog::ThreadStart *threadStart(const CallSite &Site);
  /// The start entry of a class whose construction starts a thread.
  const catalog::ThreadStart *threadStartClass(const clang::CXXRecordDecl &Class);
  bool isJoin(const CallSite &Site);
  bool isDetach(const CallSite &Site);
  const catalog::LockFunction *lockFunction(const CallSite &Site);
  const catalog::LockFunction *unlockFunction(const CallSite &Site);
  bool isThreadEntryFunction(const clang::FunctionDecl &Function);

  /// The guard type \p Type names, if it is one.
  const catalog::LockGuardType *lockGuard(clang::QualType Type);
  bool isDeferLock(clang::QualType Type);
  /// Accesses to objects of these types (or arrays of them) are no data
  /// accesses: atomics and self-synchronising objects.
  bool isAtomicOrSynchronized(clang::QualType Type);
  bool isAtomic(clang::QualType Type);
  bool isIndexedContainer(clang::QualType Type);
  bool isPoolExecutor(clang::QualType Type);
  /// True when \p Type spells one of \p Names (through typedefs too, for
  /// `pthread_mutex_t`), or is a class template specialization of one.
  bool typeIs(clang::QualType Type, const llvm::StringSet<> &Names);
  /// "std::launch::deferred" for a reference to that enumerator.
  std::string enumeratorName(const clang::Expr &E);

  void clearCache() { Names.clear(); }

private:
  void addSpellings(llvm::StringSet<> &Set, const std::string &Name) const;

  std::shared_ptr<const catalog::Catalog> Catalog;
  NameCache Names;
  llvm::StringMap<const catalog::ThreadStart *> StartFunctions;
  llvm::StringMap<const catalog::ThreadStart *> StartClasses;
  llvm::StringMap<const catalog::LockFunction *> Locks;
  llvm::StringMap<const catalog::LockFunction *> Unlocks;
  llvm::StringMap<bool> Joins, Detaches;
  llvm::StringMap<catalog::LockGuardType> Guards;
  llvm::StringSet<> DeferLocks, Atomics, Synchronized, Indexed, PoolExecutors, Entries;
};

} // namespace asynclint
