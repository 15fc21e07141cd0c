//===--- SharedStateHeadersTest.cpp - no finding inside library headers ---===//
//
// The corpus test reads only the diagnostics of the main file. Here the
// real clang-tidy runs with every header shown (--header-filter and
// --system-headers): async-unguarded-shared-state must say nothing located
// in a system header or under a third-party folder, though the corpus file
// drives racy and locking code of both through threads.
//
//===----------------------------------------------------------------------===//
#include "Subprocess.h"

#include <gtest/gtest.h>

#include <sstream>
#include <sys/wait.h>

namespace asynclint {
namespace {

TEST(SharedStateHeaders, NoFindingInsideALibraryHeader) {
  const std::string Corpus = ASYNCLINT_CORPUS_DIR;
  const std::string File = Corpus + "/shared-state/third_party_library.cpp";
  corpus::CommandResult Run = corpus::runCommand(
      {ASYNCLINT_CLANG_TIDY, "--load=" ASYNCLINT_PLUGIN, "--checks=-*,async-unguarded-shared-state",
       "--config={}", "--header-filter=.*", "--system-headers", File, "--", "-std=c++20",
       "-DASIO_HAS_CO_AWAIT", "-DASIO_HAS_STD_COROUTINE", "-I" + Corpus + "/include"});
  ASSERT_TRUE(WIFEXITED(Run.Status)) << Run.Output;
  std::istringstream Lines(Run.Output);
  unsigned InMainFile = 0;
  for (std::string Line; std::getline(Lines, Line);) {
    if (Line.find("warning:") == std::string::npos ||
        Line.find("[async-unguarded-shared-state]") == std::string::npos)
      continue;
    if (Line.rfind(File + ":", 0) == 0)
      ++InMainFile;
    else
      ADD_FAILURE() << "finding outside the user's file: " << Line;
  }
  // The file's one expected finding is there: the run did analyse it.
  EXPECT_EQ(InMainFile, 1u) << Run.Output;
}

} // namespace
} // namespace asynclint
