//===--- SignalsTest.cpp - the program's signal handling, unchanged -------===//
//
// Each mode of programs/signals.cpp checks itself (exit 0 when it saw what
// it sees without the runtime) and then sleeps in a marked task, which the
// runtime reports only if it is still recording. Nothing here depends on
// timing: the signals are raised synchronously, and the storm's timer only
// decides how often the runtime is interrupted, not what the test expects.
//
//===----------------------------------------------------------------------===//
#include "RawRun.h"

#include <gtest/gtest.h>

using namespace asynclint::rttest;

namespace {

const std::string Program = ASYNCLINT_TEST_SIGNALS;

bool recordedAfterSignals(const RawRun &Run) {
  for (const nlohmann::json &E : eventsOfType(Run, "blocking"))
    if (E.value("context", "") == "marked-task" &&
        E.value("context_function", "") == "after-signals")
      return true;
  return false;
}

class SignalHandling : public ::testing::TestWithParam<const char *> {};

TEST_P(SignalHandling, BehavesAsWithoutTheRuntimeAndRecordingStaysOn) {
  RawRun Plain = runPlain({Program, GetParam()});
  ASSERT_EQ(Plain.ExitCode, 0) << "without the runtime: " << Plain.Output;
  // Watching a variable makes the runtime take SIGTRAP for itself.
  RawRun Run = runRaw({Program, GetParam()}, {{"ASYNCLINT_WATCH", "watch_a"}});
  EXPECT_EQ(Run.ExitCode, 0) << Run.Output;
  EXPECT_TRUE(recordedAfterSignals(Run)) << "the runtime stopped recording\n" << Run.Output;
}

INSTANTIATE_TEST_SUITE_P(Modes, SignalHandling,
                         ::testing::Values("siglongjmp", "longjmp", "throw", "chain", "resethand",
                                           "nodefer", "sigtrap"));

TEST(SignalHandling, AStormOfNonReturningHandlersDuringTheRuntimesWorkNeitherHangsNorSilencesIt) {
  // A hang shows as the bound's kill (exit 137).
  RawRun Run = runRaw({Program, "storm"}, {}, /*BoundSeconds=*/60);
  ASSERT_EQ(Run.ExitCode, 0) << Run.Output;
  EXPECT_TRUE(recordedAfterSignals(Run)) << Run.Output;
  EXPECT_NE(Run.Output.find("interrupted"), std::string::npos);
}

} // namespace
