//===--- BlockingInCoroutineCheck.h - async-blocking-in-coroutine --------===//
#pragma once

#include "blocking/AwaitedCalls.h"
#include "blocking/BlockingCallIndex.h"
#include "blocking/BlockingFacts.h"
#include "blocking/BlockingReachability.h"
#include "blocking/OffLoopCoroutines.h"

#include "common/CatalogCheck.h"
#include "common/ProgramFacts.h"

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
  /// A call whose callee blocks in another unit, as the FactFiles say.
  struct PendingProgramFinding {
    const FunctionDecl *Coroutine;
    asynclint::CallSite Site;
    std::vector<const asynclint::facts::FunctionFacts *> Chain;
  };

  void collectFindings(const FunctionDecl &Coroutine, ASTContext &Context);
  /// The call \p Site makes blocks in another unit, as the FactFiles say.
  std::vector<const asynclint::facts::FunctionFacts *>
  chainInProgram(const asynclint::CallSite &Site, const SourceManager &SM) const;
  void reportDiscardedSwitches(const FunctionDecl &Coroutine, const asynclint::AwaitedCalls &Calls);
  void report(const PendingFinding &Finding, bool OnPool);
  void report(const PendingProgramFinding &Finding);
  /// On a pool only: by its unit's spawns, or by the whole program's.
  bool runsOffLoop(const FunctionDecl &Coroutine) const;
  /// The finding's facts, as data, for the asynclint tool.
  void recordFacts(const FunctionDecl &Coroutine, const asynclint::BlockingChain &Chain) const;

  const StringRef BlockingFunctions;
  const StringRef AllowedFunctions;
  const StringRef EnabledCategories;
  const StringRef DisabledCategories;
  const bool FollowHelpers;
  const bool IgnorePoolThreads;
  const StringRef FactFiles;
  /// Where FactFiles is set: its relative paths are relative to that.
  asynclint::CatalogFilesOrigin FactFilesOrigin;

  std::unique_ptr<asynclint::BlockingCallIndex> Index;
  std::unique_ptr<asynclint::BlockingReachability> Reachability;
  std::unique_ptr<asynclint::OffLoopCoroutines> OffLoop;
  /// Set when the asynclint tool listens for the unit's facts.
  std::unique_ptr<asynclint::BlockingFactRecorder> Recorder;
  /// What the FactFiles say about the other units; unused under the tool,
  /// which combines fresh facts itself.
  std::shared_ptr<const asynclint::facts::ProgramFacts> Program;
  ASTContext *AST = nullptr;
  /// Reported at the end of the translation unit, once every spawn site is
  /// known: a coroutine spawned onto a thread pool may block.
  std::vector<PendingFinding> Pending;
  std::vector<PendingProgramFinding> PendingProgram;
  /// A call in a coroutine template is seen once per instantiation.
  llvm::DenseSet<unsigned> ReportedLocations;
};

} // namespace clang::tidy::async
