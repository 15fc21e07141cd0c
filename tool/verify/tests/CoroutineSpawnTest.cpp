//===--- CoroutineSpawnTest.cpp - coroutine tasks awaited at once ---------===//
//
// The spawn breakpoints end to end, as a user runs them: `asynclint check`
// on the Asio corpus program, `asynclint run --findings`, `asynclint
// verify`; then a spawn that overlaps with other work (not confirmed), and
// every reason a spawn is not watched (registers, perf refused, not a
// coroutine).
//
// Timing: each span the runtime measures is at least a timer's wait (1 ms
// and more) and the threshold is 1 ms, and the order it checks (statement,
// task start, next line) is fixed by the program (one io_context thread;
// the pool's task is awaited). A loaded machine only makes the spans longer,
// so no retry is needed; each run is bounded by --timeout 60 (the programs
// end in tens of milliseconds).
//
//===----------------------------------------------------------------------===//
#include "RuntimeHarness.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <string>

using asynclint::rttest::lineOf;
using asynclint::rttest::shell;
using Result = asynclint::rttest::ShellResult;

namespace {

struct Built {
  const char *File;
  const char *Executable;
};
const Built CorpusPrograms[] = {
#include "CorpusPrograms.inc"
};

const std::string Tool = ASYNCLINT_TEST_TOOL;
const std::string Runtime = ASYNCLINT_TEST_RUNTIME;
const std::string Spawns = ASYNCLINT_TEST_COROUTINE_SPAWNS;
const std::string SpawnsSource = ASYNCLINT_TEST_PROGRAMS_DIR "/coroutine_spawns.cpp";

std::string scratch(const std::string &Name) {
  std::string Dir = ::testing::TempDir() + "/coroutine-spawn-" + Name;
  std::filesystem::remove_all(Dir);
  std::filesystem::create_directories(Dir);
  return Dir;
}

std::string run(const std::string &Events, const std::string &Options, const std::string &Program) {
  return Tool + " run --runtime " + Runtime + " --events " + Events + " --timeout 60 " + Options +
         " -- " + Program;
}

/// The verdicts `asynclint verify --format json` gives, by line.
std::map<unsigned, nlohmann::json> verdicts(const std::string &Findings,
                                            const std::string &Events) {
  Result Verify =
      shell(Tool + " verify --findings " + Findings + " --events " + Events + " --format json");
  nlohmann::json Out = nlohmann::json::parse(Verify.Output, nullptr, false);
  EXPECT_FALSE(Out.is_discarded()) << Verify.Output;
  std::map<unsigned, nlohmann::json> ByLine;
  if (!Out.is_discarded())
    for (const nlohmann::json &F : Out["findings"])
      if (F["check"] == "async-immediate-await")
        ByLine[F["line"].get<unsigned>()] = F["verification"];
  return ByLine;
}

/// A report with one async-immediate-await finding at each of \p Lines,
/// with \p Properties.
void writeFindings(const std::string &Path, const std::vector<unsigned> &Lines,
                   const nlohmann::json &Properties = nlohmann::json::object()) {
  nlohmann::json Report = {
      {"version", 1}, {"root", ASYNCLINT_TEST_PROGRAMS_DIR}, {"errors", nlohmann::json::array()}};
  for (unsigned Line : Lines)
    Report["findings"].push_back({{"check", "async-immediate-await"},
                                  {"message", "the task started by 'asio::co_spawn' ..."},
                                  {"severity", "warning"},
                                  {"file", SpawnsSource},
                                  {"line", Line},
                                  {"column", 13},
                                  {"notes", nlohmann::json::array()},
                                  {"fixes", nlohmann::json::array()},
                                  {"fingerprint", "0123456789abcdef"},
                                  {"properties", Properties}});
  std::ofstream(Path) << Report.dump();
}

#define SKIP_WITHOUT_BREAKPOINTS(Output)                                                           \
  if ((Output).find("perf_event_open refused") != std::string::npos)                               \
  GTEST_SKIP() << "no hardware breakpoints here: " << (Output)

TEST(CoroutineSpawn, TheAsioCorpusProgramIsConfirmedEndToEnd) {
  const char *File = "immediate-await/asio_co_spawn_awaited_at_once.cpp";
  std::string Program;
  for (const Built &B : CorpusPrograms)
    if (std::string(B.File) == File)
      Program = B.Executable;
  ASSERT_FALSE(Program.empty()) << File << " is not built";
  std::string Source = std::string(ASYNCLINT_CORPUS_DIR) + "/" + File;
  std::string Dir = scratch("corpus");
  nlohmann::json Database = nlohmann::json::array();
  Database.push_back({{"directory", Dir},
                      {"file", Source},
                      {"arguments",
                       {"clang++", "-std=c++20", "-DASIO_HAS_CO_AWAIT", "-DASIO_HAS_STD_COROUTINE",
                        "-I" ASYNCLINT_CORPUS_DIR "/include", "-c", Source}}});
  std::ofstream(Dir + "/compile_commands.json") << Database.dump();
  std::string Findings = Dir + "/findings.json";
  Result Check =
      shell(Tool + " check -p " + Dir + " " + Source + " --format json --output " + Findings);
  ASSERT_EQ(Check.Status, 1) << Check.Output;

  // twice(): two tasks awaited one after the other; each_iteration(): one
  // per loop round, on a pool. Both spawn visit_url; the first site takes
  // three debug registers, the second would need two more.
  unsigned Twice = lineOf(Source, "int a = co_await asio::co_spawn(ex, visit_url(2)");
  unsigned Loop = lineOf(Source, "total += co_await asio::co_spawn(pool, visit_url(ms)");
  std::string Events = Dir + "/events.jsonl";
  Result Run = shell(run(Events, "--findings " + Findings, Program));
  SKIP_WITHOUT_BREAKPOINTS(Run.Output);
  ASSERT_EQ(Run.Status, 0) << Run.Output;
  EXPECT_NE(Run.Output.find("asynclint run: not watching the coroutine spawn at '" + Source + ":" +
                            std::to_string(Loop) + "': more than the CPU's 4 debug registers"),
            std::string::npos)
      << Run.Output;
  std::map<unsigned, nlohmann::json> Verdicts = verdicts(Findings, Events);
  ASSERT_TRUE(Verdicts.count(Twice) && Verdicts.count(Loop)) << Check.Output;
  EXPECT_EQ(Verdicts[Twice]["status"], "confirmed") << Verdicts[Twice].dump();
  EXPECT_NE(Verdicts[Twice]["summary"].get<std::string>().find("'visit_url'"), std::string::npos)
      << Verdicts[Twice].dump();
  EXPECT_EQ(Verdicts[Loop]["status"], "not-watched") << Verdicts[Loop].dump();

  // The other site, asked for by name in a second run: each round of the
  // loop is one serialized spawn.
  Result Again = shell(
      run(Events, "--spawn-site " + Source + ":" + std::to_string(Loop) + ":visit_url", Program));
  ASSERT_EQ(Again.Status, 0) << Again.Output;
  Verdicts = verdicts(Findings, Events);
  EXPECT_EQ(Verdicts[Loop]["status"], "confirmed") << Verdicts[Loop].dump();
  EXPECT_NE(Verdicts[Loop]["summary"].get<std::string>().find("observed 3 times"),
            std::string::npos)
      << Verdicts[Loop].dump();
  // This run set no breakpoint for twice()'s spawn: not watched, not "not observed".
  EXPECT_EQ(Verdicts[Twice]["status"], "not-watched") << Verdicts[Twice].dump();
}

/// \p Program (runtime/tests/programs/coroutine_spawns.cpp, built by one
/// compiler) in two modes: the task awaited on its spawn's line is
/// confirmed; the one spawned, then overlapped with other work, then
/// awaited did not serialize anything and is not observed.
void expectAwaitedConfirmedAndOverlappedNot(const std::string &Program, const std::string &Name) {
  std::string Dir = scratch(Name);
  unsigned Awaited = lineOf(SpawnsSource, "LINE-awaited");
  unsigned Overlapped = lineOf(SpawnsSource, "LINE-overlapped");
  std::string Findings = Dir + "/findings.json";
  writeFindings(Findings, {Awaited, Overlapped});
  std::string Events = Dir + "/events.jsonl";
  auto Site = [&](unsigned Line) {
    return "--spawn-site " + SpawnsSource + ":" + std::to_string(Line) + ":visit";
  };

  Result Positive = shell(run(Events, Site(Awaited), Program + " awaited"));
  SKIP_WITHOUT_BREAKPOINTS(Positive.Output);
  ASSERT_EQ(Positive.Status, 0) << Positive.Output;
  EXPECT_NE(Positive.Output.find("1 serialized-spawn"), std::string::npos) << Positive.Output;
  EXPECT_EQ(verdicts(Findings, Events)[Awaited]["status"], "confirmed") << Positive.Output;

  Result Negative = shell(run(Events, Site(Overlapped), Program + " overlapped"));
  ASSERT_EQ(Negative.Status, 0) << Negative.Output;
  EXPECT_EQ(Negative.Output.find("serialized-spawn"), std::string::npos) << Negative.Output;
  std::map<unsigned, nlohmann::json> Verdicts = verdicts(Findings, Events);
  EXPECT_EQ(Verdicts[Overlapped]["status"], "not-observed") << Verdicts[Overlapped].dump();
}

TEST(CoroutineSpawn, ATaskThatOverlapsWithOtherWorkIsNotConfirmed) {
  expectAwaitedConfirmedAndOverlappedNot(Spawns, "overlap");
}

// GCC names a coroutine's resume function differently (.actor) and lays out
// its line table its own way: the same verdicts.
TEST(CoroutineSpawn, AProgramBuiltByGccGetsTheSameVerdicts) {
  expectAwaitedConfirmedAndOverlappedNot(ASYNCLINT_TEST_COROUTINE_SPAWNS_GCC, "gcc");
}

// Whatever keeps a spawn from being watched is said by run and is the
// not-watched verdict, never not-observed.
TEST(CoroutineSpawn, ASpawnThatCannotBeWatchedIsNotWatchedWithItsReason) {
  std::string Dir = scratch("not-watched");
  unsigned Awaited = lineOf(SpawnsSource, "LINE-awaited");
  std::string Findings = Dir + "/findings.json";
  writeFindings(Findings, {Awaited});
  std::string Events = Dir + "/events.jsonl";
  std::string Site = "--spawn-site " + SpawnsSource + ":" + std::to_string(Awaited) + ":visit";
  auto Expect = [&](const Result &R, const std::string &Reason) {
    EXPECT_EQ(R.Status, 0) << R.Output;
    EXPECT_NE(R.Output.find("not watching the coroutine spawn at"), std::string::npos) << R.Output;
    nlohmann::json V = verdicts(Findings, Events)[Awaited];
    EXPECT_EQ(V["status"], "not-watched") << V.dump();
    EXPECT_NE(V.value("summary", "").find(Reason), std::string::npos) << V.dump();
  };

  // perf_event_open refused, as a container's seccomp policy refuses it.
  Expect(shell(run(Events, Site + " --executable " + Spawns,
                   std::string(ASYNCLINT_TEST_DENY_PERF) + " " + Spawns + " awaited")),
         "perf_event_open refused a hardware breakpoint");

  // Two watchpoints leave two debug registers; the spawn needs three.
  Result Registers =
      shell(run(Events, Site + " --watch first_counter,second_counter", Spawns + " awaited"));
  SKIP_WITHOUT_BREAKPOINTS(Registers.Output);
  Expect(Registers, "more than the CPU's 4 debug registers");

  // A task the program has no coroutine of.
  Expect(shell(run(Events,
                   "--spawn-site " + SpawnsSource + ":" + std::to_string(Awaited) + ":no_such_task",
                   Spawns + " awaited")),
         "'no_such_task' is not a coroutine");

  // A finding's task spawned into a handle and awaited on a later line.
  unsigned Handle = lineOf(SpawnsSource, "LINE-handle");
  writeFindings(Findings, {Handle}, {{"work", "'visit'"}, {"kind", "awaited-in-sequence"}});
  Result Later = shell(run(Events, "--findings " + Findings, Spawns + " awaited"));
  EXPECT_NE(Later.Output.find("awaited after the spawn's line"), std::string::npos) << Later.Output;
  EXPECT_EQ(verdicts(Findings, Events)[Handle]["status"], "not-watched");

  // A line with no code.
  writeFindings(Findings, {1});
  Result NoCode =
      shell(run(Events, "--spawn-site " + SpawnsSource + ":1:visit", Spawns + " awaited"));
  EXPECT_NE(NoCode.Output.find("no code at"), std::string::npos) << NoCode.Output;
  EXPECT_EQ(verdicts(Findings, Events)[1]["status"], "not-watched");
}

} // namespace
