//===--- CheckOutputTest.cpp - text, JSON and SARIF reports --------------===//
#include "ToolRunner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace asynclint::tooltest {
namespace {

using nlohmann::json;

TEST(CheckOutput, CleanCodeExitsZero) {
  ScratchProject P;
  P.write("good.cpp", CleanSource);
  P.writeDatabase({"good.cpp"});
  Outcome R = P.asynclint("check");
  EXPECT_EQ(R.Status, 0) << R.Err;
  EXPECT_EQ(R.Out, "");
}

TEST(CheckOutput, TextIsClangStyle) {
  ScratchProject P;
  P.write("bad.cpp", BlockingSource);
  P.write("good.cpp", CleanSource);
  P.writeDatabase({"bad.cpp", "good.cpp"});
  Outcome R = P.asynclint("check");
  EXPECT_EQ(R.Status, 1) << R.Err;
  std::string Expected = P.path("bad.cpp").string() + ":14:3: warning: ";
  EXPECT_EQ(R.Out.rfind(Expected, 0), 0u) << R.Out;
  EXPECT_NE(R.Out.find("[async-blocking-in-coroutine]\n"), std::string::npos);
  EXPECT_NE(R.Out.find("  std::this_thread::sleep_for(std::chrono::seconds(1));\n  ^\n"),
            std::string::npos)
      << R.Out;
  // Not a terminal: no progress line.
  EXPECT_EQ(R.Err.find('\r'), std::string::npos);
  EXPECT_NE(R.Err.find("1 finding in 2 translation units"), std::string::npos) << R.Err;
}

TEST(CheckOutput, ProgressLineOnATerminal) {
  ScratchProject P;
  P.write("bad.cpp", BlockingSource);
  P.write("good.cpp", CleanSource);
  P.writeDatabase({"bad.cpp", "good.cpp"});
  // script(1) gives the command a pseudo-terminal.
  Outcome R = shell("script -qec " + quote(quote(ASYNCLINT_TEST_EXE) + " check -j1") + " /dev/null",
                    P.dir());
  EXPECT_EQ(R.Status, 1) << R.Out << R.Err;
  EXPECT_NE(R.Out.find("\r\033[K[0/2] 0 findings"), std::string::npos) << R.Out;
  EXPECT_NE(R.Out.find("[2/2] 1 finding"), std::string::npos) << R.Out;
}

TEST(CheckOutput, JsonFollowsTheDocumentedSchema) {
  ScratchProject P;
  P.write("bad.cpp", BlockingSource);
  P.writeDatabase({"bad.cpp"});
  Outcome R = P.asynclint("check --format=json --output=report.json");
  EXPECT_EQ(R.Status, 1) << R.Err;
  EXPECT_EQ(R.Out, "");
  json J = json::parse(readFile(P.path("report.json")));
  EXPECT_EQ(J["version"], 1);
  ASSERT_EQ(J["findings"].size(), 1u);
  const json &F = J["findings"][0];
  EXPECT_EQ(F["check"], "async-blocking-in-coroutine");
  EXPECT_EQ(F["file"], P.path("bad.cpp").string());
  EXPECT_EQ(F["line"], BlockingLine);
  EXPECT_EQ(F["column"], 3);
  EXPECT_EQ(F["severity"], "warning");
  EXPECT_TRUE(F["notes"].is_array());
  EXPECT_TRUE(F["fixes"].is_array());
  EXPECT_EQ(F["fingerprint"].get<std::string>().size(), 16u);
  EXPECT_FALSE(F.contains("verification"));
  EXPECT_TRUE(J["errors"].empty());
}

TEST(CheckOutput, FingerprintSurvivesEditsAbove) {
  ScratchProject P;
  P.write("bad.cpp", BlockingSource);
  P.writeDatabase({"bad.cpp"});
  json Before = json::parse(P.asynclint("check --format=json").Out);
  P.write("bad.cpp", std::string("// a comment\n\n#include <vector>\n") + BlockingSource);
  json After = json::parse(P.asynclint("check --format=json").Out);
  ASSERT_EQ(After["findings"].size(), 1u);
  EXPECT_EQ(After["findings"][0]["line"], BlockingLine + 3);
  EXPECT_EQ(Before["findings"][0]["fingerprint"], After["findings"][0]["fingerprint"]);
}

TEST(CheckOutput, SarifValidatesAgainstTheSchema) {
  ScratchProject P;
  P.write("bad.cpp", BlockingSource);
  P.write("upstream.cpp", "int *p = 0;\n");
  P.writeDatabase({"bad.cpp", "upstream.cpp"});
  Outcome R = P.asynclint("check --checks=modernize-use-nullptr --format=sarif --output=out.sarif");
  ASSERT_EQ(R.Status, 1) << R.Err;
  json Log = json::parse(readFile(P.path("out.sarif")));
  const json &Run0 = Log["runs"][0];
  ASSERT_EQ(Run0["results"].size(), 2u);
  bool HelpFromDocs = false;
  for (const json &Rule : Run0["tool"]["driver"]["rules"])
    if (Rule["id"] == "async-blocking-in-coroutine")
      HelpFromDocs =
          Rule["help"]["markdown"].get<std::string>().find("async-blocking") != std::string::npos;
  EXPECT_TRUE(HelpFromDocs);
  const json &First = Run0["results"][0];
  EXPECT_EQ(First["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"], "SRCROOT");
  EXPECT_TRUE(First["partialFingerprints"].contains("asynclintFingerprint/v1"));
  EXPECT_TRUE(Run0["results"][1].contains("fixes")) << "modernize-use-nullptr has a fix-it";

  Outcome Valid = shell(quote(ASYNCLINT_TEST_PYTHON) + " " + quote(ASYNCLINT_TEST_VALIDATOR) + " " +
                            quote(ASYNCLINT_TEST_SARIF_SCHEMA) + " out.sarif",
                        P.dir());
  EXPECT_EQ(Valid.Status, 0) << Valid.Out << Valid.Err;

  // The validator does reject a log that breaks the schema.
  Log["runs"][0]["results"][0]["level"] = "severe";
  writeFile(P.path("broken.sarif"), Log.dump());
  Outcome Invalid = shell(quote(ASYNCLINT_TEST_PYTHON) + " " + quote(ASYNCLINT_TEST_VALIDATOR) +
                              " " + quote(ASYNCLINT_TEST_SARIF_SCHEMA) + " broken.sarif",
                          P.dir());
  EXPECT_EQ(Invalid.Status, 1) << Invalid.Out << Invalid.Err;
}

} // namespace
} // namespace asynclint::tooltest
