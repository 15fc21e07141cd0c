//===--- VerifiedOutput.h - writing a report verified by a run -----------===//
//
// One writer for `asynclint verify` and `asynclint check --verify-with`:
// the findings with their verdicts, plus the runtime events no finding
// predicted, as text, JSON (docs/json-format.md) or SARIF.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Join.h"

#include <ostream>

namespace asynclint::verify {

enum class VerifiedFormat { Text, Json, Sarif };

void writeVerified(std::ostream &Out, VerifiedFormat Format, const findings::Report &Report,
                   const JoinResult &Joined);

} // namespace asynclint::verify
