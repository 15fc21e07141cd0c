//===--- TextOutput.h - clang-style diagnostics ---------------------------===//
#pragma once

#include "findings/Findings.h"

#include <ostream>

namespace asynclint::output {

/// `file:line:col: warning: message [check]`, the flagged source line with a
/// caret, then the notes: the shape compilers print, which editors and CI
/// problem matchers parse.
void writeText(std::ostream &Out, const findings::Report &R, const findings::LineReader &Lines);

} // namespace asynclint::output
