//===--- ToolRunner.cpp ---------------------------------------------------===//
#include "ToolRunner.h"
#include "Subprocess.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <sys/wait.h>

namespace asynclint::tooltest {

namespace fs = std::filesystem;

std::string quote(const std::string &Argument) { return corpus::shellQuote(Argument); }

std::string readFile(const fs::path &Path) {
  std::ifstream In(Path, std::ios::binary);
  std::ostringstream Text;
  Text << In.rdbuf();
  return Text.str();
}

void writeFile(const fs::path &Path, const std::string &Text) {
  fs::create_directories(Path.parent_path());
  std::ofstream(Path, std::ios::binary) << Text;
}

Outcome shell(const std::string &Command, const fs::path &Dir) {
  fs::path Out = Dir / ".run.out", Err = Dir / ".run.err";
  std::string Line = "cd " + quote(Dir.string()) + " && (" + Command + ") >" + quote(Out.string()) +
                     " 2>" + quote(Err.string()) + " </dev/null";
  int Status = std::system(Line.c_str());
  Outcome Result;
  Result.Status = WIFEXITED(Status) ? WEXITSTATUS(Status) : -1;
  Result.Out = readFile(Out);
  Result.Err = readFile(Err);
  fs::remove(Out);
  fs::remove(Err);
  return Result;
}

ScratchProject::ScratchProject() {
  std::random_device Random;
  Dir = fs::temp_directory_path() / ("asynclint-test-" + std::to_string(Random()));
  fs::create_directories(Dir);
  Dir = fs::canonical(Dir);
}

ScratchProject::~ScratchProject() {
  std::error_code Ignored;
  fs::remove_all(Dir, Ignored);
}

void ScratchProject::write(const std::string &Relative, const std::string &Text) const {
  writeFile(Dir / Relative, Text);
}

void ScratchProject::writeDatabase(const std::vector<std::string> &Files) const {
  nlohmann::json Commands = nlohmann::json::array();
  for (const std::string &File : Files)
    Commands.push_back({{"directory", Dir.string()},
                        {"file", (Dir / File).string()},
                        {"arguments", {ASYNCLINT_TEST_CLANGXX, "-std=c++20", "-c", File}}});
  write("compile_commands.json", Commands.dump(2));
}

void ScratchProject::writeCommands(
    const std::vector<std::pair<std::string, std::vector<std::string>>> &Commands,
    const std::string &Folder) const {
  nlohmann::json List = nlohmann::json::array();
  for (const auto &[File, Arguments] : Commands)
    List.push_back(
        {{"directory", Dir.string()}, {"file", (Dir / File).string()}, {"arguments", Arguments}});
  write(Folder + "/compile_commands.json", List.dump(2));
}

Outcome ScratchProject::asynclint(const std::string &Arguments) const {
  return shell(quote(ASYNCLINT_TEST_EXE) + " " + Arguments, Dir);
}

// The one minimal coroutine type of the scratch projects' sources.
#define ASYNCLINT_TEST_TASK_TYPE                                                                   \
  "struct task {\n"                                                                                \
  "  struct promise_type {\n"                                                                      \
  "    task get_return_object() { return {}; }\n"                                                  \
  "    std::suspend_never initial_suspend() noexcept { return {}; }\n"                             \
  "    std::suspend_never final_suspend() noexcept { return {}; }\n"                               \
  "    void return_void() {}\n"                                                                    \
  "    void unhandled_exception() {}\n"                                                            \
  "  };\n"                                                                                         \
  "};\n"

const char *const TaskHeader = "#pragma once\n#include <coroutine>\n" ASYNCLINT_TEST_TASK_TYPE;

const char *const BlockingSource =
    "#include <chrono>\n#include <coroutine>\n#include <thread>\n" ASYNCLINT_TEST_TASK_TYPE
    R"(task handler() {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  co_return;
}
)";

const char *const CleanSource =
    "#include <coroutine>\n" ASYNCLINT_TEST_TASK_TYPE R"(task handler() { co_return; }
)";

} // namespace asynclint::tooltest
