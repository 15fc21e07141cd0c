//===--- CheckInputErrorsTest.cpp - exit 2 and one clear line ------------===//
#include "ToolRunner.h"

#include <gtest/gtest.h>

namespace asynclint::tooltest {
namespace {

unsigned lines(const std::string &Text) {
  return static_cast<unsigned>(std::count(Text.begin(), Text.end(), '\n'));
}

void expectUsageError(const Outcome &R, const std::string &Mentions) {
  EXPECT_EQ(R.Status, 2) << R.Out << R.Err;
  EXPECT_EQ(lines(R.Err), 1u) << R.Err;
  EXPECT_NE(R.Err.find(Mentions), std::string::npos) << R.Err;
  EXPECT_EQ(R.Out, "");
}

TEST(CheckInputErrors, NoCompileDatabase) {
  ScratchProject P;
  expectUsageError(P.asynclint("check"), "no compile_commands.json");
  expectUsageError(P.asynclint("check -p missing-dir"), "cannot read");
}

TEST(CheckInputErrors, InvalidJson) {
  ScratchProject P;
  P.write("compile_commands.json", "[{\"directory\": \"/tmp\",");
  expectUsageError(P.asynclint("check -p ."), "invalid JSON");
  P.write("compile_commands.json", "{\"directory\": \"/tmp\"}");
  expectUsageError(P.asynclint("check -p ."), "not a compile database");
}

TEST(CheckInputErrors, FileWithoutCompileCommand) {
  ScratchProject P;
  P.write("a.cpp", CleanSource);
  P.write("other.cpp", CleanSource);
  P.writeDatabase({"a.cpp"});
  expectUsageError(P.asynclint("check other.cpp"), "other.cpp: no compile command");
}

TEST(CheckInputErrors, UnknownCheckFormatOrCommand) {
  ScratchProject P;
  P.write("a.cpp", CleanSource);
  P.writeDatabase({"a.cpp"});
  expectUsageError(P.asynclint("check --checks=-*,async-no-such-check"), "async-no-such-check");
  Outcome BadFormat = P.asynclint("check --format=xml");
  EXPECT_EQ(BadFormat.Status, 2);
  EXPECT_NE(BadFormat.Err.find("xml"), std::string::npos) << BadFormat.Err;
  EXPECT_EQ(P.asynclint("frobnicate").Status, 2);
  EXPECT_EQ(P.asynclint("").Status, 2);
  expectUsageError(P.asynclint("check --config='{Checks: [unclosed'"), "--config");
}

TEST(CheckInputErrors, BrokenUnitIsReportedAndTheOthersStillRun) {
  ScratchProject P;
  P.write("bad.cpp", BlockingSource);
  P.write("broken.cpp", "int main() { undeclared_name(); }\n");
  P.writeDatabase({"bad.cpp", "broken.cpp"});
  Outcome R = P.asynclint("check");
  EXPECT_EQ(R.Status, 2);
  EXPECT_NE(R.Out.find("bad.cpp:14:"), std::string::npos) << R.Out;
  EXPECT_NE(R.Err.find("broken.cpp:1:14: error: use of undeclared identifier"), std::string::npos)
      << R.Err;
}

} // namespace
} // namespace asynclint::tooltest
