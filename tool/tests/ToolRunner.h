//===--- ToolRunner.h - run the built asynclint in a scratch project -----===//
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace asynclint::tooltest {

struct Outcome {
  int Status = -1; ///< exit code; -1 when the process did not exit normally
  std::string Out;
  std::string Err;
};

/// Runs \p Command with /bin/sh in \p Dir, capturing stdout and stderr.
Outcome shell(const std::string &Command, const std::filesystem::path &Dir);

std::string quote(const std::string &Argument);
std::string readFile(const std::filesystem::path &Path);
void writeFile(const std::filesystem::path &Path, const std::string &Text);

/// A fresh folder with source files and a compile_commands.json for them.
class ScratchProject {
public:
  ScratchProject();
  ~ScratchProject();
  const std::filesystem::path &dir() const { return Dir; }
  std::filesystem::path path(const std::string &Relative) const { return Dir / Relative; }
  void write(const std::string &Relative, const std::string &Text) const;
  /// compile_commands.json with one `clang++ -std=c++20 -c FILE` per file.
  void writeDatabase(const std::vector<std::string> &Files) const;
  /// \p Folder/compile_commands.json with one command per (file, arguments),
  /// arguments from the compiler on, run in dir().
  void writeCommands(const std::vector<std::pair<std::string, std::vector<std::string>>> &Commands,
                     const std::string &Folder = ".") const;
  /// asynclint with \p Arguments (already quoted where needed), in dir().
  Outcome asynclint(const std::string &Arguments) const;

private:
  std::filesystem::path Dir;
};

/// `task.h` for scratch projects: a minimal coroutine type (`task`, which
/// starts at once and never suspends), the shape of cppcoro's and
/// libcoro's task for the checks.
extern const char *const TaskHeader;

/// A coroutine that sleeps: one async-blocking-in-coroutine finding, on the
/// line of the sleep (line 14 of this text).
extern const char *const BlockingSource;
inline constexpr unsigned BlockingLine = 14;
/// The same coroutine waiting on nothing: no finding.
extern const char *const CleanSource;

} // namespace asynclint::tooltest
