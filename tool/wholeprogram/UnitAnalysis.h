//===--- UnitAnalysis.h - the per-unit step, with the fact channel open ---===//
#pragma once

#include "analysis/CompileDatabase.h"
#include "analysis/TidyRunner.h"

namespace asynclint::wholeprogram {

/// Runs the checks on \p U with a fact sink installed (FactChannel.h): the
/// findings come back with their facts as properties and, when
/// \p WholeProgram, the unit's per-function facts. \p BaseFS as for
/// check::runChecks.
check::UnitResult analyseUnit(const check::Unit &U, const check::TidySettings &Settings,
                              bool WholeProgram,
                              llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> BaseFS = nullptr);

} // namespace asynclint::wholeprogram
