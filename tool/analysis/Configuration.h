//===--- Configuration.h - clang-tidy configuration and its errors -------===//
//
// A configuration error is an error: an unknown check, an option value the
// check rejects, a catalog file that is missing or misspelled, a .clang-tidy
// that does not parse. Each becomes one line naming the file and the key,
// exits 2 and is never a finding (so never in a baseline).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/CompileDatabase.h"
#include "analysis/HeaderScope.h"

#include <clang-tidy/ClangTidy.h>
#include <clang-tidy/ClangTidyOptions.h>

#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace asynclint::check {

struct TidySettings {
  /// --checks: appended to the Checks of .clang-tidy files, as in clang-tidy.
  std::optional<std::string> Checks;
  /// --config: used instead of any .clang-tidy file, as in clang-tidy.
  std::optional<std::string> Config;
  /// --header-filter: as clang-tidy's; overrides HeaderFilterRegex.
  std::optional<std::string> HeaderFilter;
  /// Which headers' findings are reported when no header filter is set.
  HeaderScope ProjectHeaders;
  /// Where clang's own headers (stddef.h, ...) are; the tool is not installed
  /// beside them, so the compiler would not find them by itself.
  std::string ResourceDir;
};

/// asynclint's checks unless .clang-tidy or --checks say otherwise.
inline constexpr const char *DefaultChecks = "-*,async-*";

/// Problems met while reading configuration; shared by worker threads.
class ConfigurationProblems {
public:
  void add(std::string Problem);
  /// The problems in the order first seen, each once.
  std::vector<std::string> take();

private:
  std::mutex Mutex;
  std::vector<std::string> Problems;
  std::set<std::string> Seen;
};

/// clang-tidy's options for the files of a run: .clang-tidy files (or
/// --config instead), --checks and --header-filter over them. A .clang-tidy
/// that does not parse is reported to \p Problems and read as empty.
std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
makeOptionsProvider(const TidySettings &Settings, ConfigurationProblems &Problems);

/// The names of the checks \p Options enable (clang-tidy's getCheckNames,
/// whose parameters differ between LLVM versions).
template <typename Options = clang::tidy::ClangTidyOptions>
std::vector<std::string> checkNames(const Options &Enabled) {
  // LLVM 22 added a flag for experimental custom checks.
  if constexpr (requires { clang::tidy::getCheckNames(Enabled, false, false); })
    return clang::tidy::getCheckNames(Enabled, /*AllowEnablingAnalyzerAlphaCheckers=*/false,
                                      /*ExperimentalCustomChecks=*/false);
  else
    return clang::tidy::getCheckNames(Enabled, /*AllowEnablingAnalyzerAlphaCheckers=*/false);
}

/// One line describing what is wrong with \p Settings (an unknown check in
/// --checks or --config, a --config that does not parse), or nothing.
std::optional<std::string> validateSettings(const TidySettings &Settings);

/// What is wrong with the .clang-tidy files that apply to \p Units: YAML
/// that does not parse, Checks naming no known check. Reads each once.
std::vector<std::string> checkConfigurationFiles(const std::vector<Unit> &Units,
                                                 const TidySettings &Settings);

/// \p Problem (a check's "[clang-tidy-config]" message, which names the
/// option but not where it is set) prefixed with the file that sets the
/// option it names, found among \p Sources.
std::string
locateProblem(const std::string &Problem,
              const std::vector<clang::tidy::ClangTidyOptionsProvider::OptionsSource> &Sources);

/// Did some configuration (a .clang-tidy, --config, --header-filter) set
/// HeaderFilterRegex, rather than the project-headers default?
bool setsHeaderFilter(
    const std::vector<clang::tidy::ClangTidyOptionsProvider::OptionsSource> &Sources);

} // namespace asynclint::check
