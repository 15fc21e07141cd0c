//===--- WriteReport.h - the end of every subcommand that reports ---------===//
#pragma once

#include "findings/Findings.h"
#include "output/Formats.h"

#include <string>

namespace asynclint::tool {

/// Writes \p R in \p Format to \p OutputFile (stdout when empty), then one
/// line on stderr per unit that could not be analysed. False when the file
/// cannot be written.
bool writeReport(const output::Format &Format, const std::string &OutputFile,
                 const findings::Report &R, const findings::LineReader &Lines);

} // namespace asynclint::tool
