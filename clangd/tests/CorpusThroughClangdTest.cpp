//===--- CorpusThroughClangdTest.cpp - the corpus as an editor shows it ---===//
//
// Every corpus program opened in asynclint-clangd, as the corpus test runs it
// through clang-tidy: the same annotations must hold, both ways, notes
// included. Each file is copied into a project of its own whose .clang-tidy
// carries the file's CHECKS and CONFIG, with a compile database, and nothing
// else. clangd runs the checks over the main file's top-level declarations
// only (helpers in headers come from its preamble), so this is the test that
// the interprocedural analyses do not depend on seeing the whole unit.
//
// Differences from clang-tidy, each asserted below and listed in
// docs/editors.md:
//  - clangd capitalises the first letter of messages (the harness compares
//    that letter without case);
//  - configuration problems (an unreadable CatalogFiles entry) have no
//    source location, and clangd drops location-less warnings: they do not
//    reach the editor.
//
//===----------------------------------------------------------------------===//
#include "ScratchProject.h"

#include <AnnotationMatch.h>
#include <CorpusFile.h>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace asynclint::lsp {
namespace {

namespace fs = std::filesystem;

const fs::path CorpusRoot = ASYNCLINT_CORPUS_DIR;

std::string readFile(const fs::path &Path) {
  std::ifstream In(Path);
  std::stringstream Text;
  Text << In.rdbuf();
  return Text.str();
}

/// The file's CHECKS and CONFIG annotations as a .clang-tidy (YAML flow style).
std::string clangTidyFile(const corpus::CorpusFile &File) {
  std::string Config = File.Config;
  for (size_t At = Config.find("%S"); At != std::string::npos; At = Config.find("%S", At))
    Config.replace(At, 2, File.Path.parent_path().string());
  std::string Checks = "{Checks: '-*," + File.Checks + "'";
  if (Config.size() > 2 && Config.front() == '{')
    return Checks + ", " + Config.substr(1) + "\n";
  return Checks + "}\n";
}

class CorpusThroughClangd : public ::testing::TestWithParam<fs::path> {};

TEST_P(CorpusThroughClangd, DiagnosticsMatchAnnotations) {
  corpus::CorpusFile File = corpus::CorpusFile::parse(GetParam());
  ScratchProject Project;
  Project.write(".clang-tidy", clangTidyFile(File));
  std::string Text = readFile(File.Path);
  fs::path Copy = Project.write(File.Path.filename().string(), Text);
  std::vector<std::string> Arguments = {ASYNCLINT_CLANGXX};
  for (const std::string &Arg : corpus::defaultCompileArgs(CorpusRoot))
    Arguments.push_back(Arg);
  Arguments.insert(Arguments.end(), File.ExtraArgs.begin(), File.ExtraArgs.end());
  Project.addCompileCommand(Copy.filename().string(), Arguments);

  auto Clangd = Project.startClangd();
  Clangd->openDocument(Copy, Text);
  std::optional<json> Diagnostics = Clangd->waitForDiagnostics(Copy, 1, Seconds(600));
  ASSERT_TRUE(Diagnostics) << "no diagnostics published\n" << Clangd->log();

  corpus::CorpusFile Expected = File;
  Expected.Path = Copy;
  for (const std::string &Problem :
       corpus::compareWithAnnotations(Expected, reportedDiagnostics(*Diagnostics, Copy)))
    ADD_FAILURE() << Problem;
  // The documented difference: configuration problems do not reach the editor.
  for (const std::string &ConfigError : File.ConfigErrors)
    EXPECT_EQ(Diagnostics->dump().find(ConfigError), std::string::npos)
        << "clangd now shows configuration problems: update docs/editors.md and this test";
  if (HasFailure())
    std::cerr << "diagnostics:\n" << Diagnostics->dump(2) << "\n";
}

std::string testName(const ::testing::TestParamInfo<fs::path> &Info) {
  std::string Name = fs::relative(Info.param, CorpusRoot).replace_extension().generic_string();
  for (char &C : Name)
    if (!std::isalnum(static_cast<unsigned char>(C)))
      C = '_';
  return Name;
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusThroughClangd,
                         ::testing::ValuesIn(corpus::findCorpusFiles(CorpusRoot)), testName);

} // namespace
} // namespace asynclint::lsp
