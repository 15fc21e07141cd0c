//===--- ApplyFixes.h - --fix: the checks' fix-its written to the files --===//
#pragma once

#include "findings/Findings.h"

#include <string>
#include <vector>

namespace asynclint::check {

struct FixOutcome {
  /// Per finding of the input: were all its fix-its applied?
  std::vector<bool> Fixed;
  unsigned FilesChanged = 0;
  /// One line per file that could not be rewritten.
  std::vector<std::string> Errors;
};

/// Applies the fix-its of \p Findings. A finding whose edits overlap those of
/// an earlier one is left alone (all its edits or none); a file no applied
/// fix touches is not written.
FixOutcome applyFixes(const std::vector<findings::Finding> &Findings);

} // namespace asynclint::check
