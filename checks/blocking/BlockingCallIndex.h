//===--- BlockingCallIndex.h - which calls block, from the catalog -------===//
#pragma once

#include "Catalog.h"
#include "common/CallSites.h"
#include "common/CatalogNames.h"
#include "common/LibraryNamespaces.h"

#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/StringMap.h>
#include <llvm/ADT/StringSet.h>

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace clang {
class ASTContext;
class Expr;
class NamedDecl;
} // namespace clang

namespace asynclint {

struct BlockingMatch {
  const catalog::BlockingCategory *Category = nullptr;
  /// The catalog name the call matched ("std::future::wait").
  std::string Name;
};

/// The blocking functions of the enabled catalog categories, indexed by
/// qualified name, and the test of one call site against them.
class BlockingCallIndex {
public:
  struct Settings {
    std::set<std::string> EnabledCategories;
    std::vector<std::string> ExtraBlockingFunctions;
    std::vector<std::string> AllowedFunctions;
  };

  BlockingCallIndex(std::shared_ptr<const catalog::Catalog> Catalog, const Settings &Options);

  /// The catalog entry \p Site calls, if its category is enabled, it is not
  /// allowed and its arguments do not make it non-blocking.
  std::optional<BlockingMatch> match(const CallSite &Site) const;

  /// Listed in AllowedFunctions: neither reported nor followed into.
  bool isAllowed(const clang::FunctionDecl &Function) const;

  /// A catalogued library's own code: neither checked nor followed into.
  bool isLibraryCode(const clang::Decl &D) const { return Library.contains(D); }

  /// The coroutine library ("asio", ...) whose coroutine type \p Coroutine
  /// returns; empty when unknown.
  std::string coroutineLibrary(const clang::FunctionDecl &Coroutine) const;

  /// Forgets cached names; call when the AST they point into goes away.
  void clearCache() const {
    Names.clear();
    Library.clearCache();
  }

private:
  struct Entry {
    const catalog::BlockingCategory *Category;
    const catalog::FunctionEntry *Function;
  };

  const Entry *lookupFunction(const CallSite &Site, std::string &MatchedName) const;
  bool argumentsAllowBlocking(const CallSite &Site, const catalog::FunctionEntry &Entry) const;
  /// The object of the member call comes from an awaited call that completes
  /// it (the entry's NonblockingOnResultOf).
  bool isCompleteResult(const CallSite &Site, const catalog::FunctionEntry &Entry) const;
  bool isConsoleArgument(const clang::Expr &Argument, const catalog::FunctionEntry &Entry,
                         const clang::ASTContext &Context) const;

  std::shared_ptr<const catalog::Catalog> Catalog;
  /// Holds the user's BlockingFunctions, which belong to no catalog category.
  std::unique_ptr<catalog::BlockingCategory> UserCategory;
  llvm::StringMap<Entry> Functions;
  llvm::StringMap<Entry> Constructors;
  llvm::StringSet<> Allowed;
  llvm::StringMap<std::string> LibraryOfCoroutineType;
  LibraryNamespaces Library;
  mutable NameCache Names;
};

} // namespace asynclint
