//===--- TidyRunner.h - clang-tidy's checks on one translation unit ------===//
#pragma once

#include "analysis/CompileDatabase.h"
#include "analysis/Configuration.h"
#include "findings/Findings.h"

#include <llvm/Support/Error.h>

#include <optional>
#include <string>
#include <vector>

namespace asynclint::check {

/// The checks enabled for \p File by its .clang-tidy files and \p Settings,
/// in name order: what `clang-tidy --list-checks` lists.
std::vector<std::string> enabledChecks(const TidySettings &Settings, const std::string &File);

struct UnitResult {
  std::vector<findings::Finding> Findings;
  /// Set when the translation unit does not compile or could not be read:
  /// its first error with a location, else its first error at the file.
  std::optional<findings::FileError> Error;
  /// Configuration problems met on the way (see Configuration.h), each
  /// naming the file and the key; not findings.
  std::vector<std::string> ConfigurationProblems;
};

/// Runs the enabled checks on \p U. Thread-safe: every call builds its own
/// clang-tidy context, options provider and file system.
UnitResult runChecks(const Unit &U, const TidySettings &Settings);

} // namespace asynclint::check
