//===--- BlockingEventsTest.cpp - blocking calls on Asio loops ------------===//
#include "RuntimeHarness.h"

#include <gtest/gtest.h>

using namespace asynclint::rttest;

namespace {

const std::string Program = ASYNCLINT_TEST_ASIO_LOOP;
const std::string Source = ASYNCLINT_TEST_PROGRAMS_DIR "/asio_loop.cpp";

TEST(BlockingEvents, SleepInACoroutineIsReportedWithDurationThreadAndSourceLine) {
  ObservedRun Run = runObserved({Program, "coroutine-sleep"});
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

TEST(BlockingEvents, SleepInAHandlerOnTheLoopIsReported) {
  ObservedRun Run = runObserved({Program, "handler-sleep"});
  std::vector<nlohmann::json> Blocking = eventsOfType(Run, "blocking");
  ASSERT_EQ(Blocking.size(), 1u);
  EXPECT_EQ(Blocking[0]["context"], "event-loop");
  EXPECT_EQ(Blocking[0]["symbol"], "usleep");
  EXPECT_TRUE(eventHits(Blocking[0], Source, lineOf(Source, "LINE-handler-sleep")));
}

TEST(BlockingEvents, SleepAfterTheLoopReturnedIsNotReported) {
  ObservedRun Run = runObserved({Program, "sleep-after-run"});
  EXPECT_TRUE(eventsOfType(Run, "blocking").empty());
}

TEST(BlockingEvents, SleepOnAThreadPoolIsNotReported) {
  ObservedRun Run = runObserved({Program, "thread-pool"});
  EXPECT_TRUE(eventsOfType(Run, "blocking").empty());
}

TEST(BlockingEvents, IdleLoopThreadsWaitingInsideAsioAreNotReported) {
  ObservedRun Run = runObserved({Program, "idle-threads"});
  EXPECT_TRUE(eventsOfType(Run, "blocking").empty());
}

TEST(BlockingEvents, IoOnANonBlockingDescriptorIsNotReported) {
  ObservedRun Run = runObserved({Program, "nonblocking-io"});
  EXPECT_TRUE(eventsOfType(Run, "blocking").empty());
}

TEST(BlockingEvents, ARepeatedSiteIsRateLimitedWithARunningCount) {
  ObservedRun Run = runObserved({Program, "repeat"});
  std::vector<nlohmann::json> Blocking = eventsOfType(Run, "blocking");
  // Occurrences 1, 2, 3, 4, 8, 16, 32, 64 of 100.
  ASSERT_EQ(Blocking.size(), 8u);
  EXPECT_EQ(Blocking.back()["occurrence"], 64);
}

TEST(BlockingEvents, AnEventIsOnDiskWhenTheProgramCallsExit) {
  ObservedRun Run = runObserved({Program, "exit-at-once"});
  EXPECT_EQ(Run.Outcome.ExitCode, 3);
  EXPECT_EQ(eventsOfType(Run, "blocking").size(), 1u);
}

TEST(BlockingEvents, TheStartEventNamesTheProgramAndTheWatchedCategories) {
  ObservedRun Run = runObserved({Program, "sleep-after-run"});
  std::vector<nlohmann::json> Start = eventsOfType(Run, "start");
  ASSERT_EQ(Start.size(), 1u);
  EXPECT_NE(Start[0]["program"].get<std::string>().find("asio_loop"), std::string::npos);
  std::vector<std::string> Categories = Start[0]["categories"];
  EXPECT_NE(std::find(Categories.begin(), Categories.end(), "sleep"), Categories.end());
  // The mutex category is off by default, as in the static check.
  EXPECT_EQ(std::find(Categories.begin(), Categories.end(), "mutex"), Categories.end());
}

} // namespace
