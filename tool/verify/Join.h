//===--- Join.h - static findings x runtime events -------------------------===//
//
// Each finding gets a verdict: "confirmed" when an event of its kind was
// observed at its source line (a blocking call in async context for
// async-blocking-in-coroutine, a spawn that overlapped with nothing for
// async-immediate-await, a race on its variable for
// async-unguarded-shared-state); "not-watched" when the run could not have
// seen it (its variable was not watched, with the reason); else
// "not-observed". Events that no finding predicted are returned, one per
// site: what the checks missed. The events must be valid (EventLog::read).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "findings/Findings.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace asynclint::verify {

struct JoinResult {
  unsigned Confirmed = 0;
  unsigned NotObserved = 0;
  unsigned NotWatched = 0;
  /// Events no finding predicted, one per site, each with "site"
  /// ({file, line, function} of the program's innermost frame) and
  /// "occurrences" (events merged into it).
  std::vector<nlohmann::json> Unpredicted;
};

/// Sets the Verified field of every finding of the three async checks
/// (other checks' findings are left alone) from the symbolised \p Events.
JoinResult join(std::vector<findings::Finding> &Findings,
                const std::vector<nlohmann::json> &Events);

/// The variable a shared-state finding is about: the leading quoted name of
/// its message ("'ns::total' is written ..." -> "ns::total"), or "".
std::string flaggedVariable(const std::string &Message);

/// Whether \p Frame (or a function inlined into it) is at \p File:\p Line.
bool frameAt(const nlohmann::json &Frame, const std::string &File, unsigned Line);

/// The program's innermost frame of an event: the first location outside
/// system headers and libraries, as {file, line, function}; null if none.
nlohmann::json programSite(const nlohmann::json &Event);

} // namespace asynclint::verify
