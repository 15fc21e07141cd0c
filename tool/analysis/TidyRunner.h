//===--- TidyRunner.h - clang-tidy's checks on one translation unit ------===//
#pragma once

#include "analysis/CompileDatabase.h"
#include "findings/Findings.h"

#include <llvm/Support/Error.h>

#include <optional>
#include <string>
#include <vector>

namespace asynclint::check {

struct TidySettings {
  /// --checks: overrides the Checks of .clang-tidy files, as in clang-tidy.
  std::optional<std::string> Checks;
  /// --config: used instead of any .clang-tidy file, as in clang-tidy.
  std::optional<std::string> Config;
  /// Where clang's own headers (stddef.h, ...) are; the tool is not installed
  /// beside them, so the compiler would not find them by itself.
  std::string ResourceDir;
};

/// asynclint's checks unless .clang-tidy or --checks say otherwise.
inline constexpr const char *DefaultChecks = "-*,async-*";

/// One line describing what is wrong with \p Settings (an unknown check, a
/// --config that does not parse), or nothing.
std::optional<std::string> validateSettings(const TidySettings &Settings);

/// The checks enabled for \p File by its .clang-tidy files and \p Settings,
/// in name order: what `clang-tidy --list-checks` lists.
std::vector<std::string> enabledChecks(const TidySettings &Settings, const std::string &File);

struct UnitResult {
  std::vector<findings::Finding> Findings;
  /// Set when the translation unit does not compile or could not be read.
  std::optional<findings::FileError> Error;
};

/// Runs the enabled checks on \p U. Thread-safe: every call builds its own
/// clang-tidy context, options provider and file system.
UnitResult runChecks(const Unit &U, const TidySettings &Settings);

} // namespace asynclint::check
