//===--- ImmediateAwaitCheck.cpp ------------------------------------------===//
#include "immediate-await/ImmediateAwaitCheck.h"
#include "common/CatalogLoader.h"
#include "common/CheapMatchers.h"
#include "common/FactChannel.h"
#include "common/QualifiedName.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/StmtCXX.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>

using namespace clang::ast_matchers;
using namespace asynclint::matchers;

namespace clang::tidy::async {

using asynclint::SerializedKind;
using asynclint::SerializedWork;

ImmediateAwaitCheck::ImmediateAwaitCheck(StringRef Name, ClangTidyContext *Context)
    : CatalogCheck(Name, Context), SpawnFunctions(Options.get("SpawnFunctions", "")),
      FlagSequentialAwaits(Options.get("FlagSequentialAwaits", false)),
      RecognizeSpawnShapes(Options.get("RecognizeSpawnShapes", true)) {
  Index = std::make_unique<asynclint::SpawnIndex>(
      Catalog, asynclint::catalog::splitList(SpawnFunctions.str()), RecognizeSpawnShapes);
}

void ImmediateAwaitCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  storeCatalogOption(Opts);
  Options.store(Opts, "SpawnFunctions", SpawnFunctions);
  Options.store(Opts, "FlagSequentialAwaits", FlagSequentialAwaits);
  Options.store(Opts, "RecognizeSpawnShapes", RecognizeSpawnShapes);
}

void ImmediateAwaitCheck::registerMatchers(MatchFinder *Finder) {
  reportConfigurationProblems();
  // Lambdas are matched through their call operators, so each body is
  // analysed once, as the function it is.
  Finder->addMatcher(functionDecl(isExplicitDefinitionOutsideSystemHeaders()).bind("function"),
                     this);
}

void ImmediateAwaitCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (Index->isLibraryCode(*Function))
    return;
  const Stmt *Body = Function->getBody();
  if (const auto *Coroutine = dyn_cast_or_null<CoroutineBodyStmt>(Body))
    Body = Coroutine->getBody();
  if (!Body)
    return;
  asynclint::SerializedWorkFinder Finder(*Index, *Result.Context, FlagSequentialAwaits);
  for (const SerializedWork &Work : Finder.find(*Body)) {
    recordFacts(Work, *Result.SourceManager);
    report(Work);
  }
}

static const char *kindName(SerializedKind Kind) {
  switch (Kind) {
  case SerializedKind::WaitedInSameExpression:
    return "waited-in-same-expression";
  case SerializedKind::WaitedNext:
    return "waited-next";
  case SerializedKind::DestroyedNext:
    return "destroyed-next";
  case SerializedKind::DiscardedFuture:
    return "discarded-future";
  case SerializedKind::DiscardedDeferred:
    return "discarded-deferred";
  case SerializedKind::TemporaryJoiningThread:
    return "temporary-joining-thread";
  case SerializedKind::AwaitedInLoop:
    return "awaited-in-loop";
  case SerializedKind::AwaitedInSequence:
    return "awaited-in-sequence";
  }
  return "unknown";
}

void ImmediateAwaitCheck::recordFacts(const SerializedWork &Work, const SourceManager &SM) const {
  if (!asynclint::facts::currentSink())
    return;
  nlohmann::json Properties = {{"kind", kindName(Work.Kind)},
                               {"spawn", Work.StartName},
                               {"work", Work.Work},
                               {"in_loop", Work.InLoop}};
  if (!Work.WaitName.empty())
    Properties["wait"] = Work.WaitName;
  if (Work.Handle)
    Properties["handle"] = Work.Handle->getName().str();
  if (!Work.Library.empty())
    Properties["library"] = Work.Library;
  recordFindingFacts(SM, Work.Start->getBeginLoc(), std::move(Properties));
}

static std::string workOf(const SerializedWork &Work) {
  return Work.Work.empty() ? "its work" : Work.Work;
}

void ImmediateAwaitCheck::report(const SerializedWork &Work) {
  SourceLocation Loc = Work.Start->getBeginLoc();
  if (!ReportedLocations.insert(Loc.getRawEncoding()).second)
    return;
  reportKind(Work);
  if (!Work.Entry)
    return;
  if (const std::string *Reason = Index->shapeReason(*Work.Entry))
    diag(Index->shapeFunction(*Work.Entry)->getLocation(),
         "'%0' is taken for a spawn because %1 (option RecognizeSpawnShapes)", DiagnosticIDs::Note)
        << Work.StartName << *Reason;
}

void ImmediateAwaitCheck::reportKind(const SerializedWork &Work) {
  SourceLocation Loc = Work.Start->getBeginLoc();
  const std::string &Advice =
      Work.InLoop ? Index->loopAdvice(Work.Library) : Index->advice(Work.Library);
  StringRef InLoop = Work.InLoop ? ", and each loop iteration waits before the next starts" : "";
  StringRef Handle = Work.Handle ? Work.Handle->getName() : "";

  switch (Work.Kind) {
  case SerializedKind::WaitedInSameExpression:
    diag(Loc, "'%0' starts %1 concurrently, but it is waited for at once with '%2': the caller "
              "blocks and nothing overlaps%3; %4")
        << Work.StartName << workOf(Work) << Work.WaitName << InLoop << Advice
        << Work.Start->getSourceRange();
    return;
  case SerializedKind::WaitedNext:
    diag(Loc, "'%0' starts %1 concurrently, but '%2' is waited for right after, with no other "
              "work in between: the caller blocks and nothing overlaps%3; %4")
        << Work.StartName << workOf(Work) << Handle << InLoop << Advice
        << Work.Start->getSourceRange();
    diag(Work.WaitLoc, "'%0' is waited for here", DiagnosticIDs::Note) << Handle;
    return;
  case SerializedKind::DestroyedNext:
    diag(Loc, "'%0' starts %1 concurrently, but '%2' is destroyed right after, with no other "
              "work in between, and its destructor waits: nothing overlaps%3; %4")
        << Work.StartName << workOf(Work) << Handle << InLoop << Advice
        << Work.Start->getSourceRange();
    diag(Work.WaitLoc, "'%0' is destroyed here", DiagnosticIDs::Note) << Handle;
    return;
  case SerializedKind::DiscardedFuture:
    diag(Loc, "the future returned by '%0' is discarded, and its destructor waits for %1: the "
              "call runs synchronously%2; %3")
        << Work.StartName << workOf(Work) << InLoop << Advice << Work.Start->getSourceRange();
    return;
  case SerializedKind::DiscardedDeferred:
    diag(Loc, "the future returned by '%0' with a deferred launch policy is discarded: deferred "
              "work runs only when its future is waited for, so %1 never runs; keep the future "
              "and wait for it, or call the function directly")
        << Work.StartName << workOf(Work) << Work.Start->getSourceRange();
    return;
  case SerializedKind::TemporaryJoiningThread:
    diag(Loc, "a temporary '%0' joins %1 at the end of the full-expression: the caller blocks "
              "until it finishes and nothing overlaps%2; keep the thread in a variable or a "
              "container while the caller works, or call the function directly")
        << Work.StartName << workOf(Work) << InLoop << Work.Start->getSourceRange();
    return;
  case SerializedKind::AwaitedInLoop:
    diag(Loc, "the task started by '%0' (%1) is awaited in the same loop iteration that starts "
              "it: the iterations run one after another instead of concurrently; %2")
        << Work.StartName << workOf(Work) << Advice << Work.Start->getSourceRange();
    return;
  case SerializedKind::AwaitedInSequence: {
    unsigned Count = Work.Followers.size() + 1;
    if (Work.StartName.empty())
      diag(Loc, "coroutine %0 is awaited before the next independent one starts: the %1 "
                "coroutines run one after another instead of concurrently; %2")
          << workOf(Work) << Count << Advice << Work.Start->getSourceRange();
    else
      diag(Loc, "the task started by '%0' (%1) is awaited before the next independent one "
                "starts: the %2 tasks run one after another instead of concurrently; %3")
          << Work.StartName << workOf(Work) << Count << Advice << Work.Start->getSourceRange();
    for (const Expr *Follower : Work.Followers)
      diag(Follower->getBeginLoc(),
           "the next task starts here, only after the previous one "
           "has finished",
           DiagnosticIDs::Note);
    return;
  }
  }
}

void ImmediateAwaitCheck::onEndOfTranslationUnit() {
  ReportedLocations.clear();
  Index->clearCache();
}

} // namespace clang::tidy::async
