//===--- FindingsTest.cpp - JSON model, fingerprints, baselines ----------===//
#include "findings/Findings.h"
#include "findings/Baseline.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>

namespace asynclint::findings {
namespace {

Finding sample() {
  Finding F;
  F.Check = "async-blocking-in-coroutine";
  F.Message = "blocking call";
  F.Loc = {"/p/src/a.cpp", 10, 5};
  F.Notes.push_back({{"/p/src/a.h", 3, 1}, "called here"});
  F.Fixes.push_back({"", {{"/p/src/a.cpp", 100, 4, 10, 5, "co_await x"}}});
  F.Fingerprint = "0123456789abcdef";
  return F;
}

TEST(Findings, JsonRoundTripKeepsEveryField) {
  Report R;
  R.Root = "/p";
  R.Findings.push_back(sample());
  R.Findings.back().Verified =
      Verification{"confirmed", "blocked 1 s", nlohmann::json::array({{{"kind", "block"}}})};
  R.Errors.push_back({{"/p/src/b.cpp", 2, 3}, "unknown type name"});
  nlohmann::json J = toJson(R);
  Report Back = reportFromJson(J);
  EXPECT_EQ(toJson(Back), J);
  ASSERT_EQ(Back.Findings.size(), 1u);
  EXPECT_EQ(Back.Findings[0].Notes[0].Loc.Line, 3u);
  EXPECT_EQ(Back.Findings[0].Fixes[0].Replacements[0].Text, "co_await x");
  EXPECT_EQ(Back.Findings[0].Verified->Status, "confirmed");
  EXPECT_EQ(Back.Errors[0].Message, "unknown type name");
}

TEST(Findings, VerificationIsAbsentUntilVerified) {
  EXPECT_FALSE(toJson(sample()).contains("verification"));
}

TEST(Findings, RejectsMalformedReports) {
  nlohmann::json J = toJson(sample());
  J.erase("line");
  EXPECT_THROW(findingFromJson(J), std::runtime_error);
  nlohmann::json Bad = toJson(sample());
  Bad["verification"] = {{"status", ""}};
  EXPECT_THROW(findingFromJson(Bad), std::runtime_error);
  Bad["verification"] = {{"status", 1}};
  EXPECT_THROW(findingFromJson(Bad), std::runtime_error);
  Bad = toJson(sample());
  Bad["properties"] = nlohmann::json::array();
  EXPECT_THROW(findingFromJson(Bad), std::runtime_error);
  EXPECT_THROW(reportFromJson({{"version", 99}, {"findings", nlohmann::json::array()}}),
               std::runtime_error);
}

TEST(Fingerprint, IgnoresLineNumberAndIndentationButNotText) {
  std::string A = fingerprint("c", "a.cpp", normalizeLine("  sleep(1);  "), 0);
  EXPECT_EQ(A, fingerprint("c", "a.cpp", normalizeLine("\tsleep(1);"), 0));
  EXPECT_NE(A, fingerprint("c", "a.cpp", normalizeLine("sleep(2);"), 0));
  EXPECT_NE(A, fingerprint("c", "b.cpp", normalizeLine("sleep(1);"), 0));
  EXPECT_NE(A, fingerprint("d", "a.cpp", normalizeLine("sleep(1);"), 0));
  EXPECT_NE(A, fingerprint("c", "a.cpp", normalizeLine("sleep(1);"), 1));
  EXPECT_EQ(A.size(), 16u);
}

TEST(Fingerprint, SurvivesLinesInsertedAbove) {
  std::map<unsigned, std::string> Before{{3, "  sleep(1);"}, {7, "  sleep(1);"}};
  std::map<unsigned, std::string> After{{5, "    sleep(1);"}, {9, "  sleep(1);"}};
  auto Run = [](std::map<unsigned, std::string> Text, unsigned L1, unsigned L2) {
    Report R;
    R.Root = "/p";
    for (unsigned L : {L2, L1}) {
      Finding F = sample();
      F.Loc.Line = L;
      R.Findings.push_back(F);
    }
    assignFingerprints(R, [Text](const std::string &, unsigned Line) { return Text.at(Line); });
    return std::make_pair(R.Findings[0].Fingerprint, R.Findings[1].Fingerprint);
  };
  auto Old = Run(Before, 3, 7);
  auto New = Run(After, 5, 9);
  EXPECT_EQ(Old, New);
  EXPECT_NE(Old.first, Old.second) << "identical lines are told apart by their occurrence";
}

TEST(Fingerprint, UsesPathsRelativeToTheRoot) {
  EXPECT_EQ(relativeToRoot("/p/src/a.cpp", "/p"), "src/a.cpp");
  EXPECT_EQ(relativeToRoot("/q/a.cpp", "/p"), "/q/a.cpp");
  Report Here, There;
  Here.Root = "/home/a/project";
  There.Root = "/ci/work";
  Finding F = sample();
  F.Loc.File = "/home/a/project/src/a.cpp";
  Here.Findings.push_back(F);
  F.Loc.File = "/ci/work/src/a.cpp";
  There.Findings.push_back(F);
  auto Same = [](const std::string &, unsigned) { return std::string("sleep(1);"); };
  assignFingerprints(Here, Same);
  assignFingerprints(There, Same);
  EXPECT_EQ(Here.Findings[0].Fingerprint, There.Findings[0].Fingerprint);
}

TEST(Baseline, WritesReadsAndFilters) {
  Report R;
  R.Root = "/p";
  R.Findings.push_back(sample());
  Finding Other = sample();
  Other.Fingerprint = "fedcba9876543210";
  R.Findings.push_back(Other);
  std::string Path = ::testing::TempDir() + "/asynclint-baseline.json";
  {
    Report Old;
    Old.Root = "/p";
    Old.Findings.push_back(sample());
    std::ofstream(Path) << baselineJson(Old).dump();
  }
  std::set<std::string> Accepted = readBaseline(Path);
  EXPECT_EQ(Accepted, std::set<std::string>{"0123456789abcdef"});
  EXPECT_EQ(removeBaselined(R, Accepted), 1u);
  ASSERT_EQ(R.Findings.size(), 1u);
  EXPECT_EQ(R.Findings[0].Fingerprint, "fedcba9876543210");
  std::ofstream(Path) << "{\"findings\": [{\"check\": \"x\"}]}";
  EXPECT_THROW(readBaseline(Path), std::runtime_error);
  std::ofstream(Path) << "not json";
  EXPECT_THROW(readBaseline(Path), std::runtime_error);
  EXPECT_THROW(readBaseline(Path + ".missing"), std::runtime_error);
  std::remove(Path.c_str());
}

} // namespace
} // namespace asynclint::findings
