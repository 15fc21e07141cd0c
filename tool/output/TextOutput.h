//===--- TextOutput.h - clang-style diagnostics ---------------------------===//
#pragma once

#include "findings/Findings.h"

#include <ostream>

namespace asynclint::output {

/// `file:line:col: warning: message [check]`, the flagged source line with a
/// caret, then the notes: the shape compilers print, which editors and CI
/// problem matchers parse. A verified report adds each finding's verdict as
/// a note, a warning per event no finding predicted, and a count line.
void writeText(std::ostream &Out, const findings::Report &R, const findings::LineReader &Lines);

} // namespace asynclint::output
