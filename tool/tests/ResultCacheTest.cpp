//===--- ResultCacheTest.cpp - a re-run reuses results, never stale ones --===//
//
// Three units, one of which includes a header: an unchanged re-run takes
// every unit from the cache; changing what a unit depends on (a header it
// includes, a flag, a .clang-tidy file, a catalog file, a header that
// shadows another in the include path, the asynclint binary) analyses it
// again, and only it.
//
//===----------------------------------------------------------------------===//
#include "ToolRunner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <regex>

namespace asynclint::tooltest {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

/// How many units the run took from the cache (its summary line says).
unsigned reused(const Outcome &R) {
  std::smatch Match;
  static const std::regex Count("([0-9]+) taken from the cache");
  return std::regex_search(R.Err, Match, Count) ? std::stoul(Match[1]) : 0;
}

std::vector<unsigned> findingLines(const Outcome &R) {
  std::vector<unsigned> Lines;
  json Report = json::parse(R.Out);
  for (const json &F : Report["findings"])
    Lines.push_back(F["line"]);
  return Lines;
}

class ResultCache : public ::testing::Test {
protected:
  void SetUp() override {
    Work.write("task.h", TaskHeader);
    Work.write("inc/first/.keep", "");
    Work.write("inc/second/helper.h", "#pragma once\nnamespace app { inline void helper() {} }\n");
    // a.cpp calls a header's helper; b.cpp and c.cpp include nothing of ours.
    Work.write("a.cpp", "#include \"task.h\"\n#include <helper.h>\n"
                        "task a() { app::helper(); co_return; }\n");
    Work.write("b.cpp", "#include \"task.h\"\n#include <unistd.h>\n"
                        "task b() {\n#if SLOW\n  ::sleep(1);\n#endif\n  co_return;\n}\n");
    Work.write("c.cpp",
               "#include \"task.h\"\n#include <unistd.h>\ntask c() { ::sleep(1); co_return; }\n");
    writeDatabase("-DSLOW=0");
  }

  void writeDatabase(const std::string &Define) {
    json Commands = json::array();
    for (const char *File : {"a.cpp", "b.cpp", "c.cpp"})
      Commands.push_back({{"directory", Work.dir().string()},
                          {"file", (Work.dir() / File).string()},
                          {"arguments",
                           {ASYNCLINT_TEST_CLANGXX, "-std=c++20", Define, "-Iinc/first",
                            "-Iinc/second", "-c", File}}});
    Work.write("compile_commands.json", Commands.dump(2));
  }

  Outcome check(const std::string &Extra = "") const {
    return Work.asynclint("check --format=json -j2 " + Extra);
  }

  ScratchProject Work;
};

TEST_F(ResultCache, AnUnchangedRerunTakesEveryUnitFromTheCache) {
  Outcome Cold = check();
  ASSERT_EQ(Cold.Status, 1) << Cold.Err;
  EXPECT_EQ(reused(Cold), 0u);
  EXPECT_TRUE(fs::is_directory(Work.path(".asynclint-cache")))
      << "the default: beside the database";
  Outcome Warm = check();
  EXPECT_EQ(Warm.Status, 1) << Warm.Err;
  EXPECT_EQ(reused(Warm), 3u) << Warm.Err;
  EXPECT_EQ(Warm.Out, Cold.Out) << "the same report";
}

TEST_F(ResultCache, AnEditedHeaderAnalysesOnlyTheUnitsThatIncludeIt) {
  ASSERT_EQ(check().Status, 1);
  Work.write("inc/second/helper.h", "#pragma once\n#include <unistd.h>\n"
                                    "namespace app { inline void helper() { ::sleep(1); } }\n");
  Outcome R = check();
  EXPECT_EQ(reused(R), 2u) << R.Err;
  EXPECT_EQ(findingLines(R), (std::vector<unsigned>{3, 3})) << R.Out; // a.cpp:3, c.cpp:3
}

TEST_F(ResultCache, AChangedFlagIsAnotherKey) {
  ASSERT_EQ(findingLines(check()).size(), 1u);
  writeDatabase("-DSLOW=1");
  Outcome R = check();
  EXPECT_EQ(reused(R), 0u) << R.Err;
  EXPECT_EQ(findingLines(R).size(), 2u) << R.Out;
}

TEST_F(ResultCache, AChangedClangTidyFileIsSeen) {
  ASSERT_EQ(findingLines(check()).size(), 1u);
  Work.write(".clang-tidy",
             "CheckOptions:\n  async-blocking-in-coroutine.DisabledCategories: 'sleep'\n");
  Outcome R = check();
  EXPECT_EQ(reused(R), 0u) << R.Err;
  EXPECT_TRUE(findingLines(R).empty()) << R.Out;
  Work.write(".clang-tidy",
             "CheckOptions:\n  async-blocking-in-coroutine.DisabledCategories: ''\n");
  EXPECT_EQ(findingLines(check()).size(), 1u);
}

TEST_F(ResultCache, AChangedCatalogFileIsSeen) {
  Work.write("extra.json", R"({"blocking": []})");
  Work.write(".clang-tidy", "CheckOptions:\n  CatalogFiles: 'extra.json'\n");
  ASSERT_EQ(findingLines(check()).size(), 1u);
  Work.write("extra.json", R"({"blocking": [{"category": "app", "what": "waits for the app",
                              "functions": ["app::helper"]}]})");
  Outcome R = check();
  EXPECT_EQ(findingLines(R).size(), 2u) << R.Out << R.Err;
}

TEST_F(ResultCache, AHeaderThatNowShadowsAnotherIsSeen) {
  ASSERT_EQ(findingLines(check()).size(), 1u);
  // -Iinc/first comes first: this helper.h now wins over inc/second's.
  Work.write("inc/first/helper.h", "#pragma once\n#include <unistd.h>\n"
                                   "namespace app { inline void helper() { ::sleep(1); } }\n");
  Outcome R = check();
  EXPECT_EQ(findingLines(R).size(), 2u) << R.Out;
}

TEST_F(ResultCache, ANewAsynclintBuildIsAnotherKey) {
  fs::path Tool = Work.path("bin/asynclint");
  fs::create_directories(Tool.parent_path());
  fs::copy_file(ASYNCLINT_TEST_EXE, Tool);
  auto Run = [&] { return shell(quote(Tool.string()) + " check --format=json", Work.dir()); };
  ASSERT_EQ(Run().Status, 1);
  ASSERT_EQ(reused(Run()), 3u);
  // What installing another build does to the binary.
  fs::last_write_time(Tool, fs::last_write_time(Tool) + std::chrono::hours(1));
  Outcome R = Run();
  EXPECT_EQ(reused(R), 0u) << R.Err;
}

TEST_F(ResultCache, NoCacheNeitherReadsNorWritesAndCacheDirMovesIt) {
  Outcome R = check("--no-cache");
  ASSERT_EQ(R.Status, 1) << R.Err;
  EXPECT_FALSE(fs::exists(Work.path(".asynclint-cache")));
  ASSERT_EQ(check("--cache-dir elsewhere").Status, 1);
  EXPECT_TRUE(fs::is_directory(Work.path("elsewhere")));
  EXPECT_EQ(reused(check("--cache-dir elsewhere")), 3u);
  EXPECT_EQ(reused(check("--no-cache")), 0u);
}

} // namespace
} // namespace asynclint::tooltest
