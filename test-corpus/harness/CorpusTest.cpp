//===--- CorpusTest.cpp - clang-tidy with the plugin over the corpus -----===//
//
// For every corpus file: run the real clang-tidy with libAsyncLint.so and
// compare its async-* diagnostics with the file's annotations, both ways.
//
//===----------------------------------------------------------------------===//
#include "AnnotationMatch.h"
#include "CorpusFile.h"
#include "Subprocess.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <sys/wait.h>

namespace asynclint::corpus {
namespace {

namespace fs = std::filesystem;

const fs::path CorpusRoot = ASYNCLINT_CORPUS_DIR;

CommandResult runClangTidy(const CorpusFile &File) {
  std::vector<std::string> Command = {ASYNCLINT_CLANG_TIDY, "--load=" ASYNCLINT_PLUGIN,
                                      "--checks=-*," + File.Checks, "--quiet"};
  // An explicit configuration also keeps the project's own .clang-tidy away.
  std::string Config = File.Config.empty() ? std::string("{}") : File.Config;
  for (size_t At = Config.find("%S"); At != std::string::npos; At = Config.find("%S", At))
    Config.replace(At, 2, File.Path.parent_path().string());
  Command.push_back("--config=" + Config);
  Command.push_back(File.Path.string());
  Command.push_back("--");
  for (const std::string &Arg : defaultCompileArgs(CorpusRoot))
    Command.push_back(Arg);
  for (const std::string &Arg : File.ExtraArgs)
    Command.push_back(Arg);

  return runCommand(Command);
}

class CorpusTest : public ::testing::TestWithParam<fs::path> {};

TEST_P(CorpusTest, DiagnosticsMatchAnnotations) {
  CorpusFile File = CorpusFile::parse(GetParam());
  CommandResult Run = runClangTidy(File);
  ASSERT_NE(Run.Status, -1) << "could not start clang-tidy";
  ASSERT_TRUE(WIFEXITED(Run.Status)) << "clang-tidy crashed:\n" << Run.Output;

  for (const std::string &Problem :
       compareWithAnnotations(File, parseClangTidyOutput(Run.Output, File.Path)))
    ADD_FAILURE() << Problem;
  for (const std::string &Expected : File.ConfigErrors) {
    std::istringstream Lines(Run.Output);
    bool Found = false;
    for (std::string Line; std::getline(Lines, Line);)
      Found |= Line.find("[clang-tidy-config]") != std::string::npos &&
               Line.find(Expected) != std::string::npos;
    EXPECT_TRUE(Found) << "missing configuration diagnostic containing '" << Expected << "'";
  }
  if (HasFailure())
    std::cerr << "clang-tidy output:\n" << Run.Output;
}

std::string testName(const ::testing::TestParamInfo<fs::path> &Info) {
  std::string Name = fs::relative(Info.param, CorpusRoot).replace_extension().generic_string();
  for (char &C : Name)
    if (!std::isalnum(static_cast<unsigned char>(C)))
      C = '_';
  return Name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusTest, ::testing::ValuesIn(findCorpusFiles(CorpusRoot)),
                         testName);

// Precision first: every check has at least as many negative cases as positive ones.
TEST(CorpusBalance, EachCheckHasAtLeastAsManyNegativeAsPositiveCases) {
  std::map<std::string, std::pair<unsigned, unsigned>> Counts; // check -> (positive, negative)
  for (const fs::path &Path : findCorpusFiles(CorpusRoot)) {
    CorpusFile File = CorpusFile::parse(Path);
    for (const ExpectedDiagnostic &Warning : File.Warnings)
      ++Counts[Warning.Check].first;
    for (const auto &[Check, Count] : File.NegativeCases)
      Counts[Check].second += Count;
  }
  ASSERT_FALSE(Counts.empty());
  for (const auto &[Check, Count] : Counts)
    EXPECT_GE(Count.second, Count.first)
        << Check << ": " << Count.first << " positive cases, " << Count.second << " negative";
}

/// The async-* lines of a --dump-config: "  async-x.Option: value".
std::vector<std::string> asyncOptionLines(const std::string &Dump) {
  std::vector<std::string> Lines;
  std::istringstream In(Dump);
  for (std::string Line; std::getline(In, Line);)
    if (Line.rfind("  async-", 0) == 0)
      Lines.push_back(Line);
  return Lines;
}

CommandResult dumpConfig(const std::string &Config) {
  return runCommand({ASYNCLINT_CLANG_TIDY, "--load=" ASYNCLINT_PLUGIN, "--checks=-*,async-*",
                     "--config=" + Config, "--dump-config"});
}

// Options must round-trip through --dump-config (even upstream checks get
// this wrong). Dump the defaults and a configuration with every
// async-blocking-in-coroutine option set, feed each dump back, and the second
// dump must equal the first.
TEST(CheckOptions, RoundTripThroughDumpConfig) {
  for (std::string Config :
       {std::string("{}"),
        std::string("{CheckOptions: {async-blocking-in-coroutine.EnabledCategories: 'mutex', "
                    "async-blocking-in-coroutine.DisabledCategories: 'process;sleep', "
                    "async-blocking-in-coroutine.BlockingFunctions: 'a::b;c::d', "
                    "async-blocking-in-coroutine.AllowedFunctions: 'e::f', "
                    "async-blocking-in-coroutine.FollowHelpers: false, "
                    "async-blocking-in-coroutine.IgnorePoolThreads: false, "
                    "async-immediate-await.SpawnFunctions: 'g::h;i::J::k', "
                    "async-immediate-await.FlagSequentialAwaits: true, "
                    "async-immediate-await.RecognizeSpawnShapes: false, "
                    "async-stale-read-across-await.SpawnFunctions: 'l::m;n::o', "
                    "async-stale-read-across-await.AsyncMutexTypes: 'p::Q', "
                    "async-stale-read-across-await.CheckThenAct: false, "
                    "async-unguarded-shared-state.ThreadEntryFunctions: 'a::run', "
                    "async-unguarded-shared-state.LockGuardTypes: 'a::Guard', "
                    "async-unguarded-shared-state.ThirdPartyFolders: 'vendor;contrib', "
                    "CatalogFiles: '/nonexistent.json'}}")}) {
    CommandResult First = dumpConfig(Config);
    ASSERT_TRUE(WIFEXITED(First.Status) && WEXITSTATUS(First.Status) == 0) << First.Output;
    std::vector<std::string> FirstOptions = asyncOptionLines(First.Output);
    ASSERT_FALSE(FirstOptions.empty()) << First.Output;

    std::string Reloaded = "{CheckOptions: {";
    for (const std::string &Line : FirstOptions)
      Reloaded += Line.substr(2) + ", ";
    Reloaded += "}}";
    CommandResult Second = dumpConfig(Reloaded);
    EXPECT_EQ(asyncOptionLines(Second.Output), FirstOptions) << Reloaded;
  }
}

TEST(CorpusAnnotations, ParseExpectationsNotesAndNegativeCases) {
  fs::path Scratch = fs::temp_directory_path() / "asynclint-annotation-test.cpp";
  {
    std::ofstream Out(Scratch);
    Out << "// CHECKS: async-x\n"
           "// RUN-ARGS: -DA=1 -DB\n"
           "f(); // expect: async-x {{blocks}} expect: async-y\n"
           "// expect@+1: async-x\n"
           "g(); // expect-note: {{calls 'h'}}\n"
           "h(); // ok: async-x\n";
  }
  CorpusFile File = CorpusFile::parse(Scratch);
  fs::remove(Scratch);
  EXPECT_EQ(File.Checks, "async-x");
  ASSERT_EQ(File.ExtraArgs.size(), 2u);
  ASSERT_EQ(File.Warnings.size(), 3u);
  EXPECT_EQ(File.Warnings[0].Line, 3u);
  EXPECT_EQ(File.Warnings[0].Text, "blocks");
  EXPECT_EQ(File.Warnings[1].Check, "async-y");
  EXPECT_EQ(File.Warnings[2].Line, 5u);
  ASSERT_EQ(File.Notes.size(), 1u);
  EXPECT_EQ(File.Notes[0].Text, "calls 'h'");
  ASSERT_EQ(File.NegativeCases.size(), 1u);
  EXPECT_EQ(File.NegativeCases[0].second, 1u);
}

TEST(CorpusAnnotations, ParsesClangTidyOutputForTheFileOnly) {
  std::string Output = "/a/x.cpp:3:5: warning: blocks here [async-x]\n"
                       "/a/x.cpp:4:1: note: 'f' calls 'g' here\n"
                       "/usr/include/y.h:9:1: warning: elsewhere [async-x]\n"
                       "/a/x.cpp:7:2: error: no member [clang-diagnostic-error]\n";
  auto Reported = parseClangTidyOutput(Output, "/a/x.cpp");
  ASSERT_EQ(Reported.size(), 3u);
  EXPECT_EQ(Reported[0].Check, "async-x");
  EXPECT_EQ(Reported[1].Severity, "note");
  EXPECT_EQ(Reported[2].Severity, "error");
}

} // namespace
} // namespace asynclint::corpus
