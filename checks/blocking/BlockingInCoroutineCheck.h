//===--- BlockingInCoroutineCheck.h - async-blocking-in-coroutine --------===//
#pragma once

#include "blocking/AwaitedCalls.h"
#include "blocking/BlockingCallIndex.h"
#include "blocking/BlockingReachability.h"
#include "blocking/OffLoopCoroutines.h"

#include "common/CatalogCheck.h"

#include <llvm/ADT/DenseSet.h>

#include <memory>

namespace clang::tidy::async {

/// Flags calls that block the thread (catalogued sleeps, synchronous waits,
/// blocking I/O, synchronous Asio operations, ...) made in the body of a C++20
/// coroutine, directly or through helper functions of the translation unit.
///
/// For the user-facing documentation see:
/// docs/checks/async-blocking-in-coroutine.md
class BlockingInCoroutineCheck : public CatalogCheck {
public:
  BlockingInCoroutineCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  struct PendingFinding {
    const FunctionDecl *Coroutine;
    asynclint::BlockingChain Chain;
    /// The awaited switch to a pool the call comes after, if any.
    const Expr *PoolSwitch = nullptr;
  };

  void collectFindings(const FunctionDecl &Coroutine, ASTContext &Context);
  void reportDiscardedSwitches(const FunctionDecl &Coroutine, const asynclint::AwaitedCalls &Calls);
  void report(const PendingFinding &Finding, bool OnPool);

  const StringRef BlockingFunctions;
  const StringRef AllowedFunctions;
  const StringRef EnabledCategories;
  const StringRef DisabledCategories;
  const bool FollowHelpers;
  const bool IgnorePoolThreads;

  std::unique_ptr<asynclint::BlockingCallIndex> Index;
  std::unique_ptr<asynclint::BlockingReachability> Reachability;
  std::unique_ptr<asynclint::OffLoopCoroutines> OffLoop;
  /// Reported at the end of the translation unit, once every spawn site is
  /// known: a coroutine spawned onto a thread pool may block.
  std::vector<PendingFinding> Pending;
  /// A call in a coroutine template is seen once per instantiation.
  llvm::DenseSet<unsigned> ReportedLocations;
};

} // namespace clang::tidy::async
