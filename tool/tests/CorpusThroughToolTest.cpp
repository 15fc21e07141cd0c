//===--- CorpusThroughToolTest.cpp - asynclint check agrees with the corpus ===//
//
// `asynclint check` over the generated corpus compile database must report
// exactly the annotated warnings: the same contract as the corpus test, but
// through the tool's in-process clang-tidy instead of the plugin. Files with
// their own // CONFIG: are skipped (a database cannot carry a configuration);
// // CHECKS: limits which findings of a file are compared.
//
//===----------------------------------------------------------------------===//
#include "CorpusFile.h"
#include "ToolRunner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fnmatch.h>
#include <map>

namespace asynclint::tooltest {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

bool checkSelected(const std::string &Globs, const std::string &Check) {
  bool Selected = false;
  size_t Start = 0;
  while (Start <= Globs.size()) {
    size_t End = Globs.find(',', Start);
    std::string Glob =
        Globs.substr(Start, End == std::string::npos ? std::string::npos : End - Start);
    bool Negative = !Glob.empty() && Glob[0] == '-';
    if (Negative)
      Glob.erase(0, 1);
    if (!Glob.empty() && fnmatch(Glob.c_str(), Check.c_str(), 0) == 0)
      Selected = !Negative;
    if (End == std::string::npos)
      break;
    Start = End + 1;
  }
  return Selected;
}

TEST(CorpusThroughTool, FindingsMatchAnnotations) {
  fs::path Corpus = ASYNCLINT_TEST_CORPUS_DIR;
  ScratchProject Work;
  Outcome R = Work.asynclint("check -p " + quote(ASYNCLINT_TEST_CORPUS_DATABASE_DIR) +
                             " --config='{}' --format=json -j2");
  ASSERT_TRUE(R.Status == 0 || R.Status == 1) << R.Err;
  json Report = json::parse(R.Out);
  std::map<std::string, std::vector<json>> ByFile;
  for (const json &F : Report["findings"])
    ByFile[F["file"].get<std::string>()].push_back(F);

  unsigned Compared = 0;
  for (const fs::path &Path : corpus::findCorpusFiles(Corpus)) {
    corpus::CorpusFile File = corpus::CorpusFile::parse(Path);
    if (File.ExpectCompileErrors || !File.Config.empty())
      continue;
    ++Compared;
    std::vector<json> Reported;
    for (const json &F : ByFile[fs::weakly_canonical(Path).string()])
      if (checkSelected(File.Checks, F["check"].get<std::string>()))
        Reported.push_back(F);
    std::vector<bool> Claimed(Reported.size(), false);
    for (const corpus::ExpectedDiagnostic &Expected : File.Warnings) {
      bool Found = false;
      for (size_t I = 0; I < Reported.size() && !Found; ++I)
        if (!Claimed[I] && Reported[I]["line"] == Expected.Line &&
            Reported[I]["check"] == Expected.Check &&
            Reported[I]["message"].get<std::string>().find(Expected.Text) != std::string::npos)
          Found = Claimed[I] = true;
      EXPECT_TRUE(Found) << Path.string() << ":" << Expected.Line << ": expected " << Expected.Check
                         << " {{" << Expected.Text << "}}";
    }
    for (size_t I = 0; I < Reported.size(); ++I)
      EXPECT_TRUE(Claimed[I]) << Path.string() << ":" << Reported[I]["line"] << ": unexpected "
                              << Reported[I]["check"] << ": " << Reported[I]["message"];
  }
  EXPECT_GT(Compared, 0u);
}

} // namespace
} // namespace asynclint::tooltest
