//===--- ShardsTest.cpp - N shards merged = one run -----------------------===//
//
// The corpus split into 3 shards (`check --shard I/3 --facts-out DIR`),
// merged (`asynclint merge DIR`), gives the report of a single run, byte for
// byte, in JSON and SARIF; so does a whole-program project whose units
// (and so the facts behind its findings) sit in different shards.
//
//===----------------------------------------------------------------------===//
#include "CorpusFile.h"
#include "ToolRunner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace asynclint::tooltest {
namespace {

namespace fs = std::filesystem;

/// A single run and a 3-shard run of the database in \p DatabaseDir, in
/// \p Format; both outputs.
std::pair<Outcome, Outcome> singleAndSharded(const ScratchProject &Work,
                                             const std::string &DatabaseDir) {
  std::string Common = "check -p " + quote(DatabaseDir) + " --config='{}' --no-cache -j2";
  Outcome Single = Work.asynclint(Common + " --format=json");
  for (int I = 1; I <= 3; ++I) {
    Outcome Shard =
        Work.asynclint(Common + " --shard " + std::to_string(I) + "/3 --facts-out facts");
    EXPECT_EQ(Shard.Status, 0) << Shard.Err;
    EXPECT_TRUE(fs::exists(Work.path("facts/shard-" + std::to_string(I) + "-of-3.json")));
  }
  return {Single, Work.asynclint("merge facts --format=json")};
}

TEST(Shards, TheCorpusInThreeShardsMergesIntoTheSingleRunsReport) {
  ScratchProject Work;
  auto [Single, Merged] = singleAndSharded(Work, ASYNCLINT_TEST_CORPUS_DATABASE_DIR);
  ASSERT_EQ(Single.Status, 1) << Single.Err;
  EXPECT_EQ(Merged.Status, 1) << Merged.Err;
  EXPECT_GT(nlohmann::json::parse(Single.Out)["findings"].size(), 50u);
  EXPECT_EQ(Merged.Out, Single.Out);

  Outcome Sarif = Work.asynclint("merge facts --format=sarif");
  Outcome Text = Work.asynclint("merge facts --format=text");
  EXPECT_EQ(Sarif.Status, 1);
  EXPECT_NE(Sarif.Out.find("\"version\": \"2.1.0\""), std::string::npos);
  EXPECT_NE(Text.Out.find("[async-blocking-in-coroutine]"), std::string::npos);
}

class ShardedPrograms : public ::testing::TestWithParam<std::string> {};

TEST_P(ShardedPrograms, FindingsThatNeedUnitsOfOtherShardsAreMergedToo) {
  ScratchProject Work;
  fs::path Program = fs::path(ASYNCLINT_TEST_CORPUS_DIR) / "programs" / GetParam();
  nlohmann::json Commands = nlohmann::json::array();
  for (const fs::directory_entry &Unit : fs::directory_iterator(Program)) {
    if (Unit.path().extension() != ".cpp")
      continue;
    std::vector<std::string> Arguments{ASYNCLINT_TEST_CLANGXX};
    for (const std::string &A : corpus::defaultCompileArgs(ASYNCLINT_TEST_CORPUS_DIR))
      Arguments.push_back(A);
    Arguments.insert(Arguments.end(), {"-c", Unit.path().string()});
    Commands.push_back({{"directory", Program.string()},
                        {"file", Unit.path().string()},
                        {"arguments", Arguments}});
  }
  Work.write("db/compile_commands.json", Commands.dump(2));
  auto [Single, Merged] = singleAndSharded(Work, Work.path("db").string());
  ASSERT_EQ(Single.Status, 1) << Single.Err;
  EXPECT_NE(Single.Out.find("\"whole_program\": true"), std::string::npos);
  EXPECT_EQ(Merged.Out, Single.Out);
}

// Blocking helpers across units; threads, entries and globals across units.
INSTANTIATE_TEST_SUITE_P(Programs, ShardedPrograms,
                         ::testing::Values("profile_service", "job_runner"));

TEST(Shards, MergeRefusesAnIncompleteSetAndBadShardSpecs) {
  ScratchProject Work;
  Work.write("a.cpp", BlockingSource);
  Work.writeDatabase({"a.cpp"});
  Outcome Bad = Work.asynclint("check --shard 4/3 --facts-out facts");
  EXPECT_EQ(Bad.Status, 2);
  EXPECT_NE(Bad.Err.find("--shard"), std::string::npos) << Bad.Err;
  ASSERT_EQ(Work.asynclint("check --shard 2/2 --facts-out facts").Status, 0);
  Outcome Missing = Work.asynclint("merge facts");
  EXPECT_EQ(Missing.Status, 2);
  EXPECT_NE(Missing.Err.find("shard 1 of 2 is missing"), std::string::npos) << Missing.Err;
  ASSERT_EQ(Work.asynclint("check --shard 1/2 --facts-out facts").Status, 0);
  Outcome Complete = Work.asynclint("merge facts --format=json");
  EXPECT_EQ(Complete.Status, 1) << Complete.Err;
  EXPECT_EQ(Work.asynclint("merge empty-folder").Status, 2);
}

} // namespace
} // namespace asynclint::tooltest
