//===--- Subprocess.h - run a command and capture what it prints ---------===//
#pragma once

#include <string>
#include <vector>

namespace asynclint::corpus {

/// \p Argument in single quotes for /bin/sh.
std::string shellQuote(const std::string &Argument);

struct CommandResult {
  /// The wait status as pclose() returns it (WIFEXITED, WEXITSTATUS apply);
  /// -1 when the command could not be started.
  int Status = -1;
  /// Standard output and standard error, interleaved.
  std::string Output;
};

/// Runs the shell command line \p Line.
CommandResult runShell(const std::string &Line);

/// Runs \p Command (program and arguments, each quoted here).
CommandResult runCommand(const std::vector<std::string> &Command);

} // namespace asynclint::corpus
