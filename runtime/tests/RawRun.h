//===--- RawRun.h - a program under the runtime, its events as written ----===//
//
// The runtime's own tests read the events exactly as the runtime writes them
// (frames named by the runtime's ELF symbol reader, no source lines): what
// the tool makes of them is tested with the tool (tool/verify/tests). Every
// event of every run is checked against asynclint/events.h.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace asynclint::rttest {

struct RawRun {
  int ExitCode = -1;  ///< the program's, 128 + signal, or 137 when killed at the bound
  std::string Output; ///< its standard output and error
  std::vector<nlohmann::json> Events;
};

/// Runs \p Argv with the runtime preloaded and \p Environment added, killed
/// after \p BoundSeconds; \p Launcher (a program that execs the rest) goes
/// before it, without the runtime.
RawRun runRaw(const std::vector<std::string> &Argv,
              const std::map<std::string, std::string> &Environment = {}, int BoundSeconds = 20,
              const std::vector<std::string> &Launcher = {});

/// The same program without the runtime: its exit code and output.
RawRun runPlain(const std::vector<std::string> &Argv, int BoundSeconds = 20);

std::vector<nlohmann::json> eventsOfType(const RawRun &Run, const std::string &Type);

/// Whether a frame of \p Stack names a function containing \p Part.
bool stackHasFunction(const nlohmann::json &Stack, const std::string &Part);

/// The start event's watch entry for \p Variable (null if none).
nlohmann::json watchEntry(const RawRun &Run, const std::string &Variable);

} // namespace asynclint::rttest
