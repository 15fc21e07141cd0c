//===--- CrossUnitRacesTest.cpp - shared-state facts in, races out --------===//
//
// The whole-program part of async-unguarded-shared-state on hand-written
// facts: threads started in one unit running functions of others, locks
// held on either side of a call, the starter's side, what one unit already
// saw, cycles, and order independence.
//
//===----------------------------------------------------------------------===//
#include "wholeprogram/CrossUnitRaces.h"
#include "shards/Shards.h"
#include "wholeprogram/CombineFacts.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace asynclint::wholeprogram {
namespace {

using facts::SharedAccess;
using facts::SharedCall;
using facts::SharedLock;
using facts::SharedStateFacts;
using facts::ThreadStartFacts;
using facts::UnitFacts;

SharedStateFacts function(const std::string &Id, const std::string &File) {
  SharedStateFacts F;
  F.Function = {Id, "ns::" + Id, false};
  F.At = {File, 1, 1};
  return F;
}

SharedAccess access(const std::string &Location, bool Write, const std::string &File, unsigned Line,
                    std::vector<SharedLock> Locks = {}) {
  return {"c:@" + Location, Location, Write, false, false, std::move(Locks), {File, Line, 5}};
}

SharedCall call(const std::string &Callee, const std::string &File, unsigned Line,
                std::vector<SharedLock> Locks = {}) {
  return {{Callee, "ns::" + Callee, false}, std::move(Locks), {File, Line, 3}};
}

ThreadStartFacts start(const std::string &Entry, const std::string &File, unsigned Line,
                       bool Multiple, bool Closed = true) {
  ThreadStartFacts S;
  S.Entry = {Entry, "ns::" + Entry, false};
  S.Multiple = Multiple;
  S.Closed = Closed;
  S.At = {File, Line, 3};
  return S;
}

SharedLock lock(const std::string &Name, bool Shared = false) {
  return {"c:@" + Name, Name, Shared, false};
}

const SharedLock AnyLock{"", "", false, true};

std::vector<const UnitFacts *> pointers(const std::vector<UnitFacts> &Units) {
  std::vector<const UnitFacts *> P;
  for (const UnitFacts &U : Units)
    P.push_back(&U);
  return P;
}

std::vector<findings::Finding> races(const std::vector<UnitFacts> &Units) {
  return crossUnitRaces(combineFacts(pointers(Units)));
}

/// main.cpp starts `work` (worker.cpp) in a loop; work calls bump, which
/// writes `counter`.
std::vector<UnitFacts> workersProgram(std::vector<SharedLock> AtCall = {},
                                      std::vector<SharedLock> AtWrite = {}) {
  UnitFacts Main, Worker;
  SharedStateFacts MainF = function("main", "/p/main.cpp");
  MainF.Starts = {start("work", "/p/main.cpp", 5, /*Multiple=*/true)};
  Main.SharedState = {MainF};
  SharedStateFacts Work = function("work", "/p/worker.cpp");
  Work.Calls = {call("bump", "/p/worker.cpp", 3, std::move(AtCall))};
  SharedStateFacts Bump = function("bump", "/p/worker.cpp");
  Bump.Accesses = {access("counter", true, "/p/worker.cpp", 8, std::move(AtWrite))};
  Worker.SharedState = {Work, Bump};
  return {Main, Worker};
}

TEST(CrossUnitRaces, AnEntryOfAnotherUnitStartedTwiceWritesAGlobalWithoutALock) {
  std::vector<findings::Finding> Found = races(workersProgram());
  ASSERT_EQ(Found.size(), 1u);
  const findings::Finding &F = Found[0];
  EXPECT_EQ(F.Check, "async-unguarded-shared-state");
  EXPECT_EQ(F.Loc.File, "/p/worker.cpp");
  EXPECT_EQ(F.Loc.Line, 8u);
  EXPECT_EQ(F.Message, "'counter' is written in a thread running 'ns::work' without a lock, "
                       "while another thread running 'ns::work' writes it concurrently (data "
                       "race); guard every access with one mutex (std::lock_guard) or make it "
                       "std::atomic");
  ASSERT_EQ(F.Notes.size(), 1u) << "the access races with itself: only the start";
  EXPECT_EQ(F.Notes[0].Loc.File, "/p/main.cpp");
  EXPECT_EQ(F.Notes[0].Message, "'ns::work' starts on another thread here, more than once");
  EXPECT_EQ(F.Properties["whole_program"], true);
  EXPECT_EQ(F.Properties["variable"], "counter");
}

TEST(CrossUnitRaces, ALockOnEitherSideOfTheCallGuardsIt) {
  EXPECT_TRUE(races(workersProgram({lock("m")}, {})).empty()) << "held by the caller";
  EXPECT_TRUE(races(workersProgram({}, {lock("m")})).empty()) << "held by the callee";
  EXPECT_TRUE(races(workersProgram({AnyLock}, {})).empty())
      << "a lock no other unit can name hides the race, never makes one";
  EXPECT_EQ(races(workersProgram({lock("m", true)}, {})).size(), 1u)
      << "a reader lock does not exclude another reader lock's write";
  EXPECT_NE(races(workersProgram({lock("m", true)}, {}))[0].Message.find(
                "holding 'm' only as a reader lock"),
            std::string::npos);
}

TEST(CrossUnitRaces, AThreadStartedOnceRacesOnlyWithWhatRunsAlongside) {
  std::vector<UnitFacts> Units = workersProgram();
  SharedStateFacts &Main = Units[0].SharedState[0];
  Main.Starts[0].Multiple = false;
  // main reads counter after the join: not during the thread.
  Main.Accesses = {access("counter", false, "/p/main.cpp", 9)};
  EXPECT_TRUE(races(Units).empty());
  // ... and while it runs.
  Main.Starts[0].During = {0};
  std::vector<findings::Finding> Found = races(Units);
  ASSERT_EQ(Found.size(), 1u);
  EXPECT_EQ(Found[0].Loc.Line, 8u) << "the write, not main's read, is warned";
  EXPECT_NE(Found[0].Message.find("while 'ns::main' (which started the thread) reads it"),
            std::string::npos)
      << Found[0].Message;
}

TEST(CrossUnitRaces, TwoStartsOfOneStarterRaceOnlyWhenTheyOverlap) {
  std::vector<UnitFacts> Units = workersProgram();
  SharedStateFacts &Main = Units[0].SharedState[0];
  Main.Starts = {start("work", "/p/main.cpp", 5, false), start("work", "/p/main.cpp", 7, false)};
  EXPECT_TRUE(races(Units).empty()) << "the first is joined before the second starts";
  Main.Starts[0].Overlaps = {1};
  Main.Starts[1].Overlaps = {0};
  EXPECT_EQ(races(Units).size(), 1u);
}

TEST(CrossUnitRaces, TwoStartersRaceInOneProgramUnlessBothAreWaitedFor) {
  std::vector<UnitFacts> Units = workersProgram();
  Units[0].SharedState[0].Starts[0].Multiple = false;
  SharedStateFacts Admin = function("admin", "/p/main.cpp");
  Admin.At.Line = 12;
  Admin.Starts = {start("work", "/p/main.cpp", 14, false)};
  Units[0].SharedState.push_back(Admin);
  EXPECT_TRUE(races(Units).empty()) << "each starter joins its thread";
  Units[0].SharedState[1].Starts[0].Closed = false;
  EXPECT_EQ(races(Units).size(), 1u);
  // A starter of another unit may be in another program of the database
  // (a test, an example): its threads are not taken to run alongside.
  UnitFacts Tool;
  Tool.SharedState = {Units[0].SharedState[1]};
  Units[0].SharedState.pop_back();
  Units.push_back(Tool);
  EXPECT_TRUE(races(Units).empty());
}

TEST(CrossUnitRaces, TwoFunctionsOfOneNameAreNotFollowedByName) {
  std::vector<UnitFacts> Units = workersProgram();
  UnitFacts Example;
  SharedStateFacts OtherBump = function("bump", "/p/example.cpp");
  OtherBump.Accesses = {access("total", false, "/p/example.cpp", 4)};
  Example.SharedState = {OtherBump};
  Units.push_back(Example);
  EXPECT_TRUE(races(Units).empty()) << "which 'bump' work calls is unknown";
  // Each program's own 'main' keeps its own starts.
  Units = workersProgram();
  UnitFacts Demo;
  SharedStateFacts DemoMain = function("main", "/p/demo.cpp");
  DemoMain.Starts = {start("work", "/p/demo.cpp", 6, true)};
  Demo.SharedState = {DemoMain};
  Units.push_back(Demo);
  std::vector<findings::Finding> Found = races(Units);
  ASSERT_EQ(Found.size(), 1u) << "one finding per location";
  EXPECT_EQ(Found[0].Notes.size(), 1u);
}

TEST(CrossUnitRaces, WhatOneUnitSawIsLeftToIt) {
  // Starter, entry and writer all defined in one unit: its own analysis
  // judged that race (and reported it, or had a reason not to).
  std::vector<UnitFacts> Units = workersProgram();
  Units[1].SharedState.push_back(Units[0].SharedState[0]);
  EXPECT_TRUE(races(Units).empty());
  // A header's function defined in both units is seen by both.
  Units = workersProgram();
  Units[0].SharedState.push_back(Units[1].SharedState[0]); // work, inline
  EXPECT_EQ(races(Units).size(), 1u) << "bump is still only in worker.cpp";
  Units[0].SharedState.push_back(Units[1].SharedState[1]); // bump, inline
  EXPECT_TRUE(races(Units).empty());
}

TEST(CrossUnitRaces, CallCyclesEndAndLocksAreThoseOfEveryCaller) {
  std::vector<UnitFacts> Units = workersProgram();
  SharedStateFacts Ping = function("ping", "/p/cycle.cpp"), Pong = function("pong", "/p/cycle.cpp");
  Ping.Calls = {call("pong", "/p/cycle.cpp", 2)};
  Pong.Calls = {call("ping", "/p/cycle.cpp", 4), call("bump", "/p/cycle.cpp", 5)};
  UnitFacts Cycle;
  Cycle.SharedState = {Ping, Pong};
  Units.push_back(Cycle);
  SharedStateFacts &Work = Units[1].SharedState[0];
  // work -> bump under m, work -> ping -> pong -> bump without: not every
  // caller holds m.
  Work.Calls = {call("bump", "/p/worker.cpp", 3, {lock("m")}), call("ping", "/p/worker.cpp", 4)};
  EXPECT_EQ(races(Units).size(), 1u);
  Work.Calls[1].Locks = {lock("m")};
  EXPECT_TRUE(races(Units).empty());
}

TEST(CrossUnitRaces, TheResultDoesNotDependOnTheOrderOfFacts) {
  std::vector<UnitFacts> Units = workersProgram();
  UnitFacts Config;
  SharedStateFacts Reload = function("reload", "/p/config.cpp");
  Reload.Accesses = {access("settings.level", true, "/p/config.cpp", 3)};
  Config.SharedState = {Reload};
  Units.push_back(Config);
  Units[0].SharedState[0].Starts.push_back(start("reload", "/p/main.cpp", 4, false, false));
  Units[0].SharedState[0].Starts[0].Overlaps = {1};
  Units[0].SharedState[0].Starts[1].Overlaps = {0};
  Units[1].SharedState[1].Accesses.push_back(access("settings.level", false, "/p/worker.cpp", 9));
  auto Report = [](const std::vector<findings::Finding> &Found) {
    std::string Text;
    for (const findings::Finding &F : Found) {
      Text += F.Loc.File + ":" + std::to_string(F.Loc.Line) + " " + F.Message + "\n";
      for (const findings::Note &N : F.Notes)
        Text += "  " + N.Loc.File + ":" + std::to_string(N.Loc.Line) + " " + N.Message + "\n";
    }
    return Text;
  };
  std::string Expected = Report(races(Units));
  EXPECT_NE(Expected.find("settings.level' is written in a thread running 'ns::reload'"),
            std::string::npos)
      << Expected;
  std::mt19937 Random(9);
  for (int Round = 0; Round < 20; ++Round) {
    for (UnitFacts &U : Units)
      std::shuffle(U.SharedState.begin(), U.SharedState.end(), Random);
    std::shuffle(Units.begin(), Units.end(), Random);
    EXPECT_EQ(Report(races(Units)), Expected);
  }
}

TEST(CrossUnitRaces, SharedStateFactsSurviveJson) {
  std::vector<UnitFacts> Units = workersProgram({lock("m", true)}, {AnyLock});
  Units[0].SharedState[0].Accesses = {access("counter", false, "/p/main.cpp", 9)};
  Units[0].SharedState[0].Starts[0].During = {0};
  facts::PathMapping Relative = shards::checkoutPaths("/p");
  for (const UnitFacts &U : Units) {
    nlohmann::json J = facts::toJson(U, Relative);
    EXPECT_EQ(facts::toJson(facts::unitFactsFromJson(J, Relative), facts::PathMapping()),
              facts::toJson(U, facts::PathMapping()));
  }
  nlohmann::json Bad = facts::toJson(Units[0], facts::PathMapping());
  Bad["shared_state"][0]["starts"][0]["during"] = {7};
  EXPECT_THROW(facts::unitFactsFromJson(Bad, facts::PathMapping()), std::runtime_error);
}

} // namespace
} // namespace asynclint::wholeprogram
