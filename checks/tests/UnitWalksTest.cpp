//===--- UnitWalksTest.cpp - walks that skip what cannot hold an answer ---===//
//
// Three analyses walk a whole translation unit, and each skips part of it
// to stay cheap: findStartContexts enters only the declarations whose text
// holds a thread start, ThreadOwnMethods walks nothing when the user's code
// declares no thread-local that can hold an object, and noteCoroutineUses
// replaces matchers on every name of the unit. Each must find what the
// full walk (or the matchers) found.
//
//===----------------------------------------------------------------------===//
#include "blocking/CoroutineUses.h"
#include "blocking/OffLoopCoroutines.h"
#include "shared-state/StartContexts.h"
#include "shared-state/ThreadOwnMethods.h"
#include "tests/CoroutinePrelude.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>
#include <clang/Frontend/ASTUnit.h>
#include <clang/Tooling/Tooling.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace asynclint {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

std::unique_ptr<ASTUnit> buildWithSystemHeader(const char *Code, const char *Header) {
  return tooling::buildASTFromCodeWithArgs(
      Code, {"-std=c++20", "-isystem", "/virtual/include"}, "input.cpp", "clang-tool",
      std::make_shared<PCHContainerOperations>(), tooling::getClangStripDependencyFileAdjuster(),
      {{"/virtual/include/lib.h", Header}});
}

// --- findStartContexts ------------------------------------------------------

constexpr const char *SpawnHeader = R"cpp(
#pragma GCC system_header
namespace ns {
void spawn(int);
inline void inLibrary() { spawn(0); }
}
)cpp";

// Each start's argument names the function it is written in.
constexpr const char *Starts = R"cpp(
#include <lib.h>
#define START(n) ns::spawn(n)
void plain() { ns::spawn(1); }
struct Holder {
  void inClass() { ns::spawn(2); }
  void outOfLine();
  int idle() { return 0; }
};
void Holder::outOfLine() { START(3); }
template <class T> struct Box {
  void run() { ns::spawn(4); }
};
template struct Box<int>;
int global = [] { ns::spawn(5); return 0; }();
namespace inner {
void nested() {
  struct Local {
    static void go() { ns::spawn(6); }
  };
  Local::go();
}
} // namespace inner
void last() {}
)cpp";

/// The user's calls of ns::spawn, by their argument.
class SpawnCalls : public RecursiveASTVisitor<SpawnCalls> {
public:
  explicit SpawnCalls(const SourceManager &SM) : SM(SM) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool VisitCallExpr(CallExpr *Call) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee || Callee->getName() != "spawn" || SM.isInSystemHeader(Call->getBeginLoc()))
      return true;
    const auto *Literal = dyn_cast<IntegerLiteral>(Call->getArg(0)->IgnoreParenImpCasts());
    Found.insert(Call);
    Argument[Call] = Literal ? static_cast<int>(Literal->getValue().getZExtValue()) : -1;
    return true;
  }
  const SourceManager &SM;
  llvm::DenseSet<const Stmt *> Found;
  std::map<const Stmt *, int> Argument;
};

TEST(StartContextsTest, EveryStartIsFoundInTheFunctionItIsWrittenIn) {
  std::unique_ptr<ASTUnit> Unit = buildWithSystemHeader(Starts, SpawnHeader);
  ASSERT_TRUE(Unit);
  ASSERT_FALSE(Unit->getDiagnostics().hasErrorOccurred());
  ASTContext &Context = Unit->getASTContext();
  SpawnCalls Calls(Context.getSourceManager());
  Calls.TraverseAST(Context);
  // run() twice: the template's and Box<int>'s.
  ASSERT_EQ(Calls.Found.size(), 7u);

  llvm::DenseMap<const Stmt *, StartContext> Contexts = findStartContexts(Context, Calls.Found);
  const std::map<int, std::string> Expected = {{1, "plain"}, {2, "inClass"},    {3, "outOfLine"},
                                               {4, "run"},   {5, "operator()"}, {6, "go"}};
  std::multiset<int> Seen;
  for (const Stmt *Start : Calls.Found) {
    int Argument = Calls.Argument.at(Start);
    auto Where = Contexts.find(Start);
    ASSERT_NE(Where, Contexts.end()) << "start " << Argument << " not found";
    ASSERT_TRUE(Where->second.Spawner);
    EXPECT_EQ(Where->second.Spawner->getNameAsString(), Expected.at(Argument));
    EXPECT_FALSE(Where->second.Ancestors.empty());
    Seen.insert(Argument);
  }
  EXPECT_EQ(Seen.count(4), 2u);
}

// --- ThreadOwnMethods -------------------------------------------------------

constexpr const char *LibraryThreadLocals = R"cpp(
#pragma GCC system_header
namespace lib {
extern thread_local void *once_callable;
}
)cpp";

// The thread-local is a function's local.
constexpr const char *FunctionThreadLocal = R"cpp(
#include <lib.h>
struct Worker {
  void run();
  void drain();
  void shared();
};
void Worker::run() {
  static thread_local Worker *self = nullptr;
  self = this;
  self->drain();
  shared();
}
)cpp";

// The thread-local is a local of a lambda's body.
constexpr const char *LambdaThreadLocal = R"cpp(
#include <lib.h>
struct Worker {
  void poke();
  void shared();
};
void start(Worker &w) {
  auto body = [&w] {
    static thread_local Worker *mine = &w;
    mine->poke();
  };
  body();
  w.shared();
}
)cpp";

constexpr const char *NoUserThreadLocals = R"cpp(
#include <lib.h>
struct Worker {
  void drain();
};
thread_local int counter;
void run(Worker *w) { w->drain(); }
)cpp";

const CXXMethodDecl &methodNamed(ASTContext &Context, StringRef Name) {
  auto Found = match(cxxMethodDecl(hasName(Name)).bind("m"), Context);
  EXPECT_FALSE(Found.empty()) << Name.str();
  return *Found.front().getNodeAs<CXXMethodDecl>("m");
}

/// Whether each of \p Methods is only called on its thread's own object.
std::vector<bool> ownThread(const char *Code, std::vector<StringRef> Methods) {
  std::unique_ptr<ASTUnit> Unit = buildWithSystemHeader(Code, LibraryThreadLocals);
  EXPECT_TRUE(Unit && !Unit->getDiagnostics().hasErrorOccurred());
  if (!Unit)
    return {};
  ASTContext &Context = Unit->getASTContext();
  ThreadOwnMethods Own(Context);
  std::vector<bool> Result;
  for (StringRef Name : Methods)
    Result.push_back(Own.calledOnlyOnOwnThread(methodNamed(Context, Name)));
  return Result;
}

TEST(ThreadOwnMethodsTest, AThreadLocalDeclaredInAFunctionIsFound) {
  EXPECT_EQ(ownThread(FunctionThreadLocal, {"drain", "shared"}), (std::vector<bool>{true, false}));
}

TEST(ThreadOwnMethodsTest, AThreadLocalDeclaredInALambdaIsFound) {
  EXPECT_EQ(ownThread(LambdaThreadLocal, {"poke", "shared"}), (std::vector<bool>{true, false}));
}

TEST(ThreadOwnMethodsTest, WithoutTheUsersThreadLocalsNoMethodIsTheThreadsOwn) {
  EXPECT_EQ(ownThread(NoUserThreadLocals, {"drain"}), (std::vector<bool>{false}));
}

// --- noteCoroutineUses ------------------------------------------------------

// A task type of a library in a system header, after the CoroutinePrelude.
constexpr const char *TaskHeader = R"cpp(
struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_never initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
)cpp";

constexpr const char *CoroutineNames = R"cpp(
#include <lib.h>
task leaf() { co_return; }
struct Service {
  task serve() { co_await leaf(); }
};
task caller(Service &s) {
  co_await s.serve();
  co_await leaf();
}
void plain(Service &s) {
  auto pointer = &leaf;
  (void)pointer;
  s.serve();
  leaf();
  [&s]() -> task { co_await s.serve(); }();
}
template <class T> task generic(T) { co_await leaf(); }
template task generic<int>(int);
int notACoroutine();
int calls() { return notACoroutine(); }
)cpp";

AST_MATCHER(DeclRefExpr, namesCoroutine) {
  const auto *Function = dyn_cast<FunctionDecl>(Node.getDecl());
  return Function && hasCoroutineBody(*Function);
}

AST_MATCHER(MemberExpr, namesMemberCoroutine) {
  const auto *Function = dyn_cast<FunctionDecl>(Node.getMemberDecl());
  return Function && hasCoroutineBody(*Function);
}

/// What the matchers the check had on every name counted: each node once.
class MatchedUses : public MatchFinder::MatchCallback {
public:
  void run(const MatchFinder::MatchResult &Result) override {
    const Expr *Use = Result.Nodes.getNodeAs<Expr>("use");
    const auto *Function =
        dyn_cast<FunctionDecl>(isa<DeclRefExpr>(Use) ? cast<DeclRefExpr>(Use)->getDecl()
                                                     : cast<MemberExpr>(Use)->getMemberDecl());
    if (Counted.insert(Use).second)
      ++Uses[Function->getCanonicalDecl()];
  }
  std::set<const Expr *> Counted;
  std::map<const FunctionDecl *, unsigned> Uses;
};

TEST(CoroutineUsesTest, TheWalkCountsWhatTheMatchersCountedInTheUsersCode) {
  std::string Header = "#pragma GCC system_header\n" + std::string(CoroutinePrelude) + TaskHeader;
  std::unique_ptr<ASTUnit> Unit = buildWithSystemHeader(CoroutineNames, Header.c_str());
  ASSERT_TRUE(Unit);
  ASSERT_FALSE(Unit->getDiagnostics().hasErrorOccurred());
  ASTContext &Context = Unit->getASTContext();

  MatchedUses Matched;
  MatchFinder Finder;
  Finder.addMatcher(declRefExpr(namesCoroutine(), unless(isExpansionInSystemHeader())).bind("use"),
                    &Matched);
  Finder.addMatcher(
      memberExpr(namesMemberCoroutine(), unless(isExpansionInSystemHeader())).bind("use"),
      &Matched);
  Finder.matchAST(Context);

  OffLoopCoroutines OffLoop(catalog::Catalog::builtin());
  noteCoroutineUses(Context, OffLoop, nullptr);
  std::map<const FunctionDecl *, unsigned> Walked(OffLoop.uses().begin(), OffLoop.uses().end());

  EXPECT_EQ(Walked, Matched.Uses);
  // The coroutines named: leaf, Service::serve and the lambda's call
  // operator, called in place (generic never is).
  std::set<std::string> Names;
  for (const auto &[Function, Count] : Walked)
    Names.insert(Function->getNameAsString());
  EXPECT_EQ(Names, (std::set<std::string>{"leaf", "operator()", "serve"}));
}

} // namespace
} // namespace asynclint
