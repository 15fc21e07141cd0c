//===--- Baseline.h - findings accepted earlier, by fingerprint ----------===//
#pragma once

#include "findings/Findings.h"

#include <set>
#include <string>

namespace asynclint::findings {

/// The baseline file for \p R (see docs/json-format.md).
nlohmann::json baselineJson(const Report &R);

/// The fingerprints of a baseline file; throws std::runtime_error with a
/// one-line reason when it cannot be read or is not a baseline.
std::set<std::string> readBaseline(const std::string &Path);

/// Drops the findings whose fingerprint is in \p Accepted; returns how many.
size_t removeBaselined(Report &R, const std::set<std::string> &Accepted);

} // namespace asynclint::findings
