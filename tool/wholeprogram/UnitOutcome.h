//===--- UnitOutcome.h - one unit's result, as files keep it --------------===//
//
// The per-unit step's whole result (check::UnitResult: findings with the
// facts the checks attached, the error that stopped it, per-function facts)
// and which unit it is. It is what the result cache stores and what a
// shard writes; the reduce step reads nothing else.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/TidyRunner.h"
#include "common/ProgramFacts.h"

#include <nlohmann/json.hpp>

#include <string>

namespace asynclint::wholeprogram {

struct UnitOutcome {
  std::string File; ///< the unit's main file, absolute
  bool MayFailToCompile = false;
  check::UnitResult Result;
};

/// The JSON form (docs/facts-format.md), paths written by \p Paths. A
/// result with configuration problems is never kept: they stop the run.
nlohmann::json toJson(const UnitOutcome &U, const facts::PathMapping &Paths);
/// Throws std::runtime_error (or a JSON exception) naming what is missing.
UnitOutcome unitOutcomeFromJson(const nlohmann::json &J, const facts::PathMapping &Paths);

} // namespace asynclint::wholeprogram
