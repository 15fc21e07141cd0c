//===--- StaleReadFlowTest.cpp - stale writes, path by path, task by task -===//
//
// async-stale-read-across-await in process: which writes of a coroutine
// rely on a read made before a suspension (FunctionFacts), and which of them
// another task can interleave with (TaskGraph, findStaleWrites). The corpus
// holds the same on real headers; these pin down the path and object rules.
//
//===----------------------------------------------------------------------===//
#include "stale-read/FunctionFacts.h"
#include "stale-read/StaleReadIndex.h"
#include "stale-read/StaleWriteFinder.h"
#include "stale-read/TaskGraph.h"
#include "tests/CoroutinePrelude.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Frontend/ASTUnit.h>
#include <clang/Tooling/Tooling.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace asynclint {
namespace {

using namespace clang;

// A task library to write coroutines with (after the CoroutinePrelude).
constexpr const char *TaskLibrary = R"cpp(
namespace lib {
struct task {
  struct promise_type {
    task get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
  bool await_ready() { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() {}
};
std::suspend_always io();
struct generator {
  struct promise_type {
    generator get_return_object() { return {}; }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    std::suspend_always yield_value(long) noexcept { return {}; }
    void return_void() {}
    void unhandled_exception() {}
  };
};
void spawn(task);
struct mutex {
  struct guard { ~guard(); };
  struct lock_op { bool await_ready(); void await_suspend(std::coroutine_handle<>); guard await_resume(); };
  lock_op scoped_lock();
};
} // namespace lib
)cpp";
const std::string Prelude = std::string(CoroutinePrelude) + TaskLibrary;

class StaleReadFlowTest : public ::testing::Test {
protected:
  /// The stale writes of the program \p Code (after the prelude) reports,
  /// as "line:pattern" ("12:lost", "14:check").
  std::vector<std::string> findings(const std::string &Code) {
    Unit = tooling::buildASTFromCodeWithArgs(Prelude + Code, {"-std=c++20"}, "input.cpp");
    EXPECT_TRUE(Unit);
    EXPECT_FALSE(Unit->getDiagnostics().hasErrorOccurred());
    ASTContext &Context = Unit->getASTContext();
    StaleReadIndex::Settings Settings;
    Settings.ExtraTaskStarts = {"lib::spawn"};
    Settings.ExtraAsyncMutexes = {"lib::mutex"};
    StaleReadIndex Index(std::make_shared<catalog::Catalog>(catalog::Catalog::builtin()), Settings);
    FactsCollector Facts(Index, Context);
    std::vector<const FunctionDecl *> Functions = definitions(Context);
    TaskGraph Graph(Facts, Functions);
    std::vector<std::string> Result;
    unsigned PreludeLines = lineCount(Prelude);
    for (const StaleFinding &Found : findStaleWrites(Graph, Facts)) {
      unsigned Line =
          Context.getSourceManager().getPresumedLineNumber(Found.Write->At->getExprLoc());
      Result.push_back(std::to_string(Line - PreludeLines) + ":" +
                       (Found.Stale.Pattern == StalePattern::LostUpdate ? "lost" : "check"));
    }
    std::sort(Result.begin(), Result.end());
    return Result;
  }

  /// What \p Code marks: "line:lost" for a line ending in `// lost`,
  /// "line:check" for `// check`.
  static std::vector<std::string> marked(const std::string &Code) {
    std::vector<std::string> Result;
    unsigned Line = 1;
    size_t Start = 0;
    while (Start < Code.size()) {
      size_t End = Code.find('\n', Start);
      if (End == std::string::npos)
        End = Code.size();
      std::string Text = Code.substr(Start, End - Start);
      for (const char *Mark : {"lost", "check"})
        if (Text.size() > std::string(Mark).size() + 3 &&
            Text.compare(Text.size() - std::string(Mark).size() - 3, std::string::npos,
                         std::string("// ") + Mark) == 0)
          Result.push_back(std::to_string(Line) + ":" + Mark);
      ++Line;
      Start = End + 1;
    }
    std::sort(Result.begin(), Result.end());
    return Result;
  }

  void expectMarked(const std::string &Code) { EXPECT_EQ(findings(Code), marked(Code)); }

private:
  static unsigned lineCount(const std::string &Text) {
    return static_cast<unsigned>(std::count(Text.begin(), Text.end(), '\n'));
  }

  static std::vector<const FunctionDecl *> definitions(ASTContext &Context) {
    struct Collector : RecursiveASTVisitor<Collector> {
      bool shouldVisitLambdaBody() const { return true; }
      bool VisitFunctionDecl(FunctionDecl *F) {
        if (F->doesThisDeclarationHaveABody() && !F->isImplicit() &&
            !Context->getSourceManager().isInSystemHeader(F->getLocation()))
          Found.push_back(F);
        return true;
      }
      ASTContext *Context = nullptr;
      std::vector<const FunctionDecl *> Found;
    } Visit;
    Visit.Context = &Context;
    Visit.TraverseDecl(Context.getTranslationUnitDecl());
    return Visit.Found;
  }

  std::unique_ptr<ASTUnit> Unit;
};

TEST_F(StaleReadFlowTest, ValueReadBeforeASuspensionAndWrittenBackIsALostUpdate) {
  expectMarked(R"cpp(
long total;
lib::task add() {
  long seen = total;
  co_await lib::io();
  total = seen + 1; // lost
}
lib::task in_one_statement() {
  total = total + (co_await lib::io(), 1); // lost
}
void run() {
  for (int i = 0; i < 3; ++i) {
    lib::spawn(add());
    lib::spawn(in_one_statement());
  }
}
)cpp");
}

TEST_F(StaleReadFlowTest, OneStepReReadAndLocalsAreNot) {
  expectMarked(R"cpp(
long total;
lib::task one_step() { co_await lib::io(); total += 1; }
lib::task read_again() {
  long seen = total;
  co_await lib::io();
  seen = total;
  total = seen + 1;
}
lib::task local() {
  long mine = 0;
  long seen = mine;
  co_await lib::io();
  mine = seen + 1;
}
void run() {
  for (int i = 0; i < 3; ++i) {
    lib::spawn(one_step());
    lib::spawn(read_again());
    lib::spawn(local());
  }
}
)cpp");
}

TEST_F(StaleReadFlowTest, PathsMatterAtBranchesAndLoops) {
  expectMarked(R"cpp(
long total;
lib::task wait_on_one_path(bool slow) {
  long seen = total;
  if (slow) co_await lib::io();
  total = seen + 1; // lost
}
lib::task read_or_wait(bool slow) {
  long seen = 0;
  if (slow) co_await lib::io(); else seen = total;
  total = seen + 1;
}
lib::task leave_after_waiting(bool slow) {
  long seen = total;
  if (slow) { co_await lib::io(); co_return; }
  total = seen + 1;
}
lib::task carried_round_a_loop(int n) {
  long seen = total;
  for (int i = 0; i < n; ++i) {
    total = seen + 1; // lost
    co_await lib::io();
  }
}
lib::task break_before_waiting(int n) {
  long seen = total;
  for (;;) {
    if (n > 0) break;
    co_await lib::io();
    co_return;
  }
  total = seen + 1;
}
void run() {
  for (int i = 0; i < 3; ++i) {
    lib::spawn(wait_on_one_path(true));
    lib::spawn(read_or_wait(true));
    lib::spawn(leave_after_waiting(true));
    lib::spawn(carried_round_a_loop(2));
    lib::spawn(break_before_waiting(2));
  }
}
)cpp");
}

TEST_F(StaleReadFlowTest, ChecksClaimsAndRechecks) {
  expectMarked(R"cpp(
int in_use;
lib::task late() {
  if (in_use >= 4) co_return;
  co_await lib::io();
  ++in_use; // check
}
lib::task claimed() {
  if (in_use >= 4) co_return;
  ++in_use;
  co_await lib::io();
  --in_use;
}
lib::task checked_again() {
  if (in_use >= 4) co_return;
  co_await lib::io();
  if (in_use >= 4) co_return;
  ++in_use;
}
lib::task in_a_branch() {
  if (in_use < 4) {
    co_await lib::io();
    in_use = in_use + 1; // check
  }
}
lib::task loop_condition() {
  while (in_use < 4) {
    co_await lib::io();
    in_use = 0;
  }
}
void run() {
  for (int i = 0; i < 3; ++i) {
    lib::spawn(late());
    lib::spawn(claimed());
    lib::spawn(checked_again());
    lib::spawn(in_a_branch());
    lib::spawn(loop_condition());
  }
}
)cpp");
}

TEST_F(StaleReadFlowTest, ALoopConditionIsACheckForTheRemovalsOfItsBody) {
  expectMarked(R"cpp(
struct queue {
  bool empty() const;
  int front() const;
  void pop_front();
  void push_back(int);
};
queue q;
bool stop;
lib::task drain() {
  while (!q.empty()) {
    co_await lib::io();
    q.pop_front(); // check
  }
}
lib::task claims_first() {
  while (!q.empty()) {
    q.pop_front();
    co_await lib::io();
  }
}
lib::task appends() {
  while (!q.empty()) {
    co_await lib::io();
    q.push_back(1);
  }
}
lib::task after_the_loop() {
  while (!q.empty()) {
    if (stop)
      break;
    q.pop_front();
    co_await lib::io();
  }
  co_await lib::io();
  q.pop_front();
}
lib::task nested() {
  while (!stop) {
    for (int i = 0; i < 2 && !q.empty(); ++i) {
      co_await lib::io();
      q.pop_front(); // check
    }
    co_await lib::io();
    q.pop_front();
  }
}
void run() {
  for (int i = 0; i < 3; ++i) {
    lib::spawn(drain());
    lib::spawn(claims_first());
    lib::spawn(appends());
    lib::spawn(after_the_loop());
    lib::spawn(nested());
  }
}
)cpp");
}

TEST_F(StaleReadFlowTest, AnAsyncLockHeldFromReadToWriteProtects) {
  expectMarked(R"cpp(
long total;
lib::mutex m;
lib::task held() {
  auto g = co_await m.scoped_lock();
  long seen = total;
  co_await lib::io();
  total = seen + 1;
}
lib::task released_first() {
  long seen = 0;
  { auto g = co_await m.scoped_lock(); seen = total; }
  co_await lib::io();
  total = seen + 1; // lost
}
lib::task taken_after_the_read() {
  long seen = total;
  auto g = co_await m.scoped_lock();
  total = seen + 1; // lost
}
void run() {
  for (int i = 0; i < 3; ++i) {
    lib::spawn(held());
    lib::spawn(released_first());
    lib::spawn(taken_after_the_read());
  }
}
)cpp");
}

TEST_F(StaleReadFlowTest, AwaitingACoroutineThatNeverSuspendsLetsNobodyRun) {
  expectMarked(R"cpp(
long total;
lib::task compute() { co_return; }
lib::task suspends() { co_await lib::io(); }
lib::task via_compute() { long s = total; co_await compute(); total = s + 1; }
lib::task via_suspends() {
  long s = total;
  co_await suspends();
  total = s + 1; // lost
}
void run() { for (int i = 0; i < 3; ++i) { lib::spawn(via_compute()); lib::spawn(via_suspends()); } }
)cpp");
}

TEST_F(StaleReadFlowTest, SharedOnlyWhenSeveralTasksReachTheSameObject) {
  expectMarked(R"cpp(
struct counter {
  long n = 0;
  lib::task bump() {
    long s = n;
    co_await lib::io();
    n = s + 1; // lost
  }
};
struct other {
  long n = 0;
  lib::task bump() { long s = n; co_await lib::io(); n = s + 1; }
};
void run() {
  counter one;
  for (int i = 0; i < 3; ++i) lib::spawn(one.bump());
  for (int i = 0; i < 3; ++i) { other own; lib::spawn(own.bump()); }
  other once;
  lib::spawn(once.bump());
}
)cpp");
}

TEST_F(StaleReadFlowTest, ASynchronousGeneratorYieldsToItsOwnTask) {
  expectMarked(R"cpp(
long total;
lib::generator numbers() {
  long s = total;
  co_yield s;
  total = s + 1;
}
lib::generator awaiting_numbers() {
  co_await lib::io();
  long s = total;
  co_yield s;
  total = s + 1; // lost
}
lib::task consume() { numbers(); awaiting_numbers(); co_await lib::io(); }
void run() { for (int i = 0; i < 3; ++i) lib::spawn(consume()); }
)cpp");
}

TEST_F(StaleReadFlowTest, NeverStartedOrStartedOnceAndAloneIsNot) {
  expectMarked(R"cpp(
long total;
lib::task add() { long s = total; co_await lib::io(); total = s + 1; }
lib::task twice() { co_await add(); co_await add(); }
lib::task never_started() { long s = total; co_await lib::io(); total = s + 1; }
void run() { lib::spawn(twice()); }
)cpp");
}

} // namespace
} // namespace asynclint
