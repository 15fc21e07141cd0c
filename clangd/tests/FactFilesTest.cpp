//===--- FactFilesTest.cpp - the whole program's facts in the editor -----===//
//
// The editor parses one file. With the facts `asynclint check --export-facts`
// wrote, named in the FactFiles option of .clang-tidy, it shows what only the
// whole program shows: a coroutine calling a helper defined in another file
// that blocks (docs/whole-program.md).
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

const char *StoreHeader = R"cpp(#pragma once
namespace store {
void load_user();
}
)cpp";

// Line 6 makes the blocking call.
const char *StoreSource = R"cpp(#include "store.h"
#include <chrono>
#include <thread>

namespace store {
void load_user() { std::this_thread::sleep_for(std::chrono::milliseconds(5)); }
} // namespace store
)cpp";

// Line 5 (0-based 4) calls the helper of the other file.
const char *ServerSource = R"cpp(#include "store.h"
#include <asio.hpp>

asio::awaitable<void> handle() {
  store::load_user();
  co_return;
}

int main() {
  asio::io_context Io;
  asio::co_spawn(Io, handle(), asio::detached);
  Io.run();
}
)cpp";

TEST(FactFilesInTheEditor, HelperThatBlocksInAnotherFileIsShown) {
  ScratchProject Project;
  std::vector<std::string> Arguments = {"/usr/bin/g++", "-std=c++20", "-DASIO_HAS_CO_AWAIT",
                                        "-DASIO_HAS_STD_COROUTINE"};
  Project.write("src/store.h", StoreHeader);
  Project.write("src/store.cpp", StoreSource);
  fs::path Server = Project.write("src/server.cpp", ServerSource);
  Project.addCompileCommand("src/store.cpp", Arguments);
  Project.addCompileCommand("src/server.cpp", Arguments);
  Project.write(".clang-tidy", "Checks: '-*,async-*'\n"
                               "CheckOptions:\n"
                               "  FactFiles: 'build/asynclint-facts.json'\n");

  // The tool sees both units: one finding (exit 1), and the facts.
  fs::path Facts = Project.root() / "build/asynclint-facts.json";
  fs::create_directories(Facts.parent_path());
  corpus::CommandResult Check =
      corpus::runCommand({ASYNCLINT_TOOL, "check", "-p", Project.root().string(), "--no-cache",
                          "--export-facts", Facts.string()});
  ASSERT_TRUE(WIFEXITED(Check.Status) && WEXITSTATUS(Check.Status) == 1) << Check.Output;
  ASSERT_TRUE(fs::exists(Facts)) << Check.Output;

  auto Clangd = Project.startClangd();
  Clangd->openDocument(Server, ServerSource);
  std::optional<json> Diagnostics = Clangd->waitForDiagnostics(Server, 1, Patience);
  ASSERT_TRUE(Diagnostics) << Clangd->log();
  std::vector<json> Async = asyncWarnings(*Diagnostics);
  ASSERT_EQ(Async.size(), 1u) << Diagnostics->dump(2);
  const json &Finding = Async.front();
  EXPECT_EQ(Finding["range"]["start"]["line"], 4) << Finding.dump(2);
  EXPECT_TRUE(corpus::messageContains(
      Finding["message"], "call to 'store::load_user' blocks inside coroutine 'handle'"))
      << Finding.dump(2);
  ASSERT_TRUE(Finding.contains("relatedInformation")) << Finding.dump(2);
  ASSERT_EQ(Finding["relatedInformation"].size(), 1u) << Finding.dump(2);
  const json &Note = Finding["relatedInformation"][0];
  EXPECT_EQ(Note["location"]["uri"], fileUri(Project.root() / "src/store.cpp"));
  EXPECT_EQ(Note["location"]["range"]["start"]["line"], 5);
}

} // namespace
} // namespace asynclint::lsp
