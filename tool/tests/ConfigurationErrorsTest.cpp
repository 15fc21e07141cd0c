//===--- ConfigurationErrorsTest.cpp - a broken configuration is an error --===//
//
// Each configuration mistake prints one line naming the file and the key,
// exits 2, and is neither a finding nor recorded in a baseline.
//
//===----------------------------------------------------------------------===//
#include "ToolRunner.h"

#include <gtest/gtest.h>

namespace asynclint::tooltest {
namespace {

class ConfigurationErrors : public ::testing::Test {
protected:
  void SetUp() override {
    P.write("src/bad.cpp", BlockingSource);
    P.writeDatabase({"src/bad.cpp"});
    Outcome Record = P.asynclint("check --write-baseline=baseline.json");
    ASSERT_EQ(Record.Status, 0) << Record.Err;
    Baseline = readFile(P.path("baseline.json"));
  }

  /// Runs with and without the baseline options; both must fail alike.
  void expectConfigurationError(const std::string &Mentions, const std::string &Arguments = "") {
    for (const std::string &Run :
         {"check --baseline=baseline.json " + Arguments,
          "check --format=json --write-baseline=baseline.json " + Arguments}) {
      Outcome R = P.asynclint(Run);
      EXPECT_EQ(R.Status, 2) << Run << "\n" << R.Out << R.Err;
      EXPECT_EQ(R.Out, "") << Run;
      EXPECT_EQ(R.Err, "asynclint check: configuration error: " + Mentions + "\n") << Run;
      EXPECT_EQ(readFile(P.path("baseline.json")), Baseline) << Run;
    }
  }

  std::string file(const std::string &Relative) const { return P.path(Relative).string(); }

  ScratchProject P;
  std::string Baseline;
};

TEST_F(ConfigurationErrors, UnknownCheckInClangTidyFile) {
  P.write(".clang-tidy", "Checks: '-*,async-*,async-no-such-check'\n");
  expectConfigurationError(file(".clang-tidy") +
                           ": Checks: 'async-no-such-check' matches no known check");
}

TEST_F(ConfigurationErrors, UnknownCheckInConfigOption) {
  Outcome R = P.asynclint("check --config=\"{Checks: '-*,async-blocking-in-corutine'}\"");
  EXPECT_EQ(R.Status, 2);
  EXPECT_EQ(R.Err,
            "asynclint check: --config: Checks: 'async-blocking-in-corutine' matches no known "
            "check\n");
}

TEST_F(ConfigurationErrors, UnknownOptionValue) {
  P.write("src/.clang-tidy",
          "CheckOptions:\n  async-blocking-in-coroutine.EnabledCategories: 'mutx'\n");
  expectConfigurationError(file("src/.clang-tidy") +
                           ": async-blocking-in-coroutine.EnabledCategories: unknown blocking "
                           "category 'mutx'");
}

TEST_F(ConfigurationErrors, MissingCatalogFile) {
  P.write(".clang-tidy", "CheckOptions:\n  CatalogFiles: 'tools/missing.json'\n");
  expectConfigurationError(file(".clang-tidy") + ": CatalogFiles: cannot read catalog file '" +
                           file("tools/missing.json") + "'");
}

TEST_F(ConfigurationErrors, CatalogWithAMisspelledSection) {
  P.write("tools/catalog.json", R"({"format": 1, "blockng": [{"category": "sleep",
                                    "functions": ["mylib::nap"]}]})");
  P.write(".clang-tidy", "CheckOptions:\n  CatalogFiles: 'tools/catalog.json'\n");
  expectConfigurationError(file(".clang-tidy") + ": CatalogFiles: " + file("tools/catalog.json") +
                           ": catalog: unknown key 'blockng'");
}

TEST_F(ConfigurationErrors, BrokenClangTidyYaml) {
  P.write(".clang-tidy", "Checks: '-*,async-*'\nCheckOptions:\n  - key: [unclosed\n");
  Outcome R = P.asynclint("check --baseline=baseline.json");
  EXPECT_EQ(R.Status, 2) << R.Out << R.Err;
  EXPECT_EQ(R.Out, "");
  EXPECT_EQ(R.Err.rfind("asynclint check: configuration error: " + file(".clang-tidy") + ":3:", 0),
            0u)
      << R.Err;
  EXPECT_EQ(std::count(R.Err.begin(), R.Err.end(), '\n'), 1) << R.Err;
  P.write(".clang-tidy", "Checks: '-*,async-*'\nCheckOption:\n  x: y\n");
  expectConfigurationError(file(".clang-tidy") + ":2:1: unknown key 'CheckOption'");
}

/// A .clang-tidy names its catalog relative to itself; every way of running
/// the checks finds it, from any folder.
TEST_F(ConfigurationErrors, CatalogFilesAreRelativeToTheClangTidyNamingThem) {
  std::string Source = std::string(BlockingSource) +
                       "namespace legacydb { void query() {} }\n"
                       "task fetch() {\n  legacydb::query();\n  co_return;\n}\n";
  P.write("src/bad.cpp", Source);
  P.write("config/db-catalog.json",
          R"({"format": 1, "blocking": [{"category": "database", "what": "queries the database",
              "functions": ["legacydb::query"]}]})");
  P.write(".clang-tidy", "CheckOptions:\n  CatalogFiles: 'config/db-catalog.json'\n");
  P.write("build/.keep", "");
  for (const std::string &Folder : {std::string("."), std::string("src"), std::string("build")}) {
    Outcome R =
        shell(quote(ASYNCLINT_TEST_EXE) + " check -p " + quote(P.dir().string()), P.path(Folder));
    EXPECT_EQ(R.Status, 1) << Folder << ": " << R.Err;
    EXPECT_NE(R.Out.find("bad.cpp:19:3: warning: 'legacydb::query'"), std::string::npos)
        << Folder << ": " << R.Out;
  }
  // clang-tidy with the plugin, run from the build folder as
  // CMAKE_CXX_CLANG_TIDY runs it.
  Outcome Tidy = shell(quote(ASYNCLINT_TEST_CLANG_TIDY) +
                           " --load=" + quote(ASYNCLINT_TEST_BINARY_DIR "/lib/libAsyncLint.so") +
                           " -checks=-*,async-* -p " + quote(P.dir().string()) + " " +
                           quote(P.path("src/bad.cpp").string()),
                       P.path("build"));
  EXPECT_NE(Tidy.Out.find("bad.cpp:19:3: warning: 'legacydb::query'"), std::string::npos)
      << Tidy.Out << Tidy.Err;
  EXPECT_EQ(Tidy.Err.find("cannot read"), std::string::npos) << Tidy.Err;
}

} // namespace
} // namespace asynclint::tooltest
