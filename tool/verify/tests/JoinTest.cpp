//===--- JoinTest.cpp - findings x events ---------------------------------===//
#include "verify/Join.h"
#include "asynclint/events.h"
#include "verify/EventLog.h"

#include <gtest/gtest.h>

#include <fstream>

using namespace asynclint;
using nlohmann::json;

namespace {

findings::Finding finding(const std::string &Check, unsigned Line, const std::string &Message = "",
                          json Properties = json::object()) {
  findings::Finding F;
  F.Check = Check;
  F.Message = Message;
  F.Properties = std::move(Properties);
  F.Loc.File = "/src/app.cpp";
  F.Loc.Line = Line;
  return F;
}

json frame(const std::string &File, unsigned Line) {
  return {{"module", "/bin/app"}, {"offset", "0x10"}, {"file", File}, {"line", Line}};
}

json blockingAt(unsigned Line, uint64_t DurationNs = 5000000) {
  return {{"type", "blocking"},
          {"symbol", "nanosleep"},
          {"context", "coroutine"},
          {"context_function", "handle()"},
          {"duration_ns", DurationNs},
          {"occurrence", 1},
          {"stack", json::array({frame("/usr/include/c++/12/bits/this_thread_sleep.h", 80),
                                 frame("/src/app.cpp", Line)})}};
}

TEST(Join, ABlockingEventAtTheFindingsLineConfirmsIt) {
  std::vector<findings::Finding> F = {finding("async-blocking-in-coroutine", 12),
                                      finding("async-blocking-in-coroutine", 20)};
  verify::JoinResult R = verify::join(F, {blockingAt(12, 20000000)});
  EXPECT_EQ(F[0].Verified->Status, "confirmed");
  EXPECT_NE(F[0].Verified->Summary.find("20.0 ms"), std::string::npos);
  EXPECT_EQ(F[0].Verified->Evidence.size(), 1u);
  EXPECT_EQ(F[1].Verified->Status, "not-observed");
  EXPECT_EQ(R.Confirmed, 1u);
  EXPECT_EQ(R.NotObserved, 1u);
  EXPECT_TRUE(R.Unpredicted.empty());
}

TEST(Join, AnInlinedLevelOfAFrameMatchesToo) {
  json Event = blockingAt(99);
  Event["stack"][1]["inlined"] =
      json::array({{{"file", "/src/util.h"}, {"line", 3}, {"function", "nap"}},
                   {{"file", "/src/app.cpp"}, {"line", 30}, {"function", "handle"}}});
  std::vector<findings::Finding> F = {finding("async-blocking-in-coroutine", 30)};
  verify::join(F, {Event});
  EXPECT_EQ(F[0].Verified->Status, "confirmed");
}

TEST(Join, EventsMatchOnlyTheirOwnCheck) {
  std::vector<findings::Finding> F = {finding("async-immediate-await", 12),
                                      finding("bugprone-use-after-move", 12)};
  verify::JoinResult R = verify::join(F, {blockingAt(12)});
  EXPECT_EQ(F[0].Verified->Status, "not-observed");
  EXPECT_FALSE(F[1].Verified.has_value()); // not an async check: left alone
  ASSERT_EQ(R.Unpredicted.size(), 1u);
  EXPECT_EQ(R.Unpredicted[0]["site"]["line"], 12);
}

TEST(Join, ASerializedSpawnConfirmsByItsSpawnOrWaitStack) {
  json Event = {{"type", "serialized-spawn"},
                {"duration_ns", 3000000},
                {"creator_cpu_ns", 1000},
                {"spawn_stack", json::array({frame("/src/app.cpp", 40)})},
                {"wait_stack", json::array({frame("/src/app.cpp", 41)})}};
  std::vector<findings::Finding> F = {finding("async-immediate-await", 40),
                                      finding("async-immediate-await", 41)};
  verify::join(F, {Event});
  EXPECT_EQ(F[0].Verified->Status, "confirmed");
  EXPECT_EQ(F[1].Verified->Status, "confirmed");
}

/// Two threads writing \p Variable at line 7, with no common lock.
json raceOn(const std::string &Variable) {
  return {{"type", "race"},
          {"variable", Variable},
          {"accesses",
           json::array({{{"tid", 1}, {"stack", json::array({frame("/src/app.cpp", 7)})}},
                        {{"tid", 2}, {"stack", json::array({frame("/src/app.cpp", 7)})}}})}};
}

json coroutineSpawnAt(unsigned Line, uint64_t DurationNs, uint64_t Occurrence) {
  return {{"type", "serialized-spawn"},
          {"symbol", "co_await"},
          {"task", "visit"},
          {"site", "/src/app.cpp:" + std::to_string(Line)},
          {"duration_ns", DurationNs},
          {"task_start_ns", 1000},
          {"occurrence", Occurrence},
          {"spawn_stack", json::array({frame("/src/app.cpp", Line)})},
          {"task_stack", json::array({frame("/src/app.cpp", 3)})},
          {"wait_stack", json::array({frame("/src/app.cpp", Line + 1)})}};
}

json startWithSpawnSites(json Sites) {
  return {{"type", "start"}, {"watch", json::array()}, {"spawn_watch", std::move(Sites)}};
}

TEST(Join, ACoroutineSpawnIsConfirmedWithItsLongestWaitAndCount) {
  json Awaited = {{"kind", "awaited-in-loop"}};
  std::vector<findings::Finding> F = {finding("async-immediate-await", 20, "", Awaited)};
  verify::join(F, {startWithSpawnSites({{{"site", "/src/app.cpp:20"}, {"status", "watching"}}}),
                   coroutineSpawnAt(20, 2000000, 1), coroutineSpawnAt(20, 7000000, 2),
                   coroutineSpawnAt(20, 3000000, 3)});
  EXPECT_EQ(F[0].Verified->Status, "confirmed");
  EXPECT_NE(F[0].Verified->Summary.find("waited 7.0 ms"), std::string::npos)
      << F[0].Verified->Summary;
  EXPECT_NE(F[0].Verified->Summary.find("'visit'"), std::string::npos);
  EXPECT_NE(F[0].Verified->Summary.find("observed 3 times"), std::string::npos);
}

// A coroutine task's spawn is seen only through breakpoints: without them
// (refused, or never asked for) the finding is not-watched; a thread's
// spawn needs none.
TEST(Join, ACoroutineSpawnWithoutBreakpointsIsNotWatched) {
  json Awaited = {{"kind", "awaited-in-sequence"}};
  std::vector<findings::Finding> F = {
      finding("async-immediate-await", 20, "", Awaited),
      finding("async-immediate-await", 30, "", Awaited),
      finding("async-immediate-await", 40, "", {{"kind", "waited-next"}}),
      finding("async-immediate-await", 50, "", Awaited)};
  verify::JoinResult R = verify::join(
      F, {startWithSpawnSites({{{"site", "/src/app.cpp:20"},
                                {"status", "not-watched"},
                                {"reason", "perf_event_open refused a hardware breakpoint"}},
                               {{"site", "/src/app.cpp:50"}, {"status", "watching"}}})});
  EXPECT_EQ(F[0].Verified->Status, "not-watched");
  EXPECT_EQ(F[0].Verified->Summary, "perf_event_open refused a hardware breakpoint");
  EXPECT_EQ(F[1].Verified->Status, "not-watched");
  EXPECT_NE(F[1].Verified->Summary.find("--spawn-site /src/app.cpp:30:TASK"), std::string::npos)
      << F[1].Verified->Summary;
  EXPECT_EQ(F[2].Verified->Status, "not-observed");
  EXPECT_EQ(F[3].Verified->Status, "not-observed");
  EXPECT_EQ(R.NotWatched, 2u);
}

TEST(Join, ASpawnSiteStoppedByItsBudgetIsSaidInTheSummary) {
  std::vector<findings::Finding> F = {
      finding("async-immediate-await", 20, "", {{"kind", "awaited-in-loop"}})};
  verify::join(F, {startWithSpawnSites({{{"site", "/src/app.cpp:20"}, {"status", "watching"}}}),
                   {{"type", "watch-stopped"},
                    {"site", "/src/app.cpp:20"},
                    {"reason", "budget"},
                    {"hits", 20000}}});
  EXPECT_EQ(F[0].Verified->Status, "not-observed");
  EXPECT_NE(F[0].Verified->Summary.find("stopped after 20000 hits"), std::string::npos)
      << F[0].Verified->Summary;
}

TEST(Join, ARaceConfirmsTheFindingOnItsVariable) {
  json Race = raceOn("ns::total");
  json Start = {{"type", "start"},
                {"watch", json::array({{{"variable", "ns::total"}, {"status", "watching"}},
                                       {{"variable", "ns::other"}, {"status", "watching"}}})}};
  std::vector<findings::Finding> F = {
      finding("async-unguarded-shared-state", 7, "a data race", {{"variable", "ns::total"}}),
      finding("async-unguarded-shared-state", 9, "a data race", {{"variable", "ns::other"}})};
  verify::join(F, {Start, Race});
  EXPECT_EQ(F[0].Verified->Status, "confirmed");
  EXPECT_NE(F[0].Verified->Summary.find("threads 1"), std::string::npos);
  EXPECT_EQ(F[1].Verified->Status, "not-observed");
}

TEST(Join, AVariableTheRunDidNotWatchIsNotWatchedWithTheReason) {
  json Start = {{"type", "start"},
                {"watch", json::array({{{"variable", "ns::member"},
                                        {"status", "not-watched"},
                                        {"reason", "a non-static member: ..."}}})}};
  std::vector<findings::Finding> F = {
      finding("async-unguarded-shared-state", 7, "'ns::member' is written in a thread ...",
              {{"variable", "ns::member"}}),
      finding("async-unguarded-shared-state", 8, "'ns::unasked' is written in a thread ...",
              {{"variable", "ns::unasked"}}),
      finding("async-unguarded-shared-state", 9, "no variable named here")};
  verify::JoinResult R = verify::join(F, {Start});
  for (const findings::Finding &Each : F)
    EXPECT_EQ(Each.Verified->Status, "not-watched") << Each.Message;
  EXPECT_EQ(F[0].Verified->Summary, "a non-static member: ...");
  EXPECT_NE(F[1].Verified->Summary.find("--watch ns::unasked"), std::string::npos);
  EXPECT_EQ(R.NotWatched, 3u);
  EXPECT_EQ(R.NotObserved, 0u);
}

TEST(Join, AWatchStoppedByItsBudgetIsSaidInTheSummary) {
  json Start = {{"type", "start"},
                {"watch", json::array({{{"variable", "hot"}, {"status", "watching"}}})}};
  json Stopped = {
      {"type", "watch-stopped"}, {"variable", "hot"}, {"reason", "budget"}, {"writes", 200000}};
  std::vector<findings::Finding> F = {finding("async-unguarded-shared-state", 7,
                                              "'hot' is written in a thread ...",
                                              {{"variable", "hot"}})};
  verify::join(F, {Start, Stopped});
  EXPECT_EQ(F[0].Verified->Status, "not-observed");
  EXPECT_NE(F[0].Verified->Summary.find("stopped after 200000 writes"), std::string::npos);
}

TEST(Join, UnpredictedEventsAreMergedPerSite) {
  std::vector<findings::Finding> None;
  verify::JoinResult R = verify::join(None, {blockingAt(5), blockingAt(5), blockingAt(6)});
  ASSERT_EQ(R.Unpredicted.size(), 2u);
  EXPECT_EQ(R.Unpredicted[0]["occurrences"], 2);
  EXPECT_EQ(R.Unpredicted[0]["site"]["file"], "/src/app.cpp");
}

TEST(Join, TheVariableIsTheFindingsPropertyNotAWordOfItsMessage) {
  json Start = {{"type", "start"},
                {"watch", json::array({{{"variable", "ns::total"}, {"status", "watching"}},
                                       {{"variable", "ns::other"}, {"status", "watching"}}})}};
  std::vector<findings::Finding> F = {
      finding("async-unguarded-shared-state", 7, "'ns::total' is written ...",
              {{"variable", "ns::other"}}),
      finding("async-unguarded-shared-state", 7, "'ns::total' is written ...")};
  verify::join(F, {Start, raceOn("ns::total")});
  EXPECT_EQ(F[0].Verified->Status, "not-observed");
  EXPECT_NE(F[1].Verified->Status, "confirmed");
  EXPECT_EQ(verify::flaggedVariable(F[0]), "ns::other");
  EXPECT_EQ(verify::flaggedVariable(F[1]), "");
}

TEST(EventLog, RawAddressesGetModuleAndOffsetFromTheStartEvent) {
  std::string Path = std::string(::testing::TempDir()) + "/events.jsonl";
  std::ofstream(Path)
      << R"({"type":"start","pid":7,"tid":7,"time_ns":1,"program":"/bin/app","categories":[],"watch":[],"modules":[{"path":"/bin/app","bias":"0x1000","low":"0x1000","high":"0x9000"}]})"
      << "\n"
      << R"({"type":"race","pid":7,"tid":8,"time_ns":2,"variable":"v","address":"0x10","accesses":[{"tid":1,"stack":[{"address":"0x1235"}]},{"tid":2,"stack":[{"address":"0xf0000"}]}]})"
      << "\n";
  verify::EventLog Log;
  std::string Error;
  ASSERT_TRUE(verify::EventLog::read(Path, Log, Error)) << Error;
  Log.resolveRawAddresses();
  const json &Frame = Log.Events[1]["accesses"][0]["stack"][0];
  EXPECT_EQ(Frame["module"], "/bin/app");
  EXPECT_EQ(Frame["offset"], "0x234"); // one byte back, minus the bias
  EXPECT_FALSE(Log.Events[1]["accesses"][1]["stack"][0].contains("module"));
  EXPECT_EQ(Log.observations().size(), 1u);
}

TEST(EventLog, EveryLineIsCheckedAgainstTheEventTypes) {
  using asynclint::events::problemWith;
  EXPECT_EQ(problemWith(json::array()), "not a JSON object");
  EXPECT_EQ(problemWith(json{{"type", 3}}), "no \"type\" string");
  EXPECT_EQ(problemWith(json{{"type", "gossip"}}), "unknown event type 'gossip'");
  json Blocking = blockingAt(3);
  Blocking["pid"] = 1;
  Blocking["tid"] = 1;
  Blocking["time_ns"] = 5;
  Blocking["category"] = "sleep";
  EXPECT_EQ(problemWith(Blocking), "");
  Blocking["occurrence"] = -1;
  EXPECT_EQ(problemWith(Blocking),
            "\"occurrence\" of a 'blocking' event is not an unsigned integer");
  Blocking["occurrence"] = 1;
  Blocking["stack"].push_back(7);
  EXPECT_EQ(problemWith(Blocking),
            "\"stack\" of a 'blocking' event has a frame that is not an object");
  Blocking.erase("stack");
  EXPECT_EQ(problemWith(Blocking), "no \"stack\" of a 'blocking' event");
}

} // namespace
