//===--- StaleReadAcrossAwaitCheck.h - async-stale-read-across-await -----===//
#pragma once

#include "stale-read/StaleReadIndex.h"

#include "common/CatalogCheck.h"

#include <llvm/ADT/DenseSet.h>

#include <memory>
#include <string>
#include <vector>

namespace clang::tidy::async {

/// Flags a coroutine that reads shared state, suspends at a co_await, and
/// then writes the state back from the value it read (a lost update) or
/// changes it on the strength of a check made before the suspension
/// (check-then-act), when another task the program starts writes the same
/// state: other coroutines run during every suspension, even on one thread.
///
/// For the user-facing documentation see:
/// docs/checks/async-stale-read-across-await.md
class StaleReadAcrossAwaitCheck : public CatalogCheck {
public:
  StaleReadAcrossAwaitCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus20;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void reset();

  const StringRef SpawnFunctions;
  const StringRef AsyncMutexTypes;
  const bool CheckThenAct;

  std::unique_ptr<asynclint::StaleReadIndex> Index;
  /// The names the start matcher looks for (it refers to these strings).
  std::vector<std::string> StartNames;
  ASTContext *Context = nullptr;
  std::vector<const FunctionDecl *> Functions;
  bool StartsTasks = false;
  llvm::DenseSet<unsigned> Reported;
};

} // namespace clang::tidy::async
