//===--- ClangArguments.h - a GCC command line made acceptable to Clang --===//
#pragma once

#include <string>
#include <vector>

namespace asynclint::check {

struct ClangArguments {
  std::vector<std::string> CommandLine;
  /// The arguments removed because Clang's driver does not know them
  /// (-fanalyzer, -fno-gnu-unique, -fconcepts-diagnostics-depth=2, ...).
  std::vector<std::string> Dropped;
};

/// \p CommandLine (compiler first) without a compiler launcher in front
/// (ccache, sccache, distcc, icecc) and without the arguments Clang's driver
/// does not know, which it would reject as errors (as clangd does). Arguments
/// it knows stay, GCC-only warnings (-Wlogical-op) included: an unknown
/// warning option is only a warning. -Qunused-arguments and -Wno-error are
/// added: under a GCC build's -Werror, a warning of Clang's own (an argument
/// it accepts but does not use, such as -fcoroutines) would be an error that
/// stops the analysis of the unit.
ClangArguments acceptableToClang(const std::vector<std::string> &CommandLine);

} // namespace asynclint::check
