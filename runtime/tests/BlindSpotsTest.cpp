//===--- BlindSpotsTest.cpp - what the runtime cannot watch, and why ------===//
//
// Every variable asked for gets a start-event entry: "watching", or
// "not-watched" with the reason (the tool prints it and verify reports the
// finding as not-watched).
//
//===----------------------------------------------------------------------===//
#include "RawRun.h"

#include <gtest/gtest.h>

using namespace asynclint::rttest;

namespace {

const std::string Program = ASYNCLINT_TEST_SIGNALS;

std::string reasonFor(const RawRun &Run, const std::string &Variable) {
  nlohmann::json W = watchEntry(Run, Variable);
  if (W.is_null())
    return "<no entry>";
  EXPECT_EQ(W["status"], W.contains("reason") ? "not-watched" : "watching") << W.dump();
  return W.value("reason", "");
}

TEST(BlindSpots, AVariableNotInTheSymbolTableSaysSo) {
  RawRun Run = runRaw({Program, "nodefer"}, {{"ASYNCLINT_WATCH", "no_such_variable"}});
  EXPECT_NE(reasonFor(Run, "no_such_variable").find("not in the program's symbol table"),
            std::string::npos);
}

TEST(BlindSpots, AMemberOfAnObjectSaysItHasNoFixedAddress) {
  RawRun Run = runRaw({Program, "nodefer"}, {{"ASYNCLINT_WATCH", "Tally::count_"}});
  EXPECT_NE(reasonFor(Run, "Tally::count_").find("non-static member"), std::string::npos);
}

TEST(BlindSpots, AFifthVariableSaysThereAreFourWatchpoints) {
  RawRun Run = runRaw({Program, "nodefer"},
                      {{"ASYNCLINT_WATCH", "watch_a,watch_b,watch_c,watch_d,watch_e"}});
  if (std::string Why = reasonFor(Run, "watch_a"); !Why.empty())
    GTEST_SKIP() << "no hardware watchpoints here: " << Why;
  for (const char *Watched : {"watch_b", "watch_c", "watch_d"})
    EXPECT_EQ(reasonFor(Run, Watched), "") << Watched;
  EXPECT_NE(reasonFor(Run, "watch_e").find("4 hardware watchpoints"), std::string::npos);
}

TEST(BlindSpots, ARefusedPerfEventOpenSaysWhyAndTheProgramRunsOn) {
  RawRun Run = runRaw({Program, "nodefer"}, {{"ASYNCLINT_WATCH", "watch_a"}}, 20,
                      {ASYNCLINT_TEST_DENY_PERF});
  EXPECT_EQ(Run.ExitCode, 0) << Run.Output;
  std::string Why = reasonFor(Run, "watch_a");
  EXPECT_NE(Why.find("perf_event_open refused"), std::string::npos) << Why;
  EXPECT_NE(Why.find("seccomp"), std::string::npos) << Why;
}

} // namespace
