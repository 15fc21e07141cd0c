//===--- WaitsTest.cpp - every kind of C++ wait in a coroutine is seen ----===//
//
// Timing: each wait is released by a helper thread 100 ms after it starts;
// the wait is reported only if it really blocked, so a main thread starved
// for the whole 100 ms would find the value ready and see no event. One
// retry makes that need two such starvations in a row; the assertions
// themselves are on what was reported, never on how long it took.
//
//===----------------------------------------------------------------------===//
#include "RawRun.h"

#include <gtest/gtest.h>

using namespace asynclint::rttest;

namespace {

const std::string Program = ASYNCLINT_TEST_WAITS;

std::vector<nlohmann::json> waitsIn(const RawRun &Run) {
  std::vector<nlohmann::json> Result;
  for (const nlohmann::json &E : eventsOfType(Run, "blocking"))
    if (E.value("category", "") == "sync-wait")
      Result.push_back(E);
  return Result;
}

class WaitInACoroutine : public ::testing::TestWithParam<const char *> {};

TEST_P(WaitInACoroutine, IsABlockingEventWithTheCoroutineOnItsStack) {
  std::vector<nlohmann::json> Waits;
  RawRun Run;
  for (int Attempt = 0; Attempt < 2 && Waits.empty(); ++Attempt) {
    Run = runRaw({Program, GetParam()});
    ASSERT_EQ(Run.ExitCode, 0) << Run.Output;
    Waits = waitsIn(Run);
  }
  ASSERT_EQ(Waits.size(), 1u) << GetParam();
  const nlohmann::json &E = Waits[0];
  EXPECT_EQ(E["context"], "coroutine");
  EXPECT_NE(E.value("context_function", "").find("waiting_coroutine"), std::string::npos);
  EXPECT_GT(E["duration_ns"].get<uint64_t>(), 0u);
  EXPECT_TRUE(stackHasFunction(E["stack"], "wait_once"));
}

INSTANTIATE_TEST_SUITE_P(Kinds, WaitInACoroutine,
                         ::testing::Values("future-get", "condition-wait", "condition-wait-for",
                                           "latch", "barrier", "semaphore", "atomic-wait"),
                         [](const ::testing::TestParamInfo<const char *> &Info) {
                           std::string Name = Info.param;
                           for (char &C : Name)
                             if (C == '-')
                               C = '_';
                           return Name;
                         });

TEST(WaitInACoroutine, AFutureAlreadyReadyDoesNotWait) {
  RawRun Run = runRaw({Program, "future-ready"});
  ASSERT_EQ(Run.ExitCode, 0) << Run.Output;
  EXPECT_TRUE(waitsIn(Run).empty());
}

TEST(WaitOnAPlainThread, IsNotAsyncContext) {
  for (const char *Mode : {"future-get", "latch", "condition-wait-for"}) {
    RawRun Run = runRaw({Program, Mode, "plain"});
    ASSERT_EQ(Run.ExitCode, 0) << Run.Output;
    EXPECT_TRUE(waitsIn(Run).empty()) << Mode;
  }
}

} // namespace
