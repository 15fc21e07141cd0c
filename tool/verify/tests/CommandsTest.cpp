//===--- CommandsTest.cpp - asynclint run and asynclint verify ------------===//
//
// The two subcommands as a user runs them: a program under `asynclint run`,
// then its findings joined with the events by `asynclint verify`.
//
//===----------------------------------------------------------------------===//
#include "RuntimeHarness.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

using asynclint::rttest::lineOf;
using asynclint::rttest::shell;
using Result = asynclint::rttest::ShellResult;

namespace {

const std::string Tool = ASYNCLINT_TEST_TOOL;
const std::string Program = ASYNCLINT_TEST_THREADS;
const std::string Source = ASYNCLINT_TEST_PROGRAMS_DIR "/threads.cpp";

TEST(Commands, RunRecordsSymbolisedEventsAndVerifyGivesEachFindingItsVerdict) {
  std::string Dir = ::testing::TempDir();
  std::string Events = Dir + "/commands-events.jsonl";
  std::string Findings = Dir + "/commands-findings.json";

  Result Run = shell(Tool + " run --runtime " + ASYNCLINT_TEST_RUNTIME + " --events " + Events +
                     " --timeout 10 -- " + Program + " join-at-once");
  ASSERT_EQ(Run.Status, 0) << Run.Output;
  EXPECT_NE(Run.Output.find("1 serialized-spawn"), std::string::npos) << Run.Output;
  std::ifstream In(Events);
  bool Symbolised = false;
  for (std::string Line; std::getline(In, Line);)
    if (Line.find("\"file\":\"" + Source + "\"") != std::string::npos)
      Symbolised = true;
  EXPECT_TRUE(Symbolised) << "no frame of the events names " << Source;

  unsigned Spawn = lineOf(Source, "LINE-join-at-once");
  unsigned Elsewhere = lineOf(Source, "LINE-async-discarded");
  nlohmann::json Report = {
      {"version", 1}, {"root", ASYNCLINT_TEST_PROGRAMS_DIR}, {"errors", nlohmann::json::array()}};
  for (unsigned Line : {Spawn, Elsewhere})
    Report["findings"].push_back({{"check", "async-immediate-await"},
                                  {"message", "'std::thread' starts 'work' concurrently, but ..."},
                                  {"severity", "warning"},
                                  {"file", Source},
                                  {"line", Line},
                                  {"column", 5},
                                  {"notes", nlohmann::json::array()},
                                  {"fixes", nlohmann::json::array()},
                                  {"fingerprint", "0123456789abcdef"}});
  std::ofstream(Findings) << Report.dump();

  Result Verify =
      shell(Tool + " verify --findings " + Findings + " --events " + Events + " --format json");
  EXPECT_EQ(Verify.Status, 1) << Verify.Output; // a confirmed finding
  nlohmann::json Out = nlohmann::json::parse(Verify.Output, nullptr, false);
  ASSERT_FALSE(Out.is_discarded()) << Verify.Output;
  ASSERT_EQ(Out["findings"].size(), 2u);
  EXPECT_EQ(Out["findings"][0]["verification"]["status"], "confirmed");
  EXPECT_EQ(Out["findings"][1]["verification"]["status"], "not-observed");
  EXPECT_TRUE(Out["unpredicted_events"].empty());

  Result Text = shell(Tool + " verify --findings " + Findings + " --events " + Events);
  EXPECT_NE(Text.Output.find("1 confirmed, 1 not observed, 0 observed without a finding"),
            std::string::npos)
      << Text.Output;
}

// `check --verify-with` is `check` then `verify` in one step: the static
// findings of the program's source come out with their verdicts.
TEST(Commands, CheckVerifyWithMarksTheStaticFindingsOfARun) {
  std::string Dir = ::testing::TempDir() + "/check-verify-with";
  shell("rm -rf '" + Dir + "' && mkdir -p '" + Dir + "'");
  std::string Events = Dir + "/events.jsonl";
  Result Run = shell(Tool + " run --runtime " + ASYNCLINT_TEST_RUNTIME + " --events " + Events +
                     " --timeout 10 -- " + Program + " join-at-once");
  ASSERT_EQ(Run.Status, 0) << Run.Output;

  nlohmann::json Database = nlohmann::json::array();
  Database.push_back({{"directory", Dir},
                      {"file", Source},
                      {"arguments",
                       {"clang++", "-std=c++20", "-I" ASYNCLINT_TEST_PROGRAMS_DIR "/../../include",
                        "-c", Source}}});
  std::ofstream(Dir + "/compile_commands.json") << Database.dump();

  Result Check =
      shell(Tool + " check -p " + Dir + " " + Source + " --format json --verify-with " + Events);
  EXPECT_EQ(Check.Status, 1) << Check.Output;
  std::string Json = Check.Output.substr(0, Check.Output.rfind("asynclint: "));
  nlohmann::json Out = nlohmann::json::parse(Json, nullptr, false);
  ASSERT_FALSE(Out.is_discarded()) << Check.Output;
  ASSERT_TRUE(Out.contains("unpredicted_events")) << Check.Output;
  unsigned Spawn = lineOf(Source, "LINE-join-at-once");
  bool SawSpawn = false;
  for (const nlohmann::json &F : Out["findings"]) {
    ASSERT_TRUE(F.contains("verification")) << F.dump();
    if (F["check"] == "async-immediate-await" && F["line"] == Spawn) {
      SawSpawn = true;
      EXPECT_EQ(F["verification"]["status"], "confirmed") << F.dump();
    }
  }
  EXPECT_TRUE(SawSpawn) << Check.Output;

  Result Missing =
      shell(Tool + " check -p " + Dir + " " + Source + " --verify-with " + Dir + "/missing.jsonl");
  EXPECT_EQ(Missing.Status, 2) << Missing.Output;
}

TEST(Commands, VerifyRejectsAMissingEventsFile) {
  std::string Findings = std::string(::testing::TempDir()) + "/empty-findings.json";
  std::ofstream(Findings) << R"({"version": 1, "root": "/", "findings": [], "errors": []})";
  Result Verify = shell(Tool + " verify --findings " + Findings + " --events /nonexistent.jsonl");
  EXPECT_EQ(Verify.Status, 2) << Verify.Output;
}

nlohmann::json sharedStateReport(const std::vector<std::string> &Variables) {
  nlohmann::json Report = {
      {"version", 1}, {"root", ASYNCLINT_TEST_PROGRAMS_DIR}, {"errors", nlohmann::json::array()}};
  unsigned Line = 10;
  for (const std::string &V : Variables)
    Report["findings"].push_back({{"check", "async-unguarded-shared-state"},
                                  {"message", "'" + V + "' is written by several threads"},
                                  {"properties", {{"variable", V}}},
                                  {"severity", "warning"},
                                  {"file", Source},
                                  {"line", Line++},
                                  {"column", 3},
                                  {"notes", nlohmann::json::array()},
                                  {"fixes", nlohmann::json::array()},
                                  {"fingerprint", "0123456789abcdef"}});
  return Report;
}

// What the run could not watch is said while it runs, and verify calls it
// not-watched (with the reason), never not-observed.
TEST(Commands, AnUnwatchedVariableIsSaidByRunAndIsNotWatchedInVerify) {
  std::string Dir = ::testing::TempDir();
  std::string Events = Dir + "/unwatched-events.jsonl";
  std::string Findings = Dir + "/unwatched-findings.json";
  std::ofstream(Findings) << sharedStateReport({"no_such_variable", "never_asked"}).dump();
  Result Run = shell(Tool + " run --runtime " + ASYNCLINT_TEST_RUNTIME + " --events " + Events +
                     " --watch no_such_variable --timeout 10 -- " + Program + " unmarked");
  ASSERT_EQ(Run.Status, 0) << Run.Output;
  EXPECT_NE(Run.Output.find("asynclint run: not watching 'no_such_variable': not in the "
                            "program's symbol table"),
            std::string::npos)
      << Run.Output;

  Result Json =
      shell(Tool + " verify --findings " + Findings + " --events " + Events + " --format json");
  nlohmann::json Out = nlohmann::json::parse(Json.Output, nullptr, false);
  ASSERT_FALSE(Out.is_discarded()) << Json.Output;
  for (const nlohmann::json &F : Out["findings"])
    EXPECT_EQ(F["verification"]["status"], "not-watched") << F.dump();
  EXPECT_NE(Out["findings"][0]["verification"]["summary"].get<std::string>().find("symbol table"),
            std::string::npos);
  EXPECT_NE(Out["findings"][1]["verification"]["summary"].get<std::string>().find("--watch"),
            std::string::npos);

  Result Sarif =
      shell(Tool + " verify --findings " + Findings + " --events " + Events + " --format sarif");
  EXPECT_NE(Sarif.Output.find("\"not-watched\""), std::string::npos) << Sarif.Output;
  EXPECT_EQ(Sarif.Output.find("\"not-observed\""), std::string::npos) << Sarif.Output;

  Result Text = shell(Tool + " verify --findings " + Findings + " --events " + Events);
  EXPECT_NE(Text.Output.find("0 confirmed, 2 not watched, 0 observed without a finding"),
            std::string::npos)
      << Text.Output;
}

// Every line is checked: one clear error naming the file and line, exit 2,
// no exception escaping.
TEST(Commands, VerifyRejectsAnInvalidEventsFileNamingTheLine) {
  std::string Dir = ::testing::TempDir();
  std::string Findings = Dir + "/invalid-events-findings.json";
  std::ofstream(Findings) << sharedStateReport({"v"}).dump();
  const std::string Start =
      R"({"type":"start","pid":1,"tid":1,"time_ns":1,"program":"p","categories":[],"watch":[],"modules":[]})";
  const std::string Blocking =
      R"({"type":"blocking","pid":1,"tid":1,"time_ns":2,"category":"sleep","symbol":"usleep","context":"coroutine","duration_ns":"long","occurrence":1,"stack":[]})";
  struct Case {
    const char *Name;
    std::string Text;
    std::string Expected;
  } Cases[] = {
      {"garbage", Start + "\n{not json\n", ":2: not JSON"},
      {"wrong-type", Start + "\n" + Blocking + "\n", ":2: \"duration_ns\" of a 'blocking' event"},
      {"unknown", Start + "\n{\"type\":\"telemetry\"}\n", ":2: unknown event type 'telemetry'"},
      {"truncated", Start + "\n{\"type\":\"race\",\"pid\"", ":2: the last line is cut short"},
      {"no-start", "", ": no start event"},
      {"binary",
       std::string("\x7f"
                   "ELF\x02\x01\x01\n",
                   8),
       ":1: not JSON"},
  };
  for (const Case &C : Cases) {
    std::string Events = Dir + "/invalid-" + C.Name + ".jsonl";
    std::ofstream(Events, std::ios::binary) << C.Text;
    Result Verify = shell(Tool + " verify --findings " + Findings + " --events " + Events);
    EXPECT_EQ(Verify.Status, 2) << C.Name << ": " << Verify.Output;
    EXPECT_NE(Verify.Output.find(Events + C.Expected), std::string::npos)
        << C.Name << ": " << Verify.Output;
    EXPECT_EQ(Verify.Output.find("terminate"), std::string::npos) << Verify.Output;
  }
}

// A copied asynclint looks beside itself and in ../lib, and says where it
// looked when the runtime is in neither.
TEST(Commands, RunFindsTheRuntimeBesideACopiedToolAndSaysWhenItIsMissing) {
  std::string Dir =
      std::filesystem::path(::testing::TempDir() + "/copied-tool").lexically_normal().string();
  shell("rm -rf '" + Dir + "' && mkdir -p '" + Dir + "/bin'");
  std::string Copy = Dir + "/bin/asynclint";
  shell("cp '" + Tool + "' '" + Copy + "'");
  Result Missing = shell(Copy + " run --events " + Dir + "/e.jsonl -- true");
  EXPECT_EQ(Missing.Status, 2) << Missing.Output;
  EXPECT_NE(Missing.Output.find("libasynclint-rt.so is missing"), std::string::npos)
      << Missing.Output;
  EXPECT_NE(Missing.Output.find(Dir + "/bin/libasynclint-rt.so"), std::string::npos)
      << Missing.Output;
  EXPECT_NE(Missing.Output.find("--runtime"), std::string::npos) << Missing.Output;

  shell("mkdir -p '" + Dir + "/lib' && cp '" ASYNCLINT_TEST_RUNTIME "' '" + Dir + "/lib/'");
  Result Found = shell(Copy + " run --events " + Dir + "/e.jsonl -- " + Program + " unmarked");
  EXPECT_EQ(Found.Status, 0) << Found.Output;
  EXPECT_NE(Found.Output.find("asynclint run: 0 events"), std::string::npos) << Found.Output;
}

// SIGTERM to `asynclint run` reaches the program, whose handler runs; the
// tool waits for it and still symbolises the events. Bounded: the test waits
// (at most 20 s) for the program to say its handler is in place, so no
// sleep decides the outcome.
TEST(Commands, RunPassesSigtermOnToTheProgramAndKeepsItsEvents) {
  std::string Dir = ::testing::TempDir() + "/forwarding";
  shell("rm -rf '" + Dir + "' && mkdir -p '" + Dir + "'");
  std::string Events = Dir + "/events.jsonl", Ready = Dir + "/ready";
  Result Run =
      shell("(" + Tool + " run --runtime " + ASYNCLINT_TEST_RUNTIME + " --events " + Events +
            " --timeout 30 -- " + ASYNCLINT_TEST_SIGNALS + " terminate " + Ready +
            " & tool=$!; for i in $(seq 400); do [ -e " + Ready +
            " ] && break; sleep 0.05; done; kill -TERM $tool; wait $tool; echo status=$?)");
  EXPECT_NE(Run.Output.find("status=0"), std::string::npos) << Run.Output;
  EXPECT_NE(Run.Output.find("passed signal 15"), std::string::npos) << Run.Output;
  std::ifstream In(Events);
  std::string Text((std::istreambuf_iterator<char>(In)), std::istreambuf_iterator<char>());
  EXPECT_NE(Text.find("\"context_function\":\"after-signals\""), std::string::npos) << Text;
  EXPECT_NE(Text.find("\"file\":"), std::string::npos) << "not symbolised: " << Text;
}

} // namespace
