//===--- ProgramReport.h - what only the whole program shows --------------===//
//
// The reduce step's whole-program part: `asynclint check` on one machine and
// `asynclint merge` of shards both end here, after check::mergeResults, so
// their reports are the same.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/CompileDatabase.h"
#include "analysis/TidyRunner.h"
#include "common/ProgramFacts.h"
#include "findings/Findings.h"

#include <string>
#include <vector>

namespace asynclint::wholeprogram {

/// Combines the facts of \p Results (those of \p Units, in any order: they
/// are taken by main file) and adds to \p Findings what only the combined
/// facts show, less what NOLINT comments silence; drops the findings that
/// the combined facts show to be none (a coroutine that runs only on thread
/// pools). Returns the combined facts.
facts::ProgramFacts addWholeProgramFindings(const std::vector<check::Unit> &Units,
                                            const std::vector<check::UnitResult> &Results,
                                            std::vector<findings::Finding> &Findings);

/// Writes \p Program for the FactFiles option (docs/facts-format.md);
/// returns a one-line error, or "".
std::string writeFacts(const std::string &Path, const facts::ProgramFacts &Program);

} // namespace asynclint::wholeprogram
