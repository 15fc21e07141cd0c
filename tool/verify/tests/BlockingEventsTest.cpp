//===--- BlockingEventsTest.cpp - blocking calls on Asio loops ------------===//
#include "RuntimeHarness.h"

#include <gtest/gtest.h>

using namespace asynclint::rttest;

namespace {

class BlockingEvents : public ProgramUnderRuntime {
protected:
  BlockingEvents()
      : ProgramUnderRuntime(ASYNCLINT_TEST_ASIO_LOOP,
                            ASYNCLINT_TEST_PROGRAMS_DIR "/asio_loop.cpp") {}
};

TEST_F(BlockingEvents, SleepInACoroutineIsReportedWithDurationThreadAndSourceLine) {
  ObservedRun Run = run("coroutine-sleep");
  std::vector<nlohmann::json> Blocking = eventsOfType(Run, "blocking");
  ASSERT_EQ(Blocking.size(), 1u);
  const nlohmann::json &E = Blocking[0];
  EXPECT_EQ(E["category"], "sleep");
  EXPECT_EQ(E["context"], "coroutine");
  EXPECT_NE(E["context_function"].get<std::string>().find("sleepy_coroutine"), std::string::npos);
  EXPECT_GE(E["duration_ns"].get<uint64_t>(), 20000000u);
  EXPECT_GT(E["tid"].get<int>(), 0);
  EXPECT_TRUE(eventHits(E, Source, lineOf(Source, "LINE-coroutine-sleep")));
}

TEST_F(BlockingEvents, SleepInAHandlerOnTheLoopIsReported) {
  ObservedRun Run = run("handler-sleep");
  std::vector<nlohmann::json> Blocking = eventsOfType(Run, "blocking");
  ASSERT_EQ(Blocking.size(), 1u);
  EXPECT_EQ(Blocking[0]["context"], "event-loop");
  EXPECT_EQ(Blocking[0]["symbol"], "usleep");
  EXPECT_TRUE(eventHits(Blocking[0], Source, lineOf(Source, "LINE-handler-sleep")));
}

TEST_F(BlockingEvents, SleepAfterTheLoopReturnedIsNotReported) {
  ObservedRun Run = run("sleep-after-run");
  EXPECT_TRUE(eventsOfType(Run, "blocking").empty());
}

TEST_F(BlockingEvents, SleepOnAThreadPoolIsNotReported) {
  ObservedRun Run = run("thread-pool");
  EXPECT_TRUE(eventsOfType(Run, "blocking").empty());
}

TEST_F(BlockingEvents, IdleLoopThreadsWaitingInsideAsioAreNotReported) {
  ObservedRun Run = run("idle-threads");
  EXPECT_TRUE(eventsOfType(Run, "blocking").empty());
}

TEST_F(BlockingEvents, IoOnANonBlockingDescriptorIsNotReported) {
  ObservedRun Run = run("nonblocking-io");
  EXPECT_TRUE(eventsOfType(Run, "blocking").empty());
}

TEST_F(BlockingEvents, ARepeatedSiteIsRateLimitedWithARunningCount) {
  ObservedRun Run = run("repeat");
  std::vector<nlohmann::json> Blocking = eventsOfType(Run, "blocking");
  // Occurrences 1, 2, 3, 4, 8, 16, 32, 64 of 100.
  ASSERT_EQ(Blocking.size(), 8u);
  EXPECT_EQ(Blocking.back()["occurrence"], 64);
}

TEST_F(BlockingEvents, AnEventIsOnDiskWhenTheProgramCallsExit) {
  ObservedRun Run = run("exit-at-once");
  EXPECT_EQ(Run.Outcome.ExitCode, 3);
  EXPECT_EQ(eventsOfType(Run, "blocking").size(), 1u);
}

TEST_F(BlockingEvents, TheStartEventNamesTheProgramAndTheWatchedCategories) {
  ObservedRun Run = run("sleep-after-run");
  std::vector<nlohmann::json> Start = eventsOfType(Run, "start");
  ASSERT_EQ(Start.size(), 1u);
  EXPECT_NE(Start[0]["program"].get<std::string>().find("asio_loop"), std::string::npos);
  std::vector<std::string> Categories = Start[0]["categories"];
  EXPECT_NE(std::find(Categories.begin(), Categories.end(), "sleep"), Categories.end());
  // The mutex category is off by default, as in the static check.
  EXPECT_EQ(std::find(Categories.begin(), Categories.end(), "mutex"), Categories.end());
}

} // namespace
