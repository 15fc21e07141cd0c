//===--- StaleReadAcrossAwaitCheck.cpp ------------------------------------===//
#include "stale-read/StaleReadAcrossAwaitCheck.h"
#include "common/CheapMatchers.h"
#include "common/FactChannel.h"
#include "common/QualifiedName.h"
#include "stale-read/StaleWriteFinder.h"
#include "stale-read/TaskGraph.h"

#include <clang/AST/ASTContext.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>

using namespace clang::ast_matchers;
using namespace asynclint::matchers;

namespace clang::tidy::async {

namespace {

/// "'account::withdraw'", "the lambda".
std::string nameOf(const FunctionDecl &Function) {
  std::string Name = asynclint::describeFunction(Function);
  return Name == "lambda" ? "the lambda" : Name;
}

} // namespace

StaleReadAcrossAwaitCheck::StaleReadAcrossAwaitCheck(StringRef Name, ClangTidyContext *Context)
    : CatalogCheck(Name, Context), SpawnFunctions(Options.get("SpawnFunctions", "")),
      AsyncMutexTypes(Options.get("AsyncMutexTypes", "")),
      CheckThenAct(Options.get("CheckThenAct", true)) {
  asynclint::StaleReadIndex::Settings Settings;
  Settings.ExtraTaskStarts = asynclint::catalog::splitList(SpawnFunctions.str());
  Settings.ExtraAsyncMutexes = asynclint::catalog::splitList(AsyncMutexTypes.str());
  Index = std::make_unique<asynclint::StaleReadIndex>(Catalog, Settings);
}

void StaleReadAcrossAwaitCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  storeCatalogOption(Opts);
  Options.store(Opts, "SpawnFunctions", SpawnFunctions);
  Options.store(Opts, "AsyncMutexTypes", AsyncMutexTypes);
  Options.store(Opts, "CheckThenAct", CheckThenAct);
}

void StaleReadAcrossAwaitCheck::registerMatchers(MatchFinder *Finder) {
  reportConfigurationProblems();
  StartNames = Index->startFunctionNames();
  if (StartNames.empty())
    return;
  // Only a translation unit that starts tasks can have two of them.
  Finder->addMatcher(callExpr(callsAnyOf(nameSet(StartNames))).bind("start"), this);
  // Lambdas are matched through their call operators.
  Finder->addMatcher(functionDecl(isExplicitDefinitionOutsideSystemHeaders()).bind("fn"), this);
}

void StaleReadAcrossAwaitCheck::check(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
  if (const auto *Start = Result.Nodes.getNodeAs<CallExpr>("start")) {
    StartsTasks |= Index->startKind(*Start) != asynclint::StartKind::None;
    return;
  }
  if (const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("fn");
      Function && !Function->isDependentContext() && !Index->isLibraryCode(*Function))
    Functions.push_back(Function);
}

void StaleReadAcrossAwaitCheck::onEndOfTranslationUnit() {
  // Code that does not compile may have lost the very lock or re-check that
  // makes a write safe: no findings there.
  if (!Context || !StartsTasks || Context->getDiagnostics().hasUncompilableErrorOccurred())
    return reset();
  asynclint::FactsCollector Facts(*Index, *Context);
  asynclint::TaskGraph Graph(Facts, Functions);
  for (const asynclint::StaleFinding &Found : asynclint::findStaleWrites(Graph, Facts)) {
    bool LostUpdate = Found.Stale.Pattern == asynclint::StalePattern::LostUpdate;
    if (!LostUpdate && !CheckThenAct)
      continue;
    SourceLocation At = Found.Write->At->getExprLoc();
    if (!Reported.insert(At.getRawEncoding()).second)
      continue;
    std::string Name = asynclint::describe(Found.Write->Where);
    const std::string &Advice = Index->advice(*Found.Function);
    if (asynclint::facts::currentSink())
      recordFindingFacts(Context->getSourceManager(), At,
                         {{"variable", Name},
                          {"pattern", LostUpdate ? "lost-update" : "check-then-act"},
                          {"coroutine", asynclint::describeFunction(*Found.Function)}});
    if (LostUpdate)
      diag(At, "'%0' is written from a value read before a co_await; other coroutines that write "
               "'%0' may run during the suspension and their updates are lost (stale read); read "
               "'%0' again after the co_await, or update it in one step after it, or %1")
          << Name << Advice << Found.Write->At->getSourceRange();
    else
      diag(At, "'%0' is changed on the strength of a check made before a co_await; other "
               "coroutines may change '%0' during the suspension, so the check may no longer hold "
               "(check-then-act); check again after the co_await, or %1")
          << Name << Advice << Found.Write->At->getSourceRange();
    diag(Found.Stale.Read->getExprLoc(), "'%0' is %select{checked|read}1 here, before the co_await",
         DiagnosticIDs::Note)
        << Name << LostUpdate;
    diag(Found.Stale.Suspension->getBeginLoc(),
         "%0 suspends here; other coroutines run until it resumes", DiagnosticIDs::Note)
        << nameOf(*Found.Function);
    if (Found.OtherTask == Found.In) {
      if (Found.In->Start)
        diag(Found.In->Start->getExprLoc(),
             "%0 is started here%select{ in a loop| more than once}1, so several instances of it "
             "write '%2' at the same time",
             DiagnosticIDs::Note)
            << nameOf(*Found.In->Entry) << !Found.In->InLoop << Name;
      continue;
    }
    if (Found.Other != Found.Write)
      diag(Found.Other->At->getExprLoc(), "'%0' is also %select{changed|written}1 here, by %2",
           DiagnosticIDs::Note)
          << asynclint::describe(Found.Other->Where) << LostUpdate << nameOf(*Found.OtherFunction);
    if (!Found.OtherTask->Start)
      continue;
    if (nameOf(*Found.OtherTask->Entry) == nameOf(*Found.In->Entry))
      diag(Found.OtherTask->Start->getExprLoc(),
           "%0 is started here as well; the two run concurrently", DiagnosticIDs::Note)
          << nameOf(*Found.OtherTask->Entry);
    else
      diag(Found.OtherTask->Start->getExprLoc(),
           "%0 is started here, and runs concurrently with %1", DiagnosticIDs::Note)
          << nameOf(*Found.OtherTask->Entry) << nameOf(*Found.In->Entry);
  }
  reset();
}

void StaleReadAcrossAwaitCheck::reset() {
  Functions.clear();
  StartsTasks = false;
  Context = nullptr;
  Reported.clear();
  Index->clearCache();
}

} // namespace clang::tidy::async
