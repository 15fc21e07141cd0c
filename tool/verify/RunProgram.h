//===--- RunProgram.h - running a program under the asynclint runtime -----===//
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace asynclint::verify {

struct RunOptions {
  std::vector<std::string> Argv;
  std::string EventsPath;  ///< truncated before the run
  std::string RuntimePath; ///< libasynclint-rt.so
  /// Variables to verify for unguarded shared state (ASYNCLINT_WATCH).
  std::vector<std::string> Watch;
  /// Coroutine spawns to watch (ASYNCLINT_SPAWN_SITES: resolveSpawnSites's
  /// JSON text); empty: none.
  std::string SpawnSites;
  /// Kill the program (and only it) after this many seconds; 0: no limit.
  double TimeoutSeconds = 0;
  /// Send the program's standard output and error to /dev/null.
  bool DiscardOutput = false;
  /// Called while the program runs with each start event the runtime
  /// writes, one per process (what it watches and what it cannot).
  std::function<void(const nlohmann::json &)> OnStart;
};

struct RunOutcome {
  bool Started = false;
  int ExitCode = 0; ///< the program's, or 128 + signal
  bool TimedOut = false;
  /// A signal (SIGTERM, SIGINT, SIGHUP, SIGQUIT) sent to the runner and
  /// passed on to the program; 0 if none.
  int Forwarded = 0;
  /// The runtime wrote its start event (it was loaded and initialised).
  bool RuntimeStarted = false;
  std::string Error; ///< why it did not start
};

/// Runs the program with the runtime preloaded and waits for it. A
/// termination signal the runner receives from another process (kill,
/// timeout, a CI runner) is passed on to the program, and the run ends when
/// the program does; a terminal's Ctrl-C reaches the program directly.
RunOutcome runUnderRuntime(const RunOptions &Options);

/// The places the runtime library is looked for, in order, for an asynclint
/// executable at \p ExecutablePath: beside it, in ../lib (the build tree
/// and an installed tree), and in the install prefix's library folder.
std::vector<std::string> runtimeCandidates(const std::string &ExecutablePath);

/// The first of runtimeCandidates() that exists, or "" when none does.
std::string findRuntime(const std::string &ExecutablePath);

/// Reads \p EventsPath, gives every frame its source location and writes
/// the file back. False (with \p Error) when it could not.
bool symbolizeEventFile(const std::string &EventsPath, std::string &Error);

} // namespace asynclint::verify
