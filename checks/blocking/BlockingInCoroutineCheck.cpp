//===--- BlockingInCoroutineCheck.cpp -------------------------------------===//
#include "blocking/BlockingInCoroutineCheck.h"
#include "blocking/BlockingMessages.h"
#include "blocking/CoroutineUses.h"
#include "common/AstFacts.h"
#include "common/CheapMatchers.h"
#include "common/FactFiles.h"
#include "common/QualifiedName.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/StmtCXX.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>

#include <set>

using namespace clang::ast_matchers;
using namespace asynclint::matchers;

namespace clang::tidy::async {

namespace {

AST_MATCHER(FunctionDecl, isCoroutineDefinition) {
  return Node.doesThisDeclarationHaveABody() && isa_and_nonnull<CoroutineBodyStmt>(Node.getBody());
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
      FollowHelpers(Options.get("FollowHelpers", true)),
      IgnorePoolThreads(Options.get("IgnorePoolThreads", true)),
      FactFiles(Options.getLocalOrGlobal(asynclint::facts::FactFilesOption, "")) {
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
  if (!FactFiles.empty())
    FactFilesOrigin = asynclint::findCatalogFilesOrigin(FactFiles, Name, Context->getCurrentFile(),
                                                        asynclint::facts::FactFilesOption);
}

void BlockingInCoroutineCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  storeCatalogOption(Opts);
  Options.store(Opts, "BlockingFunctions", BlockingFunctions);
  Options.store(Opts, "AllowedFunctions", AllowedFunctions);
  Options.store(Opts, "EnabledCategories", EnabledCategories);
  Options.store(Opts, "DisabledCategories", DisabledCategories);
  Options.store(Opts, "FollowHelpers", FollowHelpers);
  Options.store(Opts, "IgnorePoolThreads", IgnorePoolThreads);
  Options.store(Opts, asynclint::facts::FactFilesOption, FactFiles);
}

void BlockingInCoroutineCheck::registerMatchers(MatchFinder *Finder) {
  asynclint::facts::FactSink *Sink = asynclint::facts::currentSink();
  // Under the asynclint tool, which combines fresh facts of every unit
  // itself, the FactFiles are not needed.
  if (!Sink) {
    asynclint::facts::LoadedFacts Loaded =
        asynclint::facts::loadFactFiles(FactFiles, FactFilesOrigin);
    Program = std::move(Loaded.Facts);
    for (const std::string &Error : Loaded.Errors)
      configurationProblem(asynclint::facts::FactFilesOption, Error);
  }
  reportConfigurationProblems();
  // Coroutine lambdas are matched through their call operator.
  Finder->addMatcher(functionDecl(isCoroutineDefinition()).bind("coroutine"), this);
  if (Sink && Sink->wantsFunctionFacts()) {
    Recorder = std::make_unique<asynclint::BlockingFactRecorder>(*Index, *Sink);
    Finder->addMatcher(
        functionDecl(isDefinition(), unless(isImplicit()), unless(isExpansionInSystemHeader()))
            .bind("definition"),
        this);
  }

  // The unit itself, for the whole program's facts even where no function
  // of it matches.
  if (Recorder)
    Finder->addMatcher(translationUnitDecl().bind("unit"), this);
}

void BlockingInCoroutineCheck::check(const MatchFinder::MatchResult &Result) {
  AST = Result.Context;
  if (const auto *Definition = Result.Nodes.getNodeAs<FunctionDecl>("definition"))
    Recorder->noteDefinition(*Definition);
  else if (const auto *Coroutine = Result.Nodes.getNodeAs<FunctionDecl>("coroutine"))
    collectFindings(*Coroutine, *Result.Context);
}

void BlockingInCoroutineCheck::collectFindings(const FunctionDecl &Coroutine, ASTContext &Context) {
  const Stmt *Body = cast<CoroutineBodyStmt>(Coroutine.getBody())->getBody();
  if (!Body || Index->isLibraryCode(Coroutine))
    return;
  if (!Reachability)
    Reachability =
        std::make_unique<asynclint::BlockingReachability>(*Index, Context, FollowHelpers);

  asynclint::AwaitedCalls Calls = asynclint::findAwaitedCalls(*Body);
  reportDiscardedSwitches(Coroutine, Calls);
  const Expr *PoolSwitch = nullptr;
  for (const asynclint::CallSite &Site : asynclint::collectCallSites(*Body)) {
    // After `co_await pool.schedule()` the rest of the body runs on the pool,
    // and so do the coroutines it calls.
    if (!PoolSwitch && Calls.Awaited.contains(Site.Call) && OffLoop->switchesToPool(Site)) {
      PoolSwitch = Site.Call;
      continue;
    }
    if (PoolSwitch && isa<CallExpr>(Site.Call) && asynclint::hasCoroutineBody(*Site.Callee))
      OffLoop->notePoolCall(*Site.Callee);
    if (PoolSwitch && IgnorePoolThreads)
      continue;
    std::optional<asynclint::BlockingChain> Chain = Reachability->chainOf(Site);
    if (!Chain) {
      if (FollowHelpers && Recorder &&
          Context.getSourceManager().isInMainFile(Coroutine.getLocation()))
        Recorder->noteOpenCall(Coroutine, Site);
      else if (FollowHelpers && Program)
        if (auto InProgram = chainInProgram(Site, Context.getSourceManager()); !InProgram.empty())
          if (ReportedLocations.insert(Site.Call->getExprLoc().getRawEncoding()).second)
            PendingProgram.push_back({&Coroutine, Site, std::move(InProgram)});
      continue;
    }
    if (!ReportedLocations.insert(Site.Call->getExprLoc().getRawEncoding()).second)
      continue;
    Pending.push_back({&Coroutine, std::move(*Chain), PoolSwitch});
  }
}

std::vector<const asynclint::facts::FunctionFacts *>
BlockingInCoroutineCheck::chainInProgram(const asynclint::CallSite &Site,
                                         const SourceManager &SM) const {
  if (!Site.Callee || SM.isInSystemHeader(Site.Callee->getLocation()) ||
      Index->isAllowed(*Site.Callee))
    return {};
  return Program->chainFrom(asynclint::facts::functionId(*Site.Callee, SM));
}

void BlockingInCoroutineCheck::recordFacts(const FunctionDecl &Coroutine,
                                           const asynclint::BlockingChain &Chain) const {
  if (!asynclint::facts::currentSink())
    return;
  const SourceManager &SM = Coroutine.getASTContext().getSourceManager();
  nlohmann::json CallChain = nlohmann::json::array();
  for (size_t I = 0; I + 1 < Chain.Steps.size(); ++I)
    CallChain.push_back(asynclint::facts::functionName(*Chain.Steps[I].Callee, SM).plain());
  asynclint::facts::FunctionName Name = asynclint::facts::functionName(Coroutine, SM);
  nlohmann::json Properties = {{"coroutine", Name.plain()},
                               {"coroutine_id", Name.Id},
                               {"blocking_function", Chain.Blocking.Name},
                               {"category", Chain.Blocking.Category->Id},
                               {"call_chain", std::move(CallChain)}};
  recordFindingFacts(SM, Chain.Steps.front().Call->getExprLoc(), std::move(Properties));
}

void BlockingInCoroutineCheck::reportDiscardedSwitches(const FunctionDecl &Coroutine,
                                                       const asynclint::AwaitedCalls &Calls) {
  for (const CallExpr *Call : Calls.Discarded) {
    asynclint::CallSite Site{Call, Call->getDirectCallee(), nullptr};
    std::string Switch;
    if (!Site.Callee || !OffLoop->isSwitch(Site, Switch) ||
        !ReportedLocations.insert(Call->getExprLoc().getRawEncoding()).second)
      continue;
    diag(Call->getBeginLoc(),
         "the awaitable returned by '%0' is discarded: it moves coroutine %1 only when it is "
         "awaited, so what follows still runs where it ran before; write 'co_await %0(...)'")
        << Switch << asynclint::describeFunction(Coroutine) << Call->getSourceRange();
  }
}

void BlockingInCoroutineCheck::report(const PendingFinding &Finding, bool OnPool) {
  const FunctionDecl &Coroutine = *Finding.Coroutine;
  const asynclint::BlockingChain &Chain = Finding.Chain;
  const asynclint::catalog::BlockingCategory &Category = *Chain.Blocking.Category;
  std::string Consequence = asynclint::blocking::consequence(
      Category.adviceFor(Index->coroutineLibrary(Coroutine)), OnPool);
  std::string CoroutineName = asynclint::describeFunction(Coroutine);

  const asynclint::CallSite &First = Chain.Steps.front();
  recordFacts(Coroutine, Chain);
  if (Chain.Steps.size() == 1) {
    diag(First.Call->getExprLoc(), "%0")
        << asynclint::blocking::directCallMessage(Chain.Blocking.Name, Category.What, CoroutineName,
                                                  Consequence)
        << First.Call->getSourceRange();
  } else {
    diag(First.Call->getExprLoc(), "%0")
        << asynclint::blocking::helperCallMessage(calleeName(First), CoroutineName,
                                                  Chain.Blocking.Name, Category.What, Consequence)
        << First.Call->getSourceRange();
    for (size_t I = 1; I + 1 < Chain.Steps.size(); ++I)
      diag(Chain.Steps[I].Call->getExprLoc(), "%0", DiagnosticIDs::Note)
          << asynclint::blocking::callsNote(calleeName(Chain.Steps[I - 1]),
                                            calleeName(Chain.Steps[I]));
    const asynclint::CallSite &Last = Chain.Steps.back();
    diag(Last.Call->getExprLoc(), "%0", DiagnosticIDs::Note)
        << asynclint::blocking::blockingCallNote(calleeName(Chain.Steps[Chain.Steps.size() - 2]),
                                                 Chain.Blocking.Name, Category.What);
  }
  if (Finding.PoolSwitch)
    diag(Finding.PoolSwitch->getExprLoc(), "the coroutine moves to the thread pool here",
         DiagnosticIDs::Note);
}

void BlockingInCoroutineCheck::report(const PendingProgramFinding &Finding) {
  const asynclint::facts::FunctionFacts &Blocker = *Finding.Chain.back();
  const asynclint::facts::BlockingCall &Blocking = *Blocker.Blocking;
  std::string Consequence = asynclint::blocking::consequence(
      Blocking.adviceFor(Index->coroutineLibrary(*Finding.Coroutine)));
  diag(Finding.Site.Call->getExprLoc(), "%0")
      << asynclint::blocking::helperCallMessage(Finding.Chain.front()->Function.quoted(),
                                                asynclint::describeFunction(*Finding.Coroutine),
                                                Blocking.Function, Blocking.What, Consequence)
      << Finding.Site.Call->getSourceRange();
  // The notes point into the other units' files.
  SourceManager &SM = AST->getSourceManager();
  for (size_t I = 0; I + 1 < Finding.Chain.size(); ++I) {
    // chainFrom() gives every step but the last its call onward.
    const asynclint::facts::Call &Via = *Program->Blocking.at(Finding.Chain[I]->Function.Id).Via;
    if (SourceLocation At = asynclint::facts::locationOf(SM, Via.At); At.isValid())
      diag(At, "%0", DiagnosticIDs::Note) << asynclint::blocking::callsNote(
          Finding.Chain[I]->Function.quoted(), Finding.Chain[I + 1]->Function.quoted());
  }
  if (SourceLocation At = asynclint::facts::locationOf(SM, Blocking.At); At.isValid())
    diag(At, "%0", DiagnosticIDs::Note) << asynclint::blocking::blockingCallNote(
        Blocker.Function.quoted(), Blocking.Function, Blocking.What);
}

bool BlockingInCoroutineCheck::runsOffLoop(const FunctionDecl &Coroutine) const {
  if (OffLoop->runsOffLoop(Coroutine))
    return true;
  // The FactFiles know the units that start it.
  return Program && Program->OffLoop.count(asynclint::facts::functionId(
                        Coroutine, Coroutine.getASTContext().getSourceManager()));
}

void BlockingInCoroutineCheck::onEndOfTranslationUnit() {
  // Spawns and uses decide runsOffLoop: asked by a finding not already on a
  // pool, and by the whole program's facts.
  bool AsksOffLoop = Recorder || !PendingProgram.empty() ||
                     llvm::any_of(Pending, [](const PendingFinding &F) { return !F.PoolSwitch; });
  if (AST && AsksOffLoop)
    asynclint::noteCoroutineUses(*AST, *OffLoop, Recorder ? Index.get() : nullptr);
  for (const PendingFinding &Finding : Pending) {
    bool OnPool = Finding.PoolSwitch || runsOffLoop(*Finding.Coroutine);
    if (!OnPool || !IgnorePoolThreads)
      report(Finding, OnPool);
  }
  for (const PendingProgramFinding &Finding : PendingProgram)
    if (!runsOffLoop(*Finding.Coroutine))
      report(Finding);
  if (Recorder && AST)
    Recorder->flush(*AST, *OffLoop);
  Pending.clear();
  PendingProgram.clear();
  AST = nullptr;
  OffLoop->clear();
  Reachability.reset();
  ReportedLocations.clear();
  Index->clearCache();
}

} // namespace clang::tidy::async
