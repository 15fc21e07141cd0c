//===--- ThreadEventsTest.cpp - spawns, races, marks, fork, signals -------===//
#include "RuntimeHarness.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <set>
#include <sys/wait.h>
#include <unistd.h>

using namespace asynclint::rttest;

namespace {

class ThreadsProgram : public ProgramUnderRuntime {
protected:
  ThreadsProgram()
      : ProgramUnderRuntime(ASYNCLINT_TEST_THREADS, ASYNCLINT_TEST_PROGRAMS_DIR "/threads.cpp") {}
};
using SerializedSpawns = ThreadsProgram;
using SharedState = ThreadsProgram;
using MarkedContext = ThreadsProgram;
using Robustness = ThreadsProgram;

TEST_F(SerializedSpawns, AThreadJoinedAtOnceIsReportedAtItsSpawnSite) {
  ObservedRun Run = run("join-at-once");
  std::vector<nlohmann::json> Spawns = eventsOfType(Run, "serialized-spawn");
  ASSERT_EQ(Spawns.size(), 1u);
  EXPECT_GE(Spawns[0]["duration_ns"].get<uint64_t>(), 20000000u);
  EXPECT_TRUE(eventHits(Spawns[0], Source, lineOf(Source, "LINE-join-at-once")));
}

TEST_F(SerializedSpawns, ADiscardedAsyncFutureIsReported) {
  ObservedRun Run = run("async-discarded");
  std::vector<nlohmann::json> Spawns = eventsOfType(Run, "serialized-spawn");
  ASSERT_EQ(Spawns.size(), 1u);
  EXPECT_TRUE(eventHits(Spawns[0], Source, lineOf(Source, "LINE-async-discarded")));
}

TEST_F(SerializedSpawns, ThreadsThatRanTogetherAreNotReported) {
  ObservedRun Run = run("overlapping");
  EXPECT_TRUE(eventsOfType(Run, "serialized-spawn").empty());
}

TEST_F(SerializedSpawns, ACreatorThatWorkedMeanwhileIsNotReported) {
  ObservedRun Run = run("creator-works");
  EXPECT_TRUE(eventsOfType(Run, "serialized-spawn").empty());
}

TEST_F(SharedState, UnguardedWritesFromTwoThreadsAreARaceWithBothStacks) {
  ObservedRun Run = run("race", {"unguarded_total"});
  if (std::string Why = watchRefusal(Run); !Why.empty())
    GTEST_SKIP() << Why;
  std::vector<nlohmann::json> Start = eventsOfType(Run, "start");
  ASSERT_EQ(Start.size(), 1u);
  ASSERT_EQ(Start[0]["watch"][0]["status"], "watching");
  std::vector<nlohmann::json> Races = eventsOfType(Run, "race");
  ASSERT_FALSE(Races.empty());
  const nlohmann::json &R = Races[0];
  EXPECT_EQ(R["variable"], "unguarded_total");
  ASSERT_EQ(R["accesses"].size(), 2u);
  EXPECT_NE(R["accesses"][0]["tid"], R["accesses"][1]["tid"]);
  unsigned Line = lineOf(Source, "LINE-unguarded-write");
  for (const nlohmann::json &Access : R["accesses"]) {
    EXPECT_TRUE(Access["locks"].empty());
    EXPECT_TRUE(eventHits({{"stack", Access["stack"]}}, Source, Line)) << Access.dump();
  }
}

TEST_F(SharedState, WritesUnderACommonLockAreNotARace) {
  ObservedRun Run = run("guarded", {"guarded_total"});
  if (std::string Why = watchRefusal(Run); !Why.empty())
    GTEST_SKIP() << Why;
  ASSERT_EQ(eventsOfType(Run, "start")[0]["watch"][0]["status"], "watching");
  EXPECT_TRUE(eventsOfType(Run, "race").empty());
}

TEST_F(SharedState, WritesUnderACommonSpinLockAreNotARace) {
  ObservedRun Run = run("spin-guarded", {"spin_guarded_total"});
  if (std::string Why = watchRefusal(Run); !Why.empty())
    GTEST_SKIP() << Why;
  ASSERT_EQ(eventsOfType(Run, "start")[0]["watch"][0]["status"], "watching");
  EXPECT_TRUE(eventsOfType(Run, "race").empty());
}

TEST_F(SharedState, WritesOrderedByJoinAreNotARace) {
  ObservedRun Run = run("ordered", {"unguarded_total"});
  if (std::string Why = watchRefusal(Run); !Why.empty())
    GTEST_SKIP() << Why;
  ASSERT_EQ(eventsOfType(Run, "start")[0]["watch"][0]["status"], "watching");
  EXPECT_TRUE(eventsOfType(Run, "race").empty());
}

TEST_F(SharedState, AnUnknownVariableIsReportedAsNotFound) {
  ObservedRun Run = run("unmarked", {"no_such_variable"});
  nlohmann::json Entry = eventsOfType(Run, "start")[0]["watch"][0];
  EXPECT_EQ(Entry["status"], "not-watched");
  EXPECT_NE(Entry.value("reason", "").find("not in the program's symbol table"), std::string::npos);
}

TEST_F(MarkedContext, ABlockingCallInAMarkedTaskIsReported) {
  ObservedRun Run = run("marked-task");
  std::vector<nlohmann::json> Blocking = eventsOfType(Run, "blocking");
  ASSERT_EQ(Blocking.size(), 1u);
  EXPECT_EQ(Blocking[0]["context"], "marked-task");
  EXPECT_EQ(Blocking[0]["context_function"], "custom-task");
  EXPECT_TRUE(eventHits(Blocking[0], Source, lineOf(Source, "LINE-marked-task")));
}

TEST_F(MarkedContext, TheSameCallOutsideAnyContextIsNotReported) {
  ObservedRun Run = run("unmarked");
  EXPECT_TRUE(eventsOfType(Run, "blocking").empty());
}

TEST_F(Robustness, AForkedChildWritesItsOwnEventsToTheSameFile) {
  ObservedRun Run = run("fork");
  std::vector<nlohmann::json> Start = eventsOfType(Run, "start");
  std::vector<nlohmann::json> Blocking = eventsOfType(Run, "blocking");
  ASSERT_EQ(Start.size(), 1u);
  ASSERT_EQ(Blocking.size(), 1u);
  EXPECT_NE(Blocking[0]["pid"], Start[0]["pid"]);
  EXPECT_EQ(Blocking[0]["pid"], Blocking[0]["tid"]);
}

TEST_F(Robustness, EventsBeforeAKillingSignalAreKept) {
  ObservedRun Run = run("killed");
  EXPECT_EQ(Run.Outcome.ExitCode, 128 + 9);
  EXPECT_EQ(eventsOfType(Run, "blocking").size(), 1u);
}

TEST_F(Robustness, NothingIsReportedFromInsideTheProgramsSignalHandlers) {
  ObservedRun Run = run("signal-handler");
  EXPECT_TRUE(eventsOfType(Run, "blocking").empty());
}

TEST_F(Robustness, TheApiIsInertWithoutTheRuntimeAndLiveWithIt) {
  pid_t Child = fork();
  if (Child == 0) {
    unsetenv("LD_PRELOAD");
    execl(Program.c_str(), Program.c_str(), "api-without-runtime", static_cast<char *>(nullptr));
    _exit(127);
  }
  int Status = 0;
  ASSERT_EQ(waitpid(Child, &Status, 0), Child);
  EXPECT_EQ(WEXITSTATUS(Status), 42);
  ObservedRun Run = run("api-without-runtime");
  EXPECT_EQ(Run.Outcome.ExitCode, 1);
}

TEST_F(Robustness, ACatalogSymbolWithoutAWrapperIsListedAtStart) {
  std::string Catalog = std::string(::testing::TempDir()) + "/extra-catalog.json";
  std::ofstream(Catalog)
      << R"({"blocking": [{"category": "sleep", "runtime_symbols": ["frobnicate"]}]})";
  setenv("ASYNCLINT_CATALOG", Catalog.c_str(), 1);
  ObservedRun Run = run("unmarked");
  unsetenv("ASYNCLINT_CATALOG");
  std::vector<nlohmann::json> Start = eventsOfType(Run, "start");
  ASSERT_EQ(Start.size(), 1u);
  EXPECT_EQ(Start[0]["unsupported_symbols"], nlohmann::json::array({"frobnicate"}));
}

} // namespace
