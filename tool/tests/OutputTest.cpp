//===--- OutputTest.cpp - every format from the one report model ----------===//
#include "findings/Findings.h"
#include "output/CheckPages.h"
#include "output/Formats.h"
#include "output/SarifOutput.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <sstream>

namespace asynclint::output {
namespace {

using nlohmann::json;

findings::Report verifiedReport() {
  findings::Report R;
  R.Root = "/p";
  findings::Finding F;
  F.Check = "async-unguarded-shared-state";
  F.Message = "'total' is written by two threads";
  F.Loc = {"/p/a.cpp", 4, 3};
  F.Fingerprint = "0123456789abcdef";
  F.Properties = {{"variable", "total"}};
  F.Verified = findings::Verification{"not-watched", "more than 4 variables", json::array()};
  R.Findings.push_back(F);
  F.Loc.Line = 9;
  F.Verified = findings::Verification{"confirmed", "written by threads 1 and 2", json::array()};
  R.Findings.push_back(F);
  findings::UnpredictedEvent U;
  U.Kind = "blocking";
  U.Description = "'sleep' blocked the event loop for 1.0 ms";
  U.Site = {"/p/b.cpp", 7, 0};
  U.Function = "serve";
  U.Occurrences = 3;
  U.Event = {{"type", "blocking"}, {"symbol", "sleep"}};
  R.Run.emplace();
  R.Run->Unpredicted.push_back(U);
  return R;
}

std::string write(const std::string &Name, const findings::Report &R) {
  const Format *F = findFormat(Name);
  EXPECT_NE(F, nullptr) << Name;
  std::ostringstream Out;
  if (F)
    F->Write(Out, R, [](const std::string &, unsigned) { return std::string(); });
  return Out.str();
}

TEST(Formats, OneTableWithTextFirstAndUniqueNames) {
  ASSERT_FALSE(formats().empty());
  EXPECT_EQ(formats().front().Name, "text");
  std::set<std::string> Names;
  for (const Format &F : formats()) {
    EXPECT_TRUE(Names.insert(F.Name).second) << F.Name;
    EXPECT_FALSE(F.Description.empty()) << F.Name;
    EXPECT_FALSE(write(F.Name, verifiedReport()).empty()) << F.Name;
  }
  EXPECT_EQ(findFormat("xml"), nullptr);
}

TEST(TextOutput, RendersAnyVerdictAndTheEventsNoFindingPredicted) {
  std::string Text = write("text", verifiedReport());
  EXPECT_NE(Text.find("note: runtime verification: not-watched (more than 4 variables)"),
            std::string::npos)
      << Text;
  EXPECT_NE(Text.find("/p/b.cpp:7: warning: the runtime observed what no check predicted: "
                      "'sleep' blocked the event loop for 1.0 ms [asynclint-runtime]"),
            std::string::npos)
      << Text;
  EXPECT_NE(Text.find("1 confirmed, 1 not watched, 1 observed without a finding"),
            std::string::npos)
      << Text;

  findings::Report Unverified = verifiedReport();
  Unverified.Run.reset();
  for (findings::Finding &F : Unverified.Findings)
    F.Verified.reset();
  EXPECT_EQ(write("text", Unverified).find("confirmed"), std::string::npos);
}

TEST(JsonOutput, VerifiedReportRoundTrips) {
  json J = json::parse(write("json", verifiedReport()));
  ASSERT_EQ(J["unpredicted_events"].size(), 1u);
  const json &U = J["unpredicted_events"][0];
  EXPECT_EQ(U["type"], "blocking");
  EXPECT_EQ(U["symbol"], "sleep");
  EXPECT_EQ(U["site"]["line"], 7);
  EXPECT_EQ(U["occurrences"], 3);
  EXPECT_EQ(J["findings"][0]["properties"]["variable"], "total");
  EXPECT_EQ(J["findings"][0]["verification"]["status"], "not-watched");
  EXPECT_EQ(findings::toJson(findings::reportFromJson(J)), J);

  findings::Report Unverified = verifiedReport();
  Unverified.Run.reset();
  EXPECT_FALSE(json::parse(write("json", Unverified)).contains("unpredicted_events"));
}

TEST(SarifOutput, FactsVerdictsAndUnpredictedEventsWithTheirRules) {
  json Log = toSarif(verifiedReport());
  const json &Run = Log["runs"][0];
  const json &Rules = Run["tool"]["driver"]["rules"];
  const json &Results = Run["results"];
  ASSERT_EQ(Results.size(), 3u);
  for (const json &Result : Results) {
    size_t Index = Result["ruleIndex"];
    ASSERT_LT(Index, Rules.size());
    EXPECT_EQ(Rules[Index]["id"], Result["ruleId"]);
  }
  EXPECT_EQ(Results[0]["properties"]["variable"], "total");
  EXPECT_EQ(Results[0]["properties"]["verification"]["status"], "not-watched");
  EXPECT_EQ(Results[2]["ruleId"], "asynclint-runtime/blocking");
  EXPECT_EQ(Results[2]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "b.cpp");
  EXPECT_EQ(Results[2]["properties"]["event"]["occurrences"], 3);
}

// Help links lead to pages that exist: asynclint's own for async-* checks,
// never a made-up upstream address.
TEST(SarifOutput, HelpLinksPointToPagesThatExist) {
  findings::Report R;
  for (const char *Check : {"bugprone-use-after-move", "clang-analyzer-core.NullDereference",
                            "clang-diagnostic-unused-variable", "async-not-a-documented-check"}) {
    findings::Finding F;
    F.Check = Check;
    F.Loc = {"/p/a.cpp", 1, 1};
    R.Findings.push_back(F);
  }
  std::map<std::string, json> RuleById;
  json Log = toSarif(R);
  for (const json &Rule : Log["runs"][0]["tool"]["driver"]["rules"])
    RuleById[Rule["id"].get<std::string>()] = Rule;
  EXPECT_EQ(RuleById["bugprone-use-after-move"]["helpUri"],
            "https://clang.llvm.org/extra/clang-tidy/checks/bugprone/use-after-move.html");
  EXPECT_EQ(
      RuleById["clang-analyzer-core.NullDereference"]["helpUri"],
      "https://clang.llvm.org/extra/clang-tidy/checks/clang-analyzer/core.NullDereference.html");
  EXPECT_FALSE(RuleById["clang-diagnostic-unused-variable"].contains("helpUri"));
  EXPECT_FALSE(RuleById["async-not-a-documented-check"].contains("helpUri"));

  ASSERT_FALSE(ruleDocs().empty());
  for (const auto &[Check, Page] : ruleDocs()) {
    const json &Rule = RuleById[Check];
    ASSERT_TRUE(Rule.contains("helpUri")) << Check;
    std::string Uri = Rule["helpUri"];
    ASSERT_EQ(Uri.rfind("file://", 0), 0u) << Uri;
    EXPECT_TRUE(std::filesystem::exists(Uri.substr(7))) << Uri;
    EXPECT_EQ(Rule["shortDescription"]["text"], summaryOf(Page));
    EXPECT_FALSE(summaryOf(Page).empty()) << Check;
  }
}

TEST(CheckPages, SummaryIsTheFirstParagraphOfWhatItDoes) {
  EXPECT_EQ(summaryOf("# x\n\n## What it does\n\nFlags a\ncall.\n\nMore.\n## Why is this bad\n"),
            "Flags a call.");
  EXPECT_EQ(summaryOf("# x\n\nIntro.\n\n## Example\n\ncode\n"), "");
}

} // namespace
} // namespace asynclint::output
