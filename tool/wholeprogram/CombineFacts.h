//===--- CombineFacts.h - the units' facts, one program -------------------===//
#pragma once

#include "common/ProgramFacts.h"

#include <vector>

namespace asynclint::wholeprogram {

/// One entry per function of all units' facts, then which functions block
/// through any chain of calls across units: a fixpoint over the whole
/// program's call graph, cycles included. Pure: the same facts give the same
/// result whatever the order of \p Units, as long as two units that define
/// the same function (an inline function of a header) say the same about it;
/// when they differ (their configurations differ), the first unit wins, so
/// callers pass units in a fixed order (by main file).
facts::ProgramFacts combineFacts(const std::vector<const facts::UnitFacts *> &Units);

} // namespace asynclint::wholeprogram
