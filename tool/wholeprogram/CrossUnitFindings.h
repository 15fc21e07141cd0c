//===--- CrossUnitFindings.h - what only the whole program shows ----------===//
#pragma once

#include "common/ProgramFacts.h"
#include "findings/Findings.h"

#include <vector>

namespace asynclint::wholeprogram {

/// async-blocking-in-coroutine across units: a call made by a coroutine
/// that its own unit could not show to block, to a function that blocks
/// through helpers defined in other units. Reported at the call, where the
/// user can fix it, with notes walking the chain into the other files, in
/// the words of the check (BlockingMessages.h). Pure: facts in, findings out.
std::vector<findings::Finding> crossUnitFindings(const facts::ProgramFacts &Program);

} // namespace asynclint::wholeprogram
