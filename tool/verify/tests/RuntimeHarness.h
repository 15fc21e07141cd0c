//===--- RuntimeHarness.h - programs under the runtime, end to end --------===//
//
// The tool's side of a run: the program under runUnderRuntime, its events
// read, validated and symbolised as `asynclint run` and `verify` do.
//
#pragma once

#include "verify/RunProgram.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace asynclint::rttest {

struct ObservedRun {
  verify::RunOutcome Outcome;
  std::vector<nlohmann::json> Events; ///< symbolised, "start" events included
};

/// Runs \p Argv under the runtime (killed after 5 s), symbolises its events.
ObservedRun runObserved(const std::vector<std::string> &Argv,
                        const std::vector<std::string> &Watch = {});

/// The same, killed after \p Seconds (its events so far are kept).
ObservedRun runObservedFor(const std::vector<std::string> &Argv,
                           const std::vector<std::string> &Watch, double Seconds);

std::vector<nlohmann::json> eventsOfType(const ObservedRun &Run, const std::string &Type);

/// Why the kernel refused the run's watchpoints ("" when it did not): a
/// machine without hardware breakpoints for perf_event_open cannot verify
/// shared state, and the tests that need it are skipped there.
std::string watchRefusal(const ObservedRun &Run);

/// A shell command's exit code (-1 when it did not exit normally) and its
/// output (stdout and stderr).
struct ShellResult {
  int Status = -1;
  std::string Output;
};

/// Runs \p Command through the shell: the tool as a user runs it.
ShellResult shell(const std::string &Command);

/// The 1-based line of \p File holding \p Marker.
unsigned lineOf(const std::string &File, const std::string &Marker);

/// Whether any frame of \p Event's stacks is at \p File:\p Line.
bool eventHits(const nlohmann::json &Event, const std::string &File, unsigned Line);

/// The tests of one program under the runtime: each runs it in one of its
/// modes and finds its source lines by marker.
class ProgramUnderRuntime : public ::testing::Test {
protected:
  ProgramUnderRuntime(std::string Program, std::string Source)
      : Program(std::move(Program)), Source(std::move(Source)) {}

  /// `program Mode` under the runtime (killed after 5 s), watching \p Watch.
  ObservedRun run(const std::string &Mode, const std::vector<std::string> &Watch = {}) const {
    return runObserved({Program, Mode}, Watch);
  }

  const std::string Program;
  const std::string Source;
};

} // namespace asynclint::rttest
