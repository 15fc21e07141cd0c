//===--- Verify.h - a report verified with an events file -----------------===//
//
// The whole of `asynclint verify` as one call, for any command that has a
// report and an events file (`check --verify-with` can use it as is).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Join.h"

#include <string>

namespace asynclint::verify {

/// Reads and symbolises \p EventsPath and sets every async finding's
/// verdict in \p Report. False (with \p Error) when the events cannot be
/// read; a symbolizer failure only leaves frames without source lines
/// (reported in \p Warning).
bool verifyReport(findings::Report &Report, const std::string &EventsPath, JoinResult &Result,
                  std::string &Error, std::string &Warning);

/// The JSON form of a verified report: the report with
/// "unpredicted_events" added (see docs/runtime.md).
nlohmann::json verifiedJson(const findings::Report &Report, const JoinResult &Result);

} // namespace asynclint::verify
