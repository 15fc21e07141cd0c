//===--- UnitPreparation.h - compile commands as real builds write them --===//
#pragma once

#include "analysis/CompileDatabase.h"

#include <string>
#include <vector>

namespace asynclint::check {

struct PreparedUnits {
  /// One per distinct C or C++ command, ready for Clang.
  std::vector<Unit> Units;
  /// What was skipped, dropped, queried or merged, one line each (--verbose).
  std::vector<std::string> Notes;
};

/// Turns the commands of a database into the units to analyse:
/// - commands that compile no C or C++ (assembler, CUDA without a CUDA
///   installation, Fortran, ...) are skipped;
/// - arguments Clang's driver does not know are dropped and a GCC compiler
///   is asked for its system headers (see DriverQueries; \p QueryDriverGlobs
///   names the compilers that may be run);
/// - commands of one file that differ only in their outputs (-o, -MF, ...)
///   are analysed once.
PreparedUnits prepareUnits(std::vector<Unit> Commands, const std::string &QueryDriverGlobs);

} // namespace asynclint::check
