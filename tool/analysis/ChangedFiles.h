//===--- ChangedFiles.h - --changed-since: what a commit touches ---------===//
#pragma once

#include "analysis/CompileDatabase.h"
#include "analysis/TidyRunner.h"

#include <llvm/Support/Error.h>

#include <set>
#include <string>
#include <vector>

namespace asynclint::check {

/// The top folder of the git checkout that holds the current folder.
llvm::Expected<std::string> gitTopLevel();

/// Absolute, canonical paths of the files that differ from \p Revision in the
/// working tree (staged or not) plus the untracked files git does not ignore.
llvm::Expected<std::set<std::string>> changedFiles(const std::string &TopLevel,
                                                   const std::string &Revision);

/// The C and C++ sources (not headers) among \p Changed that exist and are
/// the main file of none of \p DatabaseFiles: new files the build has not
/// been re-configured for, which --changed-since would otherwise pass over.
std::vector<std::string> sourcesWithoutCommand(const std::set<std::string> &Changed,
                                               const std::vector<std::string> &DatabaseFiles);

/// The units whose main file changed, or that include (directly or not) a
/// changed file. Includes are found by running the preprocessor on the
/// units, only when some changed file is not itself a main file.
std::vector<Unit> affectedUnits(const std::vector<Unit> &Units,
                                const std::set<std::string> &Changed, const TidySettings &Settings,
                                unsigned Jobs);

} // namespace asynclint::check
