//===--- UnitOutcome.h - what the analysis of one unit produced -----------===//
//
// The per-unit step's whole result: the unit's findings (with the facts the
// checks attached), the error that stopped it, and the per-function facts
// for the whole-program step. It is what the result cache stores and what a
// shard writes; the combination step reads nothing else.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "common/ProgramFacts.h"
#include "findings/Findings.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace asynclint::wholeprogram {

struct UnitOutcome {
  std::string File; ///< the unit's main file, absolute
  std::vector<findings::Finding> Findings;
  std::optional<findings::FileError> Error;
  facts::UnitFacts Facts;
};

/// The JSON form (docs/facts-format.md), paths written by \p Paths.
nlohmann::json toJson(const UnitOutcome &U, const facts::PathMapping &Paths);
/// Throws std::runtime_error naming the first missing or mistyped field.
UnitOutcome unitOutcomeFromJson(const nlohmann::json &J, const facts::PathMapping &Paths);

} // namespace asynclint::wholeprogram
