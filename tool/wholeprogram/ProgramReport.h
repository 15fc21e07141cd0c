//===--- ProgramReport.h - the units' outcomes, one report ----------------===//
//
// The reduce step of every run: `asynclint check` on one machine and
// `asynclint merge` of shards both end here, so their reports are the same.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "common/ProgramFacts.h"
#include "findings/Findings.h"
#include "wholeprogram/UnitOutcome.h"

#include <vector>

namespace asynclint::wholeprogram {

/// Adds the units' findings and errors to \p R, one finding per place (a
/// header's finding is seen by every unit that includes it), and, when
/// \p WholeProgram, what only the combined facts show (less what NOLINT
/// comments silence). Returns the combined facts. \p Units must be in a
/// fixed order (by main file) for the result not to depend on the run.
facts::ProgramFacts buildReport(std::vector<UnitOutcome> &Units, findings::Report &R,
                                bool WholeProgram);

/// Writes \p Program for the FactFiles option (docs/facts-format.md);
/// returns a one-line error, or "".
std::string writeFacts(const std::string &Path, const facts::ProgramFacts &Program);

/// Units in the order buildReport() wants.
void sortUnits(std::vector<UnitOutcome> &Units);

} // namespace asynclint::wholeprogram
