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
class CXXMemberCallExpr;
class CXXRecordDecl;
class Expr;
class QualType;
} // namespace clang

namespace asynclint {

/// The catalog's thread starts, joins and containers (and the pool
/// executors of off_loop) indexed by every spelling of each name, with the
/// questions the shared-state analysis asks of calls and types. What locks
/// is LockShapes' business.
class SharedStateIndex {
public:
  struct Settings {
    /// From the check's options: more thread entries.
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
  /// `threads.emplace_back(worker)`: the start entry of the container's
  /// element class, when the element is a thread built in place.
  const catalog::ThreadStart *emplacedThreadStart(const clang::CXXMemberCallExpr &Call);
  bool isJoin(const CallSite &Site);
  bool isDetach(const CallSite &Site);
  bool isThreadEntryFunction(const clang::FunctionDecl &Function);

  bool isIndexedContainer(clang::QualType Type);
  bool isPoolExecutor(clang::QualType Type);
  /// True when \p Type spells one of \p Names (see typeIsOneOf).
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
  llvm::StringMap<bool> Joins, Detaches;
  llvm::StringSet<> Indexed, PoolExecutors, Entries;
};

} // namespace asynclint
