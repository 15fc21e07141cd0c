//===--- HeaderFindingsTest.cpp - findings in the project's headers ------===//
#include "ToolRunner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

namespace asynclint::tooltest {
namespace {

using nlohmann::json;

/// A header defining a coroutine that sleeps on line 6.
std::string sleepingHeader(const std::string &Name) {
  return "#pragma once\n#include <chrono>\n#include <thread>\n#include \"task.h\"\ninline task " +
         Name + "() {\n  std::this_thread::sleep_for(std::chrono::seconds(1));\n  co_return;\n}\n";
}

/// The files (relative to the project) of the findings of a JSON report.
std::multiset<std::string> findingFiles(const Outcome &R, const ScratchProject &P) {
  std::multiset<std::string> Files;
  json Report = json::parse(R.Out);
  for (const json &F : Report["findings"])
    Files.insert(F["file"].get<std::string>().substr(P.dir().string().size() + 1));
  return Files;
}

class HeaderFindings : public ::testing::Test {
protected:
  void SetUp() override {
    P.write("include/task.h", TaskHeader);
    P.write("include/server/connection.h", sleepingHeader("serve"));
    P.write("third_party/lib/slow.h", sleepingHeader("vendored"));
    P.write("build/generated/gen.h", sleepingHeader("generated"));
    std::string Includes = "#include \"server/connection.h\"\n#include \"lib/slow.h\"\n"
                           "#include \"generated/gen.h\"\n";
    P.write("src/a.cpp", Includes + "int a() { return 1; }\n");
    P.write("src/b.cpp", Includes + "int b() { return 2; }\n");
    std::vector<std::string> Flags{"clang++",       "-std=c++20", "-Iinclude",
                                   "-Ithird_party", "-Ibuild",    "-c"};
    auto Command = [&](const std::string &File) {
      std::vector<std::string> Arguments = Flags;
      Arguments.push_back(File);
      return std::make_pair(File, Arguments);
    };
    P.writeCommands({Command("src/a.cpp"), Command("src/b.cpp")}, "build");
  }
  ScratchProject P;
};

TEST_F(HeaderFindings, ProjectHeadersAreReportedOnceByDefault) {
  Outcome R = P.asynclint("check -p build --format=json");
  EXPECT_EQ(R.Status, 1) << R.Err;
  // Not the third-party header, not the one in the build folder; once,
  // though two units include it.
  EXPECT_EQ(findingFiles(R, P), std::multiset<std::string>{"include/server/connection.h"});
}

TEST_F(HeaderFindings, HeaderFilterOverridesTheDefault) {
  Outcome All = P.asynclint("check -p build --format=json --header-filter='.*'");
  EXPECT_EQ(findingFiles(All, P),
            (std::multiset<std::string>{"build/generated/gen.h", "include/server/connection.h",
                                        "third_party/lib/slow.h"}));
  P.write(".clang-tidy", "HeaderFilterRegex: 'third_party/'\n");
  Outcome Configured = P.asynclint("check -p build --format=json");
  EXPECT_EQ(findingFiles(Configured, P), std::multiset<std::string>{"third_party/lib/slow.h"});
  Outcome Command = P.asynclint("check -p build --format=json --header-filter=server/");
  EXPECT_EQ(findingFiles(Command, P), std::multiset<std::string>{"include/server/connection.h"});
}

} // namespace
} // namespace asynclint::tooltest
