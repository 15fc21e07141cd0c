//===--- EditorDiagnosticsTest.cpp - asynclint-clangd as an editor sees it ===//
//
// Each test is a user's project with nothing but a .clang-tidy and a compile
// database (built with g++, as many of our users' are), opened over LSP the
// way an editor does: no .clangd, no user configuration, no extra flags.
//
//===----------------------------------------------------------------------===//
#include "ScratchProject.h"

#include <AnnotationMatch.h>
#include <Subprocess.h>

#include <gtest/gtest.h>

#include <sys/wait.h>

namespace asynclint::lsp {
namespace {

namespace fs = std::filesystem;

const Seconds Patience(300); // the Asio preamble alone takes seconds on a loaded machine

const char *ClangTidyFile = "Checks: '-*,async-*'\n";

// A helper in a header: the finding in the main file is reached through code
// clangd does not traverse (it comes from the preamble).
const char *HelpersHeader = R"cpp(#pragma once
#include <unistd.h>
inline void flush_cache() { usleep(1000); }
)cpp";

std::string serverSource(bool WithMistake) {
  return std::string(R"cpp(#include "helpers.h"
#include <asio.hpp>
#include <cstddef>

asio::awaitable<void> handle(std::size_t Bytes) {
)cpp") + (WithMistake ? "  flush_cache();\n" : "  (void)Bytes;\n") +
         R"cpp(  co_return;
}

int main() {
  asio::io_context Io;
  asio::co_spawn(Io, handle(1), asio::detached);
  Io.run();
}
)cpp";
}

std::vector<std::string> compileArguments() {
  return {"/usr/bin/g++", "-std=c++20", "-DASIO_HAS_CO_AWAIT", "-DASIO_HAS_STD_COROUTINE"};
}

std::string describe(const json &Diagnostics) { return Diagnostics.dump(2); }

int errorCount(const json &Diagnostics) {
  int Errors = 0;
  for (const json &D : Diagnostics)
    Errors += D.value("severity", 0) == 1;
  return Errors;
}

TEST(AsynclintClangd, VersionSaysWhatItIs) {
  corpus::CommandResult Run = corpus::runCommand({ASYNCLINT_CLANGD, "--version"});
  ASSERT_TRUE(WIFEXITED(Run.Status) && WEXITSTATUS(Run.Status) == 0) << Run.Output;
  EXPECT_EQ(Run.Output.rfind("asynclint-clangd " ASYNCLINT_VERSION ": clangd with the asynclint "
                             "checks",
                             0),
            0u)
      << Run.Output;
  for (const char *Check :
       {"async-blocking-in-coroutine", "async-immediate-await", "async-unguarded-shared-state"})
    EXPECT_NE(Run.Output.find(Check), std::string::npos) << Run.Output;
  // clangd's own lines follow: editors (vscode-clangd) read "clangd version N".
  EXPECT_NE(Run.Output.find("clangd version"), std::string::npos) << Run.Output;
}

TEST(AsynclintClangd, HelpSaysWhatItIs) {
  corpus::CommandResult Run = corpus::runCommand({ASYNCLINT_CLANGD, "--help"});
  ASSERT_TRUE(WIFEXITED(Run.Status) && WEXITSTATUS(Run.Status) == 0) << Run.Output;
  EXPECT_EQ(Run.Output.rfind("asynclint-clangd " ASYNCLINT_VERSION, 0), 0u) << Run.Output;
  EXPECT_NE(Run.Output.find("--compile-commands-dir"), std::string::npos) << Run.Output;
}

class EditorDiagnostics : public ::testing::Test {
protected:
  void SetUp() override {
    Project.write(".clang-tidy", ClangTidyFile);
    Project.write("src/helpers.h", HelpersHeader);
    Server = Project.write("src/server.cpp", serverSource(true));
    Project.addCompileCommand("src/server.cpp", compileArguments());
  }

  ScratchProject Project;
  fs::path Server;
};

// Findings with their notes as related information, builtin headers found
// (<cstddef> needs Clang's own stddef.h: no error may appear).
TEST_F(EditorDiagnostics, ProjectClangTidyFileIsAllItTakes) {
  auto Clangd = Project.startClangd();
  Clangd->openDocument(Server, serverSource(true));
  std::optional<json> Diagnostics = Clangd->waitForDiagnostics(Server, 1, Patience);
  ASSERT_TRUE(Diagnostics) << Clangd->log();
  EXPECT_EQ(errorCount(*Diagnostics), 0) << describe(*Diagnostics);

  std::vector<json> Async = asyncWarnings(*Diagnostics);
  ASSERT_EQ(Async.size(), 1u) << describe(*Diagnostics);
  const json &Finding = Async.front();
  EXPECT_EQ(Finding["range"]["start"]["line"], 5) << describe(Finding);
  EXPECT_EQ(Finding["severity"], 2);
  // clangd capitalises messages ("Call to ..."), as it does for every check.
  EXPECT_TRUE(corpus::messageContains(Finding["message"],
                                      "call to 'flush_cache' blocks inside coroutine 'handle'"))
      << describe(Finding);
  ASSERT_TRUE(Finding.contains("relatedInformation")) << describe(Finding);
  ASSERT_EQ(Finding["relatedInformation"].size(), 1u) << describe(Finding);
  const json &Note = Finding["relatedInformation"][0];
  EXPECT_EQ(Note["location"]["uri"], fileUri(Project.root() / "src/helpers.h"));
  EXPECT_EQ(Note["location"]["range"]["start"]["line"], 2);
  EXPECT_NE(Note["message"].get<std::string>().find("calls 'usleep'"), std::string::npos)
      << describe(Note);
  // Notes go to related information, not appended to the message as clangd
  // does for clients that cannot show it.
  EXPECT_EQ(Finding["message"].get<std::string>().find("\n\n"), std::string::npos);
}

TEST_F(EditorDiagnostics, UnsavedEditThatRemovesTheMistakeClearsIt) {
  auto Clangd = Project.startClangd();
  Clangd->openDocument(Server, serverSource(true));
  std::optional<json> Opened = Clangd->waitForDiagnostics(Server, 1, Patience);
  ASSERT_TRUE(Opened) << Clangd->log();
  ASSERT_EQ(asyncWarnings(*Opened).size(), 1u) << describe(*Opened);

  // The file on disk keeps the mistake; only the editor's buffer changes.
  Clangd->changeDocument(Server, serverSource(false), 2);
  std::optional<json> Fixed = Clangd->waitForDiagnostics(Server, 2, Patience);
  ASSERT_TRUE(Fixed) << Clangd->log();
  EXPECT_TRUE(asyncWarnings(*Fixed).empty()) << describe(*Fixed);
  EXPECT_EQ(errorCount(*Fixed), 0) << describe(*Fixed);

  Clangd->changeDocument(Server, serverSource(true), 3);
  std::optional<json> Again = Clangd->waitForDiagnostics(Server, 3, Patience);
  ASSERT_TRUE(Again) << Clangd->log();
  EXPECT_EQ(asyncWarnings(*Again).size(), 1u) << describe(*Again);
}

// `cmake --install` puts it in bin/ of any prefix; outside LLVM's bin/ it
// still finds Clang's builtin headers (<cstddef> needs stddef.h).
TEST_F(EditorDiagnostics, InstalledBinaryWorksOutsideLlvm) {
  fs::path Prefix = Project.root() / "prefix";
  corpus::CommandResult Install = corpus::runCommand(
      {ASYNCLINT_CMAKE, "--install", ASYNCLINT_BINARY_DIR, "--prefix", Prefix.string()});
  ASSERT_TRUE(WIFEXITED(Install.Status) && WEXITSTATUS(Install.Status) == 0) << Install.Output;
  ASSERT_TRUE(fs::exists(Prefix / "bin/asynclint-clangd"));

  auto Clangd = Project.startClangd((Prefix / "bin/asynclint-clangd").string());
  Clangd->openDocument(Server, serverSource(true));
  std::optional<json> Diagnostics = Clangd->waitForDiagnostics(Server, 1, Patience);
  ASSERT_TRUE(Diagnostics) << Clangd->log();
  EXPECT_EQ(errorCount(*Diagnostics), 0) << describe(*Diagnostics);
  EXPECT_EQ(asyncWarnings(*Diagnostics).size(), 1u) << describe(*Diagnostics);
}

const char *WorkerHeader = R"cpp(#pragma once
#include <asio.hpp>
#include <chrono>
#include <thread>

inline asio::awaitable<void> poll_worker() {
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  co_return;
}
)cpp";

// clangd infers a header's command from a unit of the database; the header's
// own coroutines are then the main file's.
TEST_F(EditorDiagnostics, HeaderOpenedAloneGetsItsFindings) {
  fs::path Header = Project.write("src/worker.h", WorkerHeader);
  Project.write("src/server.cpp", "#include \"worker.h\"\n" + serverSource(true));
  auto Clangd = Project.startClangd();
  Clangd->openDocument(Header, WorkerHeader);
  std::optional<json> Diagnostics = Clangd->waitForDiagnostics(Header, 1, Patience);
  ASSERT_TRUE(Diagnostics) << Clangd->log();
  EXPECT_EQ(errorCount(*Diagnostics), 0) << describe(*Diagnostics);
  std::vector<json> Async = asyncWarnings(*Diagnostics);
  ASSERT_EQ(Async.size(), 1u) << describe(*Diagnostics);
  EXPECT_EQ(Async.front()["range"]["start"]["line"], 6);
  EXPECT_EQ(Async.front()["code"], "async-blocking-in-coroutine");
}

// The same header in a -isystem folder is a library's: opened alone (go to
// definition), it shows nothing, as it would show nothing when included.
TEST_F(EditorDiagnostics, ThirdPartyHeaderOpenedAloneShowsNothing) {
  fs::path Header = Project.write("third_party/worker/worker.h", WorkerHeader);
  Project.write("src/server.cpp", "#include <worker/worker.h>\n" + serverSource(true));
  std::vector<std::string> Arguments = compileArguments();
  Arguments.push_back("-isystem");
  Arguments.push_back((Project.root() / "third_party").string());
  Project.addCompileCommand("src/server.cpp", Arguments);

  auto Clangd = Project.startClangd();
  Clangd->openDocument(Header, WorkerHeader);
  std::optional<json> Diagnostics = Clangd->waitForDiagnostics(Header, 1, Patience);
  ASSERT_TRUE(Diagnostics) << Clangd->log();
  EXPECT_TRUE(asyncWarnings(*Diagnostics).empty()) << describe(*Diagnostics);
  // The including unit itself still reports its own mistake.
  Clangd->openDocument(Server, serverSource(true));
  std::optional<json> ServerDiagnostics = Clangd->waitForDiagnostics(Server, 1, Patience);
  ASSERT_TRUE(ServerDiagnostics) << Clangd->log();
  EXPECT_EQ(asyncWarnings(*ServerDiagnostics).size(), 1u) << describe(*ServerDiagnostics);
}

// Fix-its of the checks linked into clangd arrive as quick-fix code actions,
// through the same path as clangd's own clang-tidy diagnostics. No async-*
// check carries a fix-it today, so an upstream one stands in for the path.
TEST_F(EditorDiagnostics, FixItsArriveAsCodeActions) {
  Project.write(".clang-tidy", "Checks: '-*,async-*,modernize-use-nullptr'\n");
  std::string Source = std::string("int *pointer = 0;\n") + serverSource(true);
  Project.write("src/server.cpp", Source);
  auto Clangd = Project.startClangd();
  Clangd->openDocument(Server, Source);
  std::optional<json> Diagnostics = Clangd->waitForDiagnostics(Server, 1, Patience);
  ASSERT_TRUE(Diagnostics) << Clangd->log();
  EXPECT_EQ(asyncWarnings(*Diagnostics).size(), 1u) << describe(*Diagnostics);
  json Nullptr;
  for (const json &D : *Diagnostics)
    if (D.value("code", "") == "modernize-use-nullptr")
      Nullptr = D;
  ASSERT_FALSE(Nullptr.is_null()) << describe(*Diagnostics);

  json Actions = Clangd->request("textDocument/codeAction",
                                 {{"textDocument", {{"uri", fileUri(Server)}}},
                                  {"range", Nullptr["range"]},
                                  {"context", {{"diagnostics", json::array({Nullptr})}}}},
                                 Patience);
  bool Found = false;
  for (const json &Action : Actions)
    if (Action.value("kind", "") == "quickfix" && Action.contains("edit")) {
      const json &Edits = Action["edit"]["changes"][fileUri(Server)];
      Found = !Edits.empty() && Edits[0]["newText"] == "nullptr";
    }
  EXPECT_TRUE(Found) << Actions.dump(2);
}

} // namespace
} // namespace asynclint::lsp
