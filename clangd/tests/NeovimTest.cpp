//===--- NeovimTest.cpp - a real editor shows the async-* diagnostics -----===//
//
// Debian's Neovim, headless, opens a corpus program in a user's project
// (.clang-tidy and compile database only) with its built-in LSP client
// started on asynclint-clangd, the way an init.lua does; the diagnostics it
// then holds for the buffer must match the program's annotations, notes
// (related information) included.
//
//===----------------------------------------------------------------------===//
#include "ScratchProject.h"

#include <AnnotationMatch.h>
#include <CorpusFile.h>
#include <Subprocess.h>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <sys/wait.h>

namespace asynclint::lsp {
namespace {

namespace fs = std::filesystem;

std::string readFile(const fs::path &Path) {
  std::ifstream In(Path);
  std::stringstream Text;
  Text << In.rdbuf();
  return Text.str();
}

/// Neovim's diagnostics (one JSON object a line) as the corpus harness reads them.
std::vector<corpus::ReportedDiagnostic> neovimDiagnostics(const std::string &Lines,
                                                          const fs::path &File) {
  std::vector<corpus::ReportedDiagnostic> Reported;
  std::istringstream In(Lines);
  for (std::string Line; std::getline(In, Line);) {
    json D = json::parse(Line);
    if (D.contains("error"))
      throw std::runtime_error(D["error"].get<std::string>());
    // Neovim's severities: 1 error, 2 warning, 3 information, 4 hint.
    json AsLsp = {{"range", {{"start", {{"line", D["line"].get<unsigned>() - 1}}}}},
                  {"severity", D["severity"]},
                  {"message", D["message"]},
                  {"relatedInformation", D["related"]}};
    if (D["source"].is_string())
      AsLsp["source"] = D["source"];
    if (D["code"].is_string())
      AsLsp["code"] = D["code"];
    for (corpus::ReportedDiagnostic &R : reportedDiagnostics(json::array({AsLsp}), File))
      Reported.push_back(std::move(R));
  }
  return Reported;
}

TEST(Neovim, BuiltInLspClientShowsTheAsyncDiagnostics) {
  // Helpers, notes and three findings: the interprocedural case.
  fs::path Corpus = fs::path(ASYNCLINT_CORPUS_DIR) / "blocking/helpers.cpp";
  corpus::CorpusFile File = corpus::CorpusFile::parse(Corpus);
  ASSERT_FALSE(File.Warnings.empty());
  ASSERT_FALSE(File.Notes.empty());

  ScratchProject Project;
  Project.write(".clang-tidy", "Checks: '-*," + File.Checks + "'\n");
  fs::path Copy = Project.write("src/helpers.cpp", readFile(Corpus));
  std::vector<std::string> Arguments = {"/usr/bin/g++"};
  for (const std::string &Arg : corpus::defaultCompileArgs(ASYNCLINT_CORPUS_DIR))
    Arguments.push_back(Arg);
  Project.addCompileCommand("src/helpers.cpp", Arguments);

  fs::path Output = Project.root() / "nvim-diagnostics.jsonl";
  std::string Environment =
      "HOME=" + corpus::shellQuote((Project.root() / ".home").string()) +
      " XDG_CONFIG_HOME=" + corpus::shellQuote((Project.root() / ".home/.config").string()) +
      " ASYNCLINT_CLANGD=" + corpus::shellQuote(ASYNCLINT_CLANGD) +
      " ASYNCLINT_NVIM_ROOT=" + corpus::shellQuote(Project.root().string()) +
      " ASYNCLINT_NVIM_OUT=" + corpus::shellQuote(Output.string());
  corpus::CommandResult Run =
      corpus::runShell("cd " + corpus::shellQuote(Project.root().string()) + " && " + Environment +
                       " " + corpus::shellQuote(ASYNCLINT_NVIM) + " --headless --clean -c " +
                       corpus::shellQuote("luafile " ASYNCLINT_NVIM_SCRIPT) + " " +
                       corpus::shellQuote(Copy.string()) + " </dev/null");
  std::string Lines = readFile(Output);
  ASSERT_TRUE(WIFEXITED(Run.Status) && WEXITSTATUS(Run.Status) == 0) << Run.Output << Lines;

  corpus::CorpusFile Expected = File;
  Expected.Path = Copy;
  std::vector<corpus::ReportedDiagnostic> Reported = neovimDiagnostics(Lines, Copy);
  for (const std::string &Problem : corpus::compareWithAnnotations(Expected, Reported))
    ADD_FAILURE() << Problem;
  if (HasFailure())
    std::cerr << "Neovim's diagnostics:\n" << Lines;
}

} // namespace
} // namespace asynclint::lsp
