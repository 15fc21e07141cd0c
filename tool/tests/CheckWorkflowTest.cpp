//===--- CheckWorkflowTest.cpp - baselines, fixes, config, changed files -===//
#include "ToolRunner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace asynclint::tooltest {
namespace {

using nlohmann::json;

TEST(CheckWorkflow, BaselineHidesKnownFindingsOnly) {
  ScratchProject P;
  P.write("bad.cpp", BlockingSource);
  P.writeDatabase({"bad.cpp"});
  Outcome Record = P.asynclint("check --write-baseline=baseline.json");
  EXPECT_EQ(Record.Status, 0) << Record.Err;
  Outcome Known = P.asynclint("check --baseline=baseline.json");
  EXPECT_EQ(Known.Status, 0) << Known.Out << Known.Err;
  EXPECT_EQ(Known.Out, "");

  // Moving the old finding down does not bring it back; a new one is reported.
  std::string Moved = std::string("#include <vector>\n") + BlockingSource +
                      "task other() {\n  std::this_thread::sleep_for(std::chrono::seconds(2));\n"
                      "  co_return;\n}\n";
  P.write("bad.cpp", Moved);
  Outcome New = P.asynclint("check --baseline=baseline.json --format=json");
  EXPECT_EQ(New.Status, 1) << New.Err;
  json J = json::parse(New.Out);
  ASSERT_EQ(J["findings"].size(), 1u);
  EXPECT_EQ(J["findings"][0]["line"], 19);

  P.write("garbage.json", "[1, 2");
  EXPECT_EQ(P.asynclint("check --baseline=garbage.json").Status, 2);
}

TEST(CheckWorkflow, FixRewritesOnlyFilesWithFixIts) {
  ScratchProject P;
  P.write("nullptr.cpp", "int *p = 0;\nint *q = 0;\n");
  P.write("bad.cpp", BlockingSource);
  P.writeDatabase({"nullptr.cpp", "bad.cpp"});
  auto Before = std::filesystem::last_write_time(P.path("bad.cpp"));
  Outcome R = P.asynclint("check --checks=modernize-use-nullptr --fix");
  EXPECT_EQ(readFile(P.path("nullptr.cpp")), "int *p = nullptr;\nint *q = nullptr;\n");
  EXPECT_EQ(readFile(P.path("bad.cpp")), BlockingSource);
  EXPECT_EQ(std::filesystem::last_write_time(P.path("bad.cpp")), Before);
  // The blocking call has no fix-it: it is still reported.
  EXPECT_EQ(R.Status, 1) << R.Err;
  EXPECT_NE(R.Out.find("async-blocking-in-coroutine"), std::string::npos);
  EXPECT_EQ(R.Out.find("modernize-use-nullptr"), std::string::npos) << R.Out;
  EXPECT_NE(R.Err.find("fixed 2 findings in 1 files"), std::string::npos) << R.Err;
}

TEST(CheckWorkflow, ClangTidyFilesAndCheckOptionsApply) {
  ScratchProject P;
  std::string Source = std::string(BlockingSource) +
                       "namespace mylib { void fetch_sync() {} }\n"
                       "task fetcher() {\n  mylib::fetch_sync();\n  co_return;\n}\n";
  P.write("src/a.cpp", Source);
  P.writeDatabase({"src/a.cpp"});
  json Plain = json::parse(P.asynclint("check --format=json").Out);
  EXPECT_EQ(Plain["findings"].size(), 1u);

  P.write(".clang-tidy", "CheckOptions:\n"
                         "  async-blocking-in-coroutine.BlockingFunctions: 'mylib::fetch_sync'\n");
  json Configured = json::parse(P.asynclint("check --format=json").Out);
  ASSERT_EQ(Configured["findings"].size(), 2u);
  EXPECT_EQ(Configured["findings"][1]["line"], 19);

  // A nearer .clang-tidy wins, as in clang-tidy; Checks globs append.
  P.write("src/.clang-tidy", "Checks: '-async-*'\n");
  Outcome Off = P.asynclint("check");
  EXPECT_EQ(Off.Status, 0) << Off.Out << Off.Err;
  // --config replaces the files.
  Outcome Inline = P.asynclint("check --config='{}'");
  EXPECT_EQ(Inline.Status, 1) << Inline.Err;
}

TEST(CheckWorkflow, ParallelRunGivesTheSameReport) {
  ScratchProject P;
  std::vector<std::string> Files;
  for (int I = 0; I < 4; ++I) {
    Files.push_back("f" + std::to_string(I) + ".cpp");
    P.write(Files.back(), I % 2 ? CleanSource : BlockingSource);
  }
  P.writeDatabase(Files);
  Outcome Serial = P.asynclint("check -j1 --format=json");
  Outcome Parallel = P.asynclint("check -j 3 --format=json");
  EXPECT_EQ(Serial.Status, 1);
  EXPECT_EQ(Serial.Out, Parallel.Out);
  EXPECT_EQ(json::parse(Serial.Out)["findings"].size(), 2u);
}

TEST(CheckWorkflow, ChangedSinceAnalysesTouchedUnitsAndIncluders) {
  ScratchProject P;
  std::string Git = "git -c user.name=t -c user.email=t@t -c commit.gpgsign=false ";
  P.write("include/slow.h", "#pragma once\n#include <chrono>\n#include <thread>\n"
                            "inline void nap() {}\n");
  P.write("uses_header.cpp", std::string("#include \"include/slow.h\"\n") + CleanSource);
  P.write("bad.cpp", BlockingSource);
  P.write("other.cpp", CleanSource);
  P.writeDatabase({"uses_header.cpp", "bad.cpp", "other.cpp"});
  ASSERT_EQ(
      shell("git init -q . && " + Git + "add -A && " + Git + "commit -q -m init", P.dir()).Status,
      0);

  Outcome Nothing = P.asynclint("check --changed-since HEAD");
  EXPECT_EQ(Nothing.Status, 0) << Nothing.Err;
  EXPECT_NE(Nothing.Err.find("in 0 translation units"), std::string::npos) << Nothing.Err;

  // A header change reaches the unit that includes it, and only that one.
  P.write("include/slow.h",
          "#pragma once\n#include <chrono>\n#include <thread>\n"
          "inline void nap() { std::this_thread::sleep_for(std::chrono::seconds(1)); }\n");
  Outcome Header = P.asynclint("check --changed-since HEAD");
  EXPECT_EQ(Header.Status, 0) << Header.Err;
  EXPECT_NE(Header.Err.find("in 1 translation units"), std::string::npos) << Header.Err;

  // An untracked unit counts as changed.
  P.write("new.cpp", BlockingSource);
  P.writeDatabase({"uses_header.cpp", "bad.cpp", "other.cpp", "new.cpp"});
  Outcome Untracked = P.asynclint("check --changed-since HEAD --format=json");
  EXPECT_EQ(Untracked.Status, 1) << Untracked.Err;
  json J = json::parse(Untracked.Out);
  ASSERT_EQ(J["findings"].size(), 1u);
  EXPECT_EQ(J["findings"][0]["file"], P.path("new.cpp").string());

  Outcome BadRev = P.asynclint("check --changed-since no-such-rev");
  EXPECT_EQ(BadRev.Status, 2);
  EXPECT_NE(BadRev.Err.find("no-such-rev"), std::string::npos) << BadRev.Err;
}

} // namespace
} // namespace asynclint::tooltest
