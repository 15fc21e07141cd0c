//===--- ImmediateAwaitCheck.h - async-immediate-await --------------------===//
#pragma once

#include "immediate-await/SerializedWorkFinder.h"
#include "immediate-await/SpawnIndex.h"

#include "common/CatalogCheck.h"
#include <llvm/ADT/DenseSet.h>

#include <memory>

namespace clang::tidy::async {

/// Flags concurrent work that is waited for as soon as it is started, so
/// that nothing overlaps: std::async(...).get(), a discarded std::async
/// future, std::thread t(f); t.join();, a std::jthread temporary, and, in
/// coroutines, spawns awaited one after another or inside a loop.
///
/// For the user-facing documentation see:
/// docs/checks/async-immediate-await.md
class ImmediateAwaitCheck : public CatalogCheck {
public:
  ImmediateAwaitCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void report(const asynclint::SerializedWork &Work);
  /// The finding's facts, as data, for the asynclint tool.
  void recordFacts(const asynclint::SerializedWork &Work, const SourceManager &SM) const;
  void reportKind(const asynclint::SerializedWork &Work);

  const StringRef SpawnFunctions;
  const bool FlagSequentialAwaits;
  const bool RecognizeSpawnShapes;

  std::unique_ptr<asynclint::SpawnIndex> Index;
  /// A function template's body is seen once per instantiation.
  llvm::DenseSet<unsigned> ReportedLocations;
};

} // namespace clang::tidy::async
