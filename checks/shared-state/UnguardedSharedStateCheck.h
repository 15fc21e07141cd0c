//===--- UnguardedSharedStateCheck.h - async-unguarded-shared-state ------===//
#pragma once

#include "shared-state/ProgramRaces.h"
#include "shared-state/SharedStateIndex.h"

#include "common/CatalogCheck.h"
#include "common/LibraryCode.h"
#include "common/LockShapes.h"

#include <memory>
#include <string>
#include <vector>

namespace asynclint {
struct SpawnSite;
} // namespace asynclint

namespace clang::tidy::async {

/// Flags a variable or member written by code that runs on several threads
/// (thread bodies, std::async tasks, pthread entries, work posted to a
/// thread pool, and what they call) and accessed by another of them, with
/// no lock held in common at the two accesses (a static lockset) and no
/// atomic type; and, with no thread in sight, a member that a class writes
/// under a lock in one method and touches without it in another (RacerD's
/// lock consistency).
///
/// For the user-facing documentation see:
/// docs/checks/async-unguarded-shared-state.md
class UnguardedSharedStateCheck : public CatalogCheck {
public:
  UnguardedSharedStateCheck(StringRef Name, ClangTidyContext *Context);
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus11;
  }
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  struct PendingStart {
    const Expr *Start;
    const asynclint::catalog::ThreadStart *Kind;
    llvm::SmallVector<const Expr *, 4> Arguments;
  };

  std::vector<asynclint::SpawnSite> resolveSpawns();
  bool hasLockMember(const CXXRecordDecl &Class);
  void reset();

  const StringRef ThreadEntryFunctions;
  const StringRef LockGuardTypes;
  const StringRef ThirdPartyFolders;
  const StringRef FactFiles;

  std::unique_ptr<asynclint::SharedStateIndex> Index;
  std::unique_ptr<asynclint::LockShapes> Locks;
  std::unique_ptr<asynclint::LibraryCode> Library;
  /// What the FactFiles say about races across units.
  asynclint::ProgramRaces Races;
  /// The names the matchers look for (they refer to these strings).
  std::vector<std::string> StartFunctionNames, StartClassNames, EntryNames;
  ASTContext *Context = nullptr;
  std::vector<PendingStart> Starts;
  std::vector<const FunctionDecl *> ConfiguredEntries;
  std::vector<const CXXRecordDecl *> Classes;
  /// The unit's function definitions, when the asynclint tool wants their
  /// facts for the whole program (SharedStateFacts.h).
  std::vector<const FunctionDecl *> Definitions;
};

} // namespace clang::tidy::async
