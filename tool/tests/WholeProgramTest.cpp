//===--- WholeProgramTest.cpp - facts in, findings out --------------------===//
//
// The pure steps of the whole-program analysis on hand-written facts: the
// combination (fixpoint, cycles, order independence), the findings it
// yields, the facts formats, NOLINT comments, shard selection and reading.
//
//===----------------------------------------------------------------------===//
#include "cache/FileSystemTrace.h"
#include "shards/Shards.h"
#include "wholeprogram/CombineFacts.h"
#include "wholeprogram/CrossUnitFindings.h"
#include "wholeprogram/NolintComments.h"
#include "wholeprogram/ProgramReport.h"
#include "wholeprogram/UnitOutcome.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>

namespace asynclint::wholeprogram {
namespace {

namespace fs = std::filesystem;
using facts::Call;
using facts::FunctionFacts;
using facts::UnitFacts;

FunctionFacts function(const std::string &Id, const std::string &File, unsigned Line) {
  FunctionFacts F;
  F.Function = {Id, Id, false};
  F.At = {File, Line, 1};
  return F;
}

Call call(const std::string &Callee, const std::string &File, unsigned Line) {
  return {{Callee, Callee, false}, {File, Line, 3}};
}

FunctionFacts sleeper(const std::string &Id, const std::string &File, unsigned Line) {
  FunctionFacts F = function(Id, File, Line);
  F.Blocking = facts::BlockingCall{"std::this_thread::sleep_for",
                                   "sleep",
                                   "puts the thread to sleep",
                                   {{"default", "await a timer"}, {"asio", "await asio's timer"}},
                                   {File, Line + 1, 5}};
  return F;
}

FunctionFacts coroutine(const std::string &Id, const std::string &File,
                        std::vector<Call> OpenCalls) {
  FunctionFacts F = function(Id, File, 1);
  F.Coroutine = true;
  F.CoroutineCalls = facts::CoroutineFacts{"'" + Id + "'", "asio", /*OffLoop=*/false,
                                           /*AsError=*/false, std::move(OpenCalls)};
  return F;
}

/// store.cpp: load -> read_disk -> sleep; a cycle ping <-> pong reaching the
/// sleep; a cycle even <-> odd that blocks nowhere. server.cpp: a coroutine
/// calling each.
std::vector<UnitFacts> program() {
  UnitFacts Store, Server;
  FunctionFacts Load = function("load", "/p/store.cpp", 10);
  Load.Calls = {call("read_disk", "/p/store.cpp", 11)};
  FunctionFacts Ping = function("ping", "/p/store.cpp", 20);
  Ping.Calls = {call("pong", "/p/store.cpp", 21)};
  FunctionFacts Pong = function("pong", "/p/store.cpp", 30);
  Pong.Calls = {call("ping", "/p/store.cpp", 31), call("load", "/p/store.cpp", 32)};
  FunctionFacts Even = function("even", "/p/store.cpp", 40);
  Even.Calls = {call("odd", "/p/store.cpp", 41)};
  FunctionFacts Odd = function("odd", "/p/store.cpp", 50);
  Odd.Calls = {call("even", "/p/store.cpp", 51)};
  Store.Functions = {Load, sleeper("read_disk", "/p/store.cpp", 1), Ping, Pong, Even, Odd};
  Server.Functions = {
      coroutine("handle", "/p/server.cpp",
                {call("load", "/p/server.cpp", 5), call("even", "/p/server.cpp", 6),
                 call("ping", "/p/server.cpp", 7), call("declared_only", "/p/server.cpp", 8)})};
  return {Store, Server};
}

std::vector<const UnitFacts *> pointers(const std::vector<UnitFacts> &Units) {
  std::vector<const UnitFacts *> P;
  for (const UnitFacts &U : Units)
    P.push_back(&U);
  return P;
}

TEST(CombineFacts, BlockingReachesThroughHelpersAndCyclesAcrossUnits) {
  std::vector<UnitFacts> Units = program();
  facts::ProgramFacts P = combineFacts(pointers(Units));
  EXPECT_TRUE(P.Blocking.count("read_disk"));
  EXPECT_TRUE(P.Blocking.count("load"));
  EXPECT_TRUE(P.Blocking.count("ping"));
  EXPECT_TRUE(P.Blocking.count("pong"));
  EXPECT_FALSE(P.Blocking.count("even"));
  EXPECT_FALSE(P.Blocking.count("odd"));
  EXPECT_FALSE(P.Blocking.count("handle")) << "a coroutine does not block its caller";
  std::vector<const FunctionFacts *> Chain = P.chainFrom("ping");
  ASSERT_EQ(Chain.size(), 4u);
  EXPECT_EQ(Chain[1]->Function.Id, "pong");
  EXPECT_EQ(Chain[2]->Function.Id, "load") << "the shortest way, not round the cycle";
  EXPECT_EQ(Chain[3]->Function.Id, "read_disk");
}

TEST(CombineFacts, TheResultDoesNotDependOnTheOrderOfFacts) {
  std::vector<UnitFacts> Units = program();
  nlohmann::json Expected = facts::toJson(combineFacts(pointers(Units)), facts::PathMapping());
  std::mt19937 Random(13);
  for (int Round = 0; Round < 20; ++Round) {
    for (UnitFacts &U : Units)
      std::shuffle(U.Functions.begin(), U.Functions.end(), Random);
    std::shuffle(Units.begin(), Units.end(), Random);
    EXPECT_EQ(facts::toJson(combineFacts(pointers(Units)), facts::PathMapping()), Expected);
  }
}

TEST(CrossUnitFindings, OneFindingPerBlockingCallWithNotesDownTheChain) {
  std::vector<UnitFacts> Units = program();
  std::vector<findings::Finding> Found = crossUnitFindings(combineFacts(pointers(Units)));
  ASSERT_EQ(Found.size(), 2u);
  const findings::Finding &Load = Found[0].Loc.Line == 5 ? Found[0] : Found[1];
  EXPECT_EQ(Load.Check, "async-blocking-in-coroutine");
  EXPECT_EQ(Load.Loc.File, "/p/server.cpp");
  EXPECT_EQ(Load.Message,
            "call to 'load' blocks inside coroutine 'handle': it reaches "
            "'std::this_thread::sleep_for', which puts the thread to sleep; every other task on "
            "its event loop waits until it returns; await asio's timer");
  ASSERT_EQ(Load.Notes.size(), 2u);
  EXPECT_EQ(Load.Notes[0].Loc.Line, 11u);
  EXPECT_EQ(Load.Notes[0].Message, "'load' calls 'read_disk' here");
  EXPECT_EQ(Load.Notes[1].Loc.Line, 2u);
  EXPECT_EQ(Load.Properties["blocking_function"], "std::this_thread::sleep_for");
  EXPECT_EQ(Load.Properties["call_chain"], nlohmann::json({"load", "read_disk"}));
  EXPECT_EQ(Load.Properties["coroutine"], "handle");
}

TEST(CrossUnitFindings, WarningsAsErrorsOfTheCoroutinesUnitApply) {
  std::vector<UnitFacts> Units = program();
  Units[1].Functions[0].CoroutineCalls->AsError = true;
  for (const findings::Finding &F : crossUnitFindings(combineFacts(pointers(Units))))
    EXPECT_EQ(F.Severity, "error");
}

TEST(CrossUnitFindings, ACoroutineOnAThreadPoolIsLeftAlone) {
  std::vector<UnitFacts> Units = program();
  Units[1].Functions[0].CoroutineCalls->OffLoop = true;
  EXPECT_TRUE(crossUnitFindings(combineFacts(pointers(Units))).empty());
}

TEST(CombineFacts, ACoroutineEveryUnitStartsOnAPoolRunsOffTheLoop) {
  UnitFacts Defines, StartsOnPool, AlsoOnLoop;
  Defines.Coroutines["job"] = {0, 0};
  StartsOnPool.Coroutines["job"] = {2, 2};
  StartsOnPool.Coroutines["other"] = {1, 1};
  AlsoOnLoop.Coroutines["other"] = {1, 0};
  facts::ProgramFacts P = combineFacts({&Defines, &StartsOnPool, &AlsoOnLoop});
  EXPECT_TRUE(P.OffLoop.count("job"));
  EXPECT_FALSE(P.OffLoop.count("other"));

  // Its own findings are then the fix, not the mistake.
  std::vector<check::Unit> Units(3);
  Units[0].File = "/p/job.cpp";
  Units[1].File = "/p/main.cpp";
  Units[2].File = "/p/web.cpp";
  std::vector<check::UnitResult> Results(3);
  Results[0].Facts = Defines;
  Results[1].Facts = StartsOnPool;
  Results[2].Facts = AlsoOnLoop;
  findings::Finding F;
  F.Check = "async-blocking-in-coroutine";
  F.Loc = {"/p/job.cpp", 3, 1};
  F.Properties = {{"coroutine_id", "job"}};
  std::vector<findings::Finding> Findings = {F};
  F.Loc.Line = 9;
  F.Properties["coroutine_id"] = "other";
  Findings.push_back(F);
  addWholeProgramFindings(Units, Results, Findings);
  ASSERT_EQ(Findings.size(), 1u);
  EXPECT_EQ(Findings[0].Loc.Line, 9u);
}

TEST(CrossUnitFindings, ACalleeThatIsACoroutineElsewhereIsNotFollowed) {
  std::vector<UnitFacts> Units = program();
  Units[0].Functions[1].Coroutine = true; // read_disk
  EXPECT_TRUE(crossUnitFindings(combineFacts(pointers(Units))).empty());
}

TEST(ProgramFacts, UnitAndProgramFactsSurviveJson) {
  std::vector<UnitFacts> Units = program();
  facts::PathMapping Relative = shards::checkoutPaths("/p");
  nlohmann::json J = facts::toJson(Units[0], Relative);
  EXPECT_EQ(J["functions"][0]["file"], "store.cpp");
  EXPECT_EQ(facts::toJson(facts::unitFactsFromJson(J, Relative), facts::PathMapping()),
            facts::toJson(Units[0], facts::PathMapping()));
  facts::ProgramFacts P = combineFacts(pointers(Units));
  nlohmann::json Program = facts::toJson(P, facts::PathMapping());
  EXPECT_EQ(facts::toJson(facts::programFactsFromJson(Program, facts::PathMapping()),
                          facts::PathMapping()),
            Program);
  Program["version"] = 99;
  EXPECT_THROW(facts::programFactsFromJson(Program, facts::PathMapping()), std::runtime_error);
}

TEST(ProgramFacts, AChainEndsAtACycleInAHandEditedFile) {
  facts::ProgramFacts P;
  P.Functions["a"] = function("a", "/p/a.cpp", 1);
  P.Functions["b"] = function("b", "/p/a.cpp", 2);
  P.Blocking["a"] = facts::Reach{call("b", "/p/a.cpp", 1)};
  P.Blocking["b"] = facts::Reach{call("a", "/p/a.cpp", 2)};
  EXPECT_TRUE(P.chainFrom("a").empty());
}

class Scratch : public ::testing::Test {
protected:
  void SetUp() override {
    Dir = fs::path(::testing::TempDir()) /
          ("asynclint-wp-" +
           std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    fs::remove_all(Dir);
    fs::create_directories(Dir);
  }
  void TearDown() override { fs::remove_all(Dir); }
  std::string write(const std::string &Name, const std::string &Text) {
    std::ofstream(Dir / Name) << Text;
    return (Dir / Name).string();
  }
  fs::path Dir;
};

using Nolint = Scratch;

TEST_F(Nolint, CommentsSilenceAsClangTidyReadsThem) {
  std::string File = write("a.cpp", "f(); // NOLINT\n"
                                    "g(); // NOLINT(async-blocking-*)\n"
                                    "h(); // NOLINT(bugprone-*)\n"
                                    "// NOLINTNEXTLINE(async-blocking-in-coroutine)\n"
                                    "i();\n"
                                    "// NOLINTBEGIN(async-*)\n"
                                    "j();\n"
                                    "// NOLINTEND(async-*)\n"
                                    "k();\n");
  NolintComments Comments;
  const std::string Check = "async-blocking-in-coroutine";
  EXPECT_TRUE(Comments.silences(File, 1, Check));
  EXPECT_TRUE(Comments.silences(File, 2, Check));
  EXPECT_FALSE(Comments.silences(File, 3, Check));
  EXPECT_TRUE(Comments.silences(File, 5, Check));
  EXPECT_TRUE(Comments.silences(File, 7, Check));
  EXPECT_FALSE(Comments.silences(File, 9, Check));
  EXPECT_FALSE(Comments.silences(File, 5, "async-immediate-await"));
}

TEST(Shards, SpecsAndSelection) {
  EXPECT_FALSE(shards::parseShard("0/3"));
  EXPECT_FALSE(shards::parseShard("4/3"));
  EXPECT_FALSE(shards::parseShard("1of3"));
  ASSERT_TRUE(shards::parseShard("2/3"));
  std::vector<check::Unit> Units(7);
  for (size_t I = 0; I < Units.size(); ++I)
    Units[I].File = "/p/" + std::to_string(I) + ".cpp";
  std::vector<std::string> Seen;
  for (unsigned I = 1; I <= 3; ++I)
    for (const check::Unit &U : shards::selectShard(Units, {I, 3}))
      Seen.push_back(U.File);
  std::sort(Seen.begin(), Seen.end());
  ASSERT_EQ(Seen.size(), Units.size()) << "every unit in exactly one shard";
  EXPECT_TRUE(std::adjacent_find(Seen.begin(), Seen.end()) == Seen.end());
}

using ShardFiles = Scratch;

TEST_F(ShardFiles, MergeReadsEveryShardAndRefusesAnIncompleteSet) {
  check::Unit A, B;
  A.File = "/checkout/a.cpp";
  B.File = "/checkout/b.cpp";
  B.MayFailToCompile = true;
  check::UnitResult ResultA;
  ResultA.Facts = program()[0];
  findings::Finding F;
  F.Check = "async-immediate-await";
  F.Message = "waited at once";
  F.Loc = {"/checkout/a.cpp", 3, 4};
  F.Notes.push_back({{"/checkout/b.h", 1, 1}, "here"});
  F.Properties = {{"spawn", "std::async"}};
  ResultA.Findings.push_back(F);
  check::UnitResult ResultB;
  ResultB.Error = findings::FileError{{"/checkout/b.cpp", 2, 1}, "does not compile"};
  std::string Folder = (Dir / "facts").string();
  // Shard 1 of 2 holds the database's units 0, 2, ...; shard 2 units 1, 3, ...
  ASSERT_TRUE(
      static_cast<bool>(shards::writeShard(Folder, {2, 2}, "/checkout", true, {A}, {ResultA})));
  EXPECT_THROW(shards::readShards({Folder}, "/elsewhere"), std::runtime_error);
  ASSERT_TRUE(
      static_cast<bool>(shards::writeShard(Folder, {1, 2}, "/checkout", true, {B}, {ResultB})));
  shards::MergedShards Merged = shards::readShards({Folder}, "/elsewhere");
  ASSERT_EQ(Merged.Units.size(), 2u);
  EXPECT_EQ(Merged.Units[0].File, "/elsewhere/b.cpp") << "in the database's order";
  EXPECT_TRUE(Merged.Units[0].MayFailToCompile);
  EXPECT_EQ(Merged.Results[0].Error->Loc.File, "/elsewhere/b.cpp");
  EXPECT_EQ(Merged.Units[1].File, "/elsewhere/a.cpp") << "paths follow the checkout";
  EXPECT_EQ(Merged.Results[1].Findings[0].Notes[0].Loc.File, "/elsewhere/b.h");
  EXPECT_EQ(Merged.Results[1].Findings[0].Properties["spawn"], "std::async");
  EXPECT_EQ(Merged.Results[1].Facts.Functions.size(), ResultA.Facts.Functions.size());
  ASSERT_TRUE(static_cast<bool>(shards::writeShard(Folder, {1, 3}, "/checkout", true, {}, {})));
  EXPECT_THROW(shards::readShards({Folder}, "/elsewhere"), std::runtime_error);
}

using Trace = Scratch;

TEST_F(Trace, AnyChangeToWhatWasReadOrLookedAtIsSeen) {
  std::string Header = write("a.h", "int a;\n");
  auto Tracking =
      llvm::makeIntrusiveRefCnt<cache::TrackingFileSystem>(llvm::vfs::createPhysicalFileSystem());
  ASSERT_TRUE(static_cast<bool>(Tracking->getBufferForFile(Header)));
  EXPECT_FALSE(Tracking->status((Dir / "shadow.h").string()));
  std::error_code EC;
  Tracking->dir_begin(Dir.string(), EC);
  cache::FileSystemTrace Recorded = cache::traceFromJson(cache::toJson(Tracking->take()));
  EXPECT_TRUE(cache::FileSystemState().unchanged(Recorded));

  write("a.h", "int b;\n");
  EXPECT_FALSE(cache::FileSystemState().unchanged(Recorded)) << "an edited file";
  write("a.h", "int a;\n");
  EXPECT_TRUE(cache::FileSystemState().unchanged(Recorded));
  write("shadow.h", "");
  EXPECT_FALSE(cache::FileSystemState().unchanged(Recorded)) << "a file where none was";
}

} // namespace
} // namespace asynclint::wholeprogram
