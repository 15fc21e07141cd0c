//===--- CommandsTest.cpp - asynclint run and asynclint verify ------------===//
//
// The two subcommands as a user runs them: a program under `asynclint run`,
// then its findings joined with the events by `asynclint verify`.
//
//===----------------------------------------------------------------------===//
#include "Subprocess.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>

namespace {

struct Result {
  int Status = -1;
  std::string Output;
};

/// The command's exit code (-1 when it did not exit normally) and output.
Result shell(const std::string &Command) {
  asynclint::corpus::CommandResult Run = asynclint::corpus::runShell(Command);
  bool Exited = Run.Status != -1 && WIFEXITED(Run.Status);
  return {Exited ? WEXITSTATUS(Run.Status) : -1, Run.Output};
}

unsigned lineOf(const std::string &File, const std::string &Marker) {
  std::ifstream In(File);
  std::string Line;
  for (unsigned N = 1; std::getline(In, Line); ++N)
    if (Line.find(Marker) != std::string::npos)
      return N;
  return 0;
}

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

} // namespace
