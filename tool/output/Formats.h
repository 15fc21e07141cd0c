//===--- Formats.h - every output format, in one table --------------------===//
//
// A report (findings, with or without verdicts and the events no finding
// predicted) is written in one of these formats by every subcommand that
// has a --format option. Adding a format is adding a row to formats().
//
//===----------------------------------------------------------------------===//
#pragma once

#include "findings/Findings.h"

#include <ostream>
#include <string>
#include <vector>

namespace asynclint::output {

struct Format {
  std::string Name;        ///< the --format value
  std::string Description; ///< one line for --help
  void (*Write)(std::ostream &Out, const findings::Report &R, const findings::LineReader &Lines);
};

/// Every format; the first one is the default.
const std::vector<Format> &formats();

/// The format named \p Name, or nullptr.
const Format *findFormat(const std::string &Name);

} // namespace asynclint::output
