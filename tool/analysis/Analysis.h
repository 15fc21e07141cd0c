//===--- Analysis.h - the checks over many units, merged -----------------===//
#pragma once

#include "analysis/CompileDatabase.h"
#include "analysis/Configuration.h"
#include "findings/Findings.h"

#include <string>
#include <vector>

namespace asynclint::check {

struct AnalysisOutcome {
  /// Each finding once, however many units (or commands of one file) saw it.
  std::vector<findings::Finding> Findings;
  /// Units that did not compile, one line each.
  std::vector<findings::FileError> Errors;
  /// Configuration problems, each once; when there are any, the run stopped
  /// after the units under way and the rest is not to be reported.
  std::vector<std::string> ConfigurationProblems;
  /// Units skipped because they did not compile where that is no error
  /// (CUDA), one line each for --verbose.
  std::vector<std::string> Skipped;
  /// Findings of units that did not compile lose their fix-its: --fix never
  /// edits code the compiler could not read (clang-tidy's --fix-errors rule).
  size_t FixesWithheld = 0;
};

/// Runs the checks on \p Units on up to \p Threads threads, with a progress
/// line on a terminal.
AnalysisOutcome analyseUnits(const std::vector<Unit> &Units, const TidySettings &Settings,
                             unsigned Threads);

} // namespace asynclint::check
