//===--- PreCommitTest.cpp - the hook through the real pre-commit --------===//
//
// A scratch hooks repository holds this checkout's .pre-commit-hooks.yaml; a
// scratch project uses it with `repo: <path>`; commits go through the real
// pre-commit framework, offline.
//
//===----------------------------------------------------------------------===//
#include "ToolRunner.h"

#include <gtest/gtest.h>

namespace asynclint::tooltest {
namespace {

namespace fs = std::filesystem;

const std::string Git = "git -c user.name=test -c user.email=test@example.com "
                        "-c commit.gpgsign=false -c init.defaultBranch=main ";

TEST(PreCommit, RejectsABadCommitAndAcceptsAGoodOne) {
  ScratchProject Hooks;
  fs::copy_file(fs::path(ASYNCLINT_TEST_SOURCE_DIR) / ".pre-commit-hooks.yaml",
                Hooks.path(".pre-commit-hooks.yaml"));
  ASSERT_EQ(
      shell(Git + "init -q . && " + Git + "add -A && " + Git + "commit -q -m hooks", Hooks.dir())
          .Status,
      0);
  std::string Rev = shell("git rev-parse HEAD", Hooks.dir()).Out;
  Rev = Rev.substr(0, Rev.find('\n'));

  ScratchProject Project;
  Project.write(".pre-commit-config.yaml", "repos:\n- repo: " + Hooks.dir().string() + "\n  rev: " +
                                               Rev + "\n  hooks:\n  - id: asynclint\n");
  Project.write(".gitignore", ".run.*\n/cache/\n");
  std::string Env = "PRE_COMMIT_HOME=" + quote(Project.path("cache").string()) +
                    " PATH=" + quote(fs::path(ASYNCLINT_TEST_EXE).parent_path().string()) +
                    ":\"$PATH\" ";
  ASSERT_EQ(shell(Git + "init -q . && " + Env + quote(ASYNCLINT_TEST_PRE_COMMIT) + " install",
                  Project.dir())
                .Status,
            0);

  Project.write("good.cpp", CleanSource);
  Project.writeDatabase({"good.cpp"});
  Outcome Good = shell(Env + Git + "add -A && " + Env + Git + "commit -m good", Project.dir());
  EXPECT_EQ(Good.Status, 0) << Good.Out << Good.Err;
  EXPECT_NE((Good.Out + Good.Err).find("asynclint"), std::string::npos) << "the hook ran";

  Project.write("bad.cpp", BlockingSource);
  Project.writeDatabase({"good.cpp", "bad.cpp"});
  Outcome Bad = shell(Env + Git + "add -A && " + Env + Git + "commit -m bad", Project.dir());
  EXPECT_NE(Bad.Status, 0) << Bad.Out << Bad.Err;
  EXPECT_NE((Bad.Out + Bad.Err).find("bad.cpp:14:3: warning"), std::string::npos)
      << Bad.Out << Bad.Err;
  EXPECT_EQ(shell("git rev-list --count HEAD", Project.dir()).Out, "1\n")
      << "the bad commit was refused";
}

} // namespace
} // namespace asynclint::tooltest
