//===--- CrossUnitRaces.h - shared state raced on across units ------------===//
#pragma once

#include "common/ProgramFacts.h"
#include "findings/Findings.h"

#include <vector>

namespace asynclint::wholeprogram {

/// async-unguarded-shared-state across units: a global (a static, a static
/// data member, a member of one of those) written by one thread and
/// accessed by another with no lock in common, where the threads, the
/// functions they run and the accesses are not all in one unit (so the
/// unit's own analysis could not see the race). The check's model (see
/// RaceFinder.h), over the whole program's call graph: what a thread's
/// entry calls, in any unit, runs on that thread, under the locks every
/// caller holds; the starter's own accesses count while the thread runs.
/// One finding per location, at its least protected access, with notes at
/// the other access and at the thread starts. Pure: facts in, findings out,
/// whatever the order in which the facts were combined.
std::vector<findings::Finding> crossUnitRaces(const facts::ProgramFacts &Program);

} // namespace asynclint::wholeprogram
