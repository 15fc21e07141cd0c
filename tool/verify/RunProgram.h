//===--- RunProgram.h - running a program under the asynclint runtime -----===//
#pragma once

#include <string>
#include <vector>

namespace asynclint::verify {

struct RunOptions {
  std::vector<std::string> Argv;
  std::string EventsPath;  ///< truncated before the run
  std::string RuntimePath; ///< libasynclint-rt.so
  /// Variables to verify for unguarded shared state (ASYNCLINT_WATCH).
  std::vector<std::string> Watch;
  /// Kill the program (and only it) after this many seconds; 0: no limit.
  double TimeoutSeconds = 0;
  /// Send the program's standard output and error to /dev/null.
  bool DiscardOutput = false;
};

struct RunOutcome {
  bool Started = false;
  int ExitCode = 0; ///< the program's, or 128 + signal
  bool TimedOut = false;
  std::string Error; ///< why it did not start
};

/// Runs the program with the runtime preloaded and waits for it.
RunOutcome runUnderRuntime(const RunOptions &Options);

/// The runtime beside an asynclint executable at \p ExecutablePath
/// (bin/asynclint -> lib/libasynclint-rt.so), else the build's own.
std::string defaultRuntimePath(const std::string &ExecutablePath);

/// Reads \p EventsPath, gives every frame its source location and writes
/// the file back. False (with \p Error) when it could not.
bool symbolizeEventFile(const std::string &EventsPath, std::string &Error);

} // namespace asynclint::verify
