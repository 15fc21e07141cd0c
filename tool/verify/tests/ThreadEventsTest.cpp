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

const std::string Program = ASYNCLINT_TEST_THREADS;
const std::string Source = ASYNCLINT_TEST_PROGRAMS_DIR "/threads.cpp";

TEST(SerializedSpawns, AThreadJoinedAtOnceIsReportedAtItsSpawnSite) {
  ObservedRun Run = runObserved({Program, "join-at-once"});
  std::vector<nlohmann::json> Spawns = eventsOfType(Run, "serialized-spawn");
  ASSERT_EQ(Spawns.size(), 1u);
  EXPECT_GE(Spawns[0]["duration_ns"].get<uint64_t>(), 20000000u);
  EXPECT_TRUE(eventHits(Spawns[0], Source, lineOf(Source, "LINE-join-at-once")));
}

TEST(SerializedSpawns, ADiscardedAsyncFutureIsReported) {
  ObservedRun Run = runObserved({Program, "async-discarded"});
  std::vector<nlohmann::json> Spawns = eventsOfType(Run, "serialized-spawn");
  ASSERT_EQ(Spawns.size(), 1u);
  EXPECT_TRUE(eventHits(Spawns[0], Source, lineOf(Source, "LINE-async-discarded")));
}

TEST(SerializedSpawns, ThreadsThatRanTogetherAreNotReported) {
  ObservedRun Run = runObserved({Program, "overlapping"});
  EXPECT_TRUE(eventsOfType(Run, "serialized-spawn").empty());
}

TEST(SerializedSpawns, ACreatorThatWorkedMeanwhileIsNotReported) {
  ObservedRun Run = runObserved({Program, "creator-works"});
  EXPECT_TRUE(eventsOfType(Run, "serialized-spawn").empty());
}

TEST(SharedState, UnguardedWritesFromTwoThreadsAreARaceWithBothStacks) {
  ObservedRun Run = runObserved({Program, "race"}, {"unguarded_total"});
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

TEST(SharedState, WritesUnderACommonLockAreNotARace) {
  ObservedRun Run = runObserved({Program, "guarded"}, {"guarded_total"});
  if (std::string Why = watchRefusal(Run); !Why.empty())
    GTEST_SKIP() << Why;
  ASSERT_EQ(eventsOfType(Run, "start")[0]["watch"][0]["status"], "watching");
  EXPECT_TRUE(eventsOfType(Run, "race").empty());
}

TEST(SharedState, WritesOrderedByJoinAreNotARace) {
  ObservedRun Run = runObserved({Program, "ordered"}, {"unguarded_total"});
  if (std::string Why = watchRefusal(Run); !Why.empty())
    GTEST_SKIP() << Why;
  ASSERT_EQ(eventsOfType(Run, "start")[0]["watch"][0]["status"], "watching");
  EXPECT_TRUE(eventsOfType(Run, "race").empty());
}

TEST(SharedState, AnUnknownVariableIsReportedAsNotFound) {
  ObservedRun Run = runObserved({Program, "unmarked"}, {"no_such_variable"});
  nlohmann::json Entry = eventsOfType(Run, "start")[0]["watch"][0];
  EXPECT_EQ(Entry["status"], "not-watched");
  EXPECT_NE(Entry.value("reason", "").find("not in the program's symbol table"), std::string::npos);
}

TEST(MarkedContext, ABlockingCallInAMarkedTaskIsReported) {
  ObservedRun Run = runObserved({Program, "marked-task"});
  std::vector<nlohmann::json> Blocking = eventsOfType(Run, "blocking");
  ASSERT_EQ(Blocking.size(), 1u);
  EXPECT_EQ(Blocking[0]["context"], "marked-task");
  EXPECT_EQ(Blocking[0]["context_function"], "custom-task");
  EXPECT_TRUE(eventHits(Blocking[0], Source, lineOf(Source, "LINE-marked-task")));
}

TEST(MarkedContext, TheSameCallOutsideAnyContextIsNotReported) {
  ObservedRun Run = runObserved({Program, "unmarked"});
  EXPECT_TRUE(eventsOfType(Run, "blocking").empty());
}

TEST(Robustness, AForkedChildWritesItsOwnEventsToTheSameFile) {
  ObservedRun Run = runObserved({Program, "fork"});
  std::vector<nlohmann::json> Start = eventsOfType(Run, "start");
  std::vector<nlohmann::json> Blocking = eventsOfType(Run, "blocking");
  ASSERT_EQ(Start.size(), 1u);
  ASSERT_EQ(Blocking.size(), 1u);
  EXPECT_NE(Blocking[0]["pid"], Start[0]["pid"]);
  EXPECT_EQ(Blocking[0]["pid"], Blocking[0]["tid"]);
}

TEST(Robustness, EventsBeforeAKillingSignalAreKept) {
  ObservedRun Run = runObserved({Program, "killed"});
  EXPECT_EQ(Run.Outcome.ExitCode, 128 + 9);
  EXPECT_EQ(eventsOfType(Run, "blocking").size(), 1u);
}

TEST(Robustness, NothingIsReportedFromInsideTheProgramsSignalHandlers) {
  ObservedRun Run = runObserved({Program, "signal-handler"});
  EXPECT_TRUE(eventsOfType(Run, "blocking").empty());
}

TEST(Robustness, TheApiIsInertWithoutTheRuntimeAndLiveWithIt) {
  pid_t Child = fork();
  if (Child == 0) {
    unsetenv("LD_PRELOAD");
    execl(Program.c_str(), Program.c_str(), "api-without-runtime", static_cast<char *>(nullptr));
    _exit(127);
  }
  int Status = 0;
  ASSERT_EQ(waitpid(Child, &Status, 0), Child);
  EXPECT_EQ(WEXITSTATUS(Status), 42);
  ObservedRun Run = runObserved({Program, "api-without-runtime"});
  EXPECT_EQ(Run.Outcome.ExitCode, 1);
}

TEST(Robustness, ACatalogSymbolWithoutAWrapperIsListedAtStart) {
  std::string Catalog = std::string(::testing::TempDir()) + "/extra-catalog.json";
  std::ofstream(Catalog)
      << R"({"blocking": [{"category": "sleep", "runtime_symbols": ["frobnicate"]}]})";
  setenv("ASYNCLINT_CATALOG", Catalog.c_str(), 1);
  ObservedRun Run = runObserved({Program, "unmarked"});
  unsetenv("ASYNCLINT_CATALOG");
  std::vector<nlohmann::json> Start = eventsOfType(Run, "start");
  ASSERT_EQ(Start.size(), 1u);
  EXPECT_EQ(Start[0]["unsupported_symbols"], nlohmann::json::array({"frobnicate"}));
}

} // namespace
