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

/// Reads and symbolises \p EventsPath, sets every async finding's verdict
/// in \p Report and records the events no finding predicted in its Run.
/// False (with \p Error) when the events cannot be
/// read; a symbolizer failure only leaves frames without source lines
/// (reported in \p Warning).
bool verifyReport(findings::Report &Report, const std::string &EventsPath, JoinResult &Result,
                  std::string &Error, std::string &Warning);

/// The events of \p Result that no finding predicted, as the report model
/// holds them.
findings::RuntimeRun runtimeRun(const JoinResult &Result);

} // namespace asynclint::verify
