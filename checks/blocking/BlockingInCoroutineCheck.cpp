//===--- BlockingInCoroutineCheck.cpp -------------------------------------===//
#include "blocking/BlockingInCoroutineCheck.h"
#include "common/QualifiedName.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/StmtCXX.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>

#include <set>

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

AST_MATCHER(FunctionDecl, isCoroutineDefinition) {
  return Node.doesThisDeclarationHaveABody() && isa_and_nonnull<CoroutineBodyStmt>(Node.getBody());
}

AST_MATCHER(FunctionDecl, hasCoroutineDefinition) {
  const FunctionDecl *Definition = Node.getDefinition();
  return Definition && isa_and_nonnull<CoroutineBodyStmt>(Definition->getBody());
}

std::string calleeName(const asynclint::CallSite &Site) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Site.Callee);
      Method && Method->getParent()->isLambda())
    return "lambda";
  return "'" + Site.Callee->getQualifiedNameAsString() + "'";
}

} // namespace

BlockingInCoroutineCheck::BlockingInCoroutineCheck(StringRef Name, ClangTidyContext *Context)
    : CatalogCheck(Name, Context), BlockingFunctions(Options.get("BlockingFunctions", "")),
      AllowedFunctions(Options.get("AllowedFunctions", "")),
      EnabledCategories(Options.get("EnabledCategories", "")),
      DisabledCategories(Options.get("DisabledCategories", "")),
      FollowHelpers(Options.get("FollowHelpers", true)) {
  asynclint::BlockingCallIndex::Settings Settings;
  for (const asynclint::catalog::BlockingCategory &Category : Catalog->Blocking)
    if (Category.EnabledByDefault)
      Settings.EnabledCategories.insert(Category.Id);
  auto CheckCategory = [&](const std::string &Id, StringRef Option) {
    if (!Catalog->findBlockingCategory(Id))
      configurationProblem(Option, "unknown blocking category '" + Id + "'");
  };
  for (const std::string &Id : asynclint::catalog::splitList(EnabledCategories.str())) {
    CheckCategory(Id, "EnabledCategories");
    Settings.EnabledCategories.insert(Id);
  }
  for (const std::string &Id : asynclint::catalog::splitList(DisabledCategories.str())) {
    CheckCategory(Id, "DisabledCategories");
    Settings.EnabledCategories.erase(Id);
  }
  Settings.ExtraBlockingFunctions = asynclint::catalog::splitList(BlockingFunctions.str());
  Settings.AllowedFunctions = asynclint::catalog::splitList(AllowedFunctions.str());
  Index = std::make_unique<asynclint::BlockingCallIndex>(Catalog, Settings);
  OffLoop = std::make_unique<asynclint::OffLoopCoroutines>(*Catalog);
}

void BlockingInCoroutineCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  storeCatalogOption(Opts);
  Options.store(Opts, "BlockingFunctions", BlockingFunctions);
  Options.store(Opts, "AllowedFunctions", AllowedFunctions);
  Options.store(Opts, "EnabledCategories", EnabledCategories);
  Options.store(Opts, "DisabledCategories", DisabledCategories);
  Options.store(Opts, "FollowHelpers", FollowHelpers);
}

void BlockingInCoroutineCheck::registerMatchers(MatchFinder *Finder) {
  reportConfigurationProblems();
  // Coroutine lambdas are matched through their call operator.
  Finder->addMatcher(functionDecl(isCoroutineDefinition()).bind("coroutine"), this);

  std::vector<std::string> SpawnNames = OffLoop->spawnCallNames();
  if (!SpawnNames.empty()) {
    std::vector<StringRef> Names(SpawnNames.begin(), SpawnNames.end());
    Finder->addMatcher(callExpr(callee(functionDecl(hasAnyName(Names)))).bind("spawn"), this);
    Finder->addMatcher(declRefExpr(to(functionDecl(hasCoroutineDefinition()))).bind("use"), this);
    Finder->addMatcher(memberExpr(member(functionDecl(hasCoroutineDefinition()))).bind("use"),
                       this);
  }
}

void BlockingInCoroutineCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Coroutine = Result.Nodes.getNodeAs<FunctionDecl>("coroutine"))
    collectFindings(*Coroutine, *Result.Context);
  else if (const auto *Spawn = Result.Nodes.getNodeAs<CallExpr>("spawn"))
    OffLoop->noteSpawnCall(*Spawn);
  else if (const auto *Use = Result.Nodes.getNodeAs<DeclRefExpr>("use"))
    OffLoop->noteUse(*cast<FunctionDecl>(Use->getDecl()));
  else if (const auto *MemberUse = Result.Nodes.getNodeAs<MemberExpr>("use"))
    OffLoop->noteUse(*cast<FunctionDecl>(MemberUse->getMemberDecl()));
}

void BlockingInCoroutineCheck::collectFindings(const FunctionDecl &Coroutine, ASTContext &Context) {
  const Stmt *Body = cast<CoroutineBodyStmt>(Coroutine.getBody())->getBody();
  if (!Body)
    return;
  if (!Reachability)
    Reachability =
        std::make_unique<asynclint::BlockingReachability>(*Index, Context, FollowHelpers);

  for (const asynclint::CallSite &Site : asynclint::collectCallSites(*Body)) {
    // After `co_await pool.schedule()` the rest of the body runs on the pool.
    if (OffLoop->switchesToPool(Site))
      break;
    std::optional<asynclint::BlockingChain> Chain = Reachability->chainOf(Site);
    if (!Chain)
      continue;
    if (!ReportedLocations.insert(Site.Call->getExprLoc().getRawEncoding()).second)
      continue;
    Pending.push_back({&Coroutine, std::move(*Chain)});
  }
}

void BlockingInCoroutineCheck::report(const FunctionDecl &Coroutine,
                                      const asynclint::BlockingChain &Chain) {
  const asynclint::catalog::BlockingCategory &Category = *Chain.Blocking.Category;
  std::string Advice = Category.adviceFor(Index->coroutineLibrary(Coroutine));
  std::string Consequence = "every other task on its event loop waits until it returns";
  if (!Advice.empty())
    Consequence += "; " + Advice;

  const asynclint::CallSite &First = Chain.Steps.front();
  if (Chain.Steps.size() == 1) {
    diag(First.Call->getExprLoc(), "'%0' %1 inside coroutine %2; %3")
        << Chain.Blocking.Name << Category.What << asynclint::describeFunction(Coroutine)
        << Consequence << First.Call->getSourceRange();
    return;
  }

  diag(First.Call->getExprLoc(),
       "call to %0 blocks inside coroutine %1: it reaches '%2', which %3; %4")
      << calleeName(First) << asynclint::describeFunction(Coroutine) << Chain.Blocking.Name
      << Category.What << Consequence << First.Call->getSourceRange();
  for (size_t I = 1; I + 1 < Chain.Steps.size(); ++I)
    diag(Chain.Steps[I].Call->getExprLoc(), "%0 calls %1 here", DiagnosticIDs::Note)
        << calleeName(Chain.Steps[I - 1]) << calleeName(Chain.Steps[I]);
  const asynclint::CallSite &Last = Chain.Steps.back();
  diag(Last.Call->getExprLoc(), "%0 calls '%1', which %2", DiagnosticIDs::Note)
      << calleeName(Chain.Steps[Chain.Steps.size() - 2]) << Chain.Blocking.Name << Category.What;
}

void BlockingInCoroutineCheck::onEndOfTranslationUnit() {
  for (const PendingFinding &Finding : Pending)
    if (!OffLoop->runsOffLoop(*Finding.Coroutine))
      report(*Finding.Coroutine, Finding.Chain);
  Pending.clear();
  OffLoop->clear();
  Reachability.reset();
  ReportedLocations.clear();
  Index->clearCache();
}

} // namespace clang::tidy::async
