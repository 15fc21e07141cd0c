//===--- Configuration.cpp ------------------------------------------------===//
#include "analysis/Configuration.h"

#include <clang-tidy/ClangTidy.h>
#include <clang-tidy/GlobList.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/SourceMgr.h>
#include <llvm/Support/VirtualFileSystem.h>

#include <algorithm>

namespace asynclint::check {

using namespace clang::tidy;
using OptionsSource = ClangTidyOptionsProvider::OptionsSource;

namespace {

/// clang-tidy's name for its own defaults, which no user wrote.
bool isDefaults(const OptionsSource &Source) {
  return Source.second == ClangTidyOptionsProvider::OptionsSourceTypeDefaultBinary;
}

/// The name of a configuration source, as a user knows it.
std::string sourceName(const OptionsSource &Source) {
  if (Source.second == ClangTidyOptionsProvider::OptionsSourceTypeCheckCommandLineOption)
    return "command line";
  if (Source.second == ClangTidyOptionsProvider::OptionsSourceTypeConfigCommandLineOption)
    return "--config";
  return Source.second;
}

ClangTidyOptions defaultOptions() {
  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  Defaults.Checks = DefaultChecks;
  // Every header is let through clang-tidy; the project-headers default is
  // applied to the findings (HeaderScope), unless a configuration sets a
  // filter of its own (setsHeaderFilter).
  Defaults.HeaderFilterRegex = ".*";
  return Defaults;
}

/// FileOptionsProvider with its own .clang-tidy reader. Its constructor for
/// custom readers leaves the file system unset (getRawOptions would crash),
/// so this one sets it.
class ReportingFileOptionsProvider : public FileOptionsProvider {
public:
  ReportingFileOptionsProvider(ClangTidyOptions Defaults, ClangTidyOptions Override,
                               ConfigFileHandlers Handlers)
      : FileOptionsProvider(ClangTidyGlobalOptions(), std::move(Defaults), std::move(Override),
                            std::move(Handlers)) {
    FS = llvm::vfs::getRealFileSystem();
  }
  using FileOptionsProvider::ConfigFileHandlers;
};

/// A one-line parse error: FILE:LINE:COL: MESSAGE.
std::string describe(const llvm::SMDiagnostic &D) {
  return D.getFilename().str() + ":" + std::to_string(D.getLineNo()) + ":" +
         std::to_string(D.getColumnNo() + 1) + ": " + D.getMessage().str();
}

const std::vector<std::string> &knownChecks() {
  static const std::vector<std::string> Known = [] {
    ClangTidyOptions All = ClangTidyOptions::getDefaults();
    All.Checks = "*";
    return checkNames(All);
  }();
  return Known;
}

/// The first positive glob of \p Checks that names no known check.
std::optional<std::string> unknownCheck(llvm::StringRef Checks) {
  llvm::SmallVector<llvm::StringRef> Globs;
  Checks.split(Globs, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Glob : Globs) {
    Glob = Glob.trim();
    // Negative globs may name anything; clang-diagnostic-* names compiler
    // warnings, which no registry lists.
    if (Glob.empty() || Glob.starts_with("-") || Glob.starts_with("clang-diagnostic-"))
      continue;
    GlobList Matcher(Glob);
    const std::vector<std::string> &Known = knownChecks();
    if (std::none_of(Known.begin(), Known.end(),
                     [&](const std::string &Name) { return Matcher.contains(Name); }))
      return Glob.str();
  }
  return std::nullopt;
}

/// Does \p Problem speak of option \p Key ("check.Option")? Checks name the
/// whole key, or their own name first and the option later.
bool mentionsOption(llvm::StringRef Problem, llvm::StringRef Key) {
  if (Problem.contains(Key))
    return true;
  auto [Check, Option] = Key.rsplit('.');
  return !Option.empty() && Problem.starts_with((Check + ":").str()) && Problem.contains(Option);
}

} // namespace

void ConfigurationProblems::add(std::string Problem) {
  std::lock_guard<std::mutex> Lock(Mutex);
  if (Seen.insert(Problem).second)
    Problems.push_back(std::move(Problem));
}

std::vector<std::string> ConfigurationProblems::take() {
  std::lock_guard<std::mutex> Lock(Mutex);
  return std::move(Problems);
}

std::unique_ptr<ClangTidyOptionsProvider> makeOptionsProvider(const TidySettings &Settings,
                                                              ConfigurationProblems &Problems) {
  ClangTidyOptions Override;
  if (Settings.Checks)
    Override.Checks = *Settings.Checks;
  if (Settings.HeaderFilter)
    Override.HeaderFilterRegex = *Settings.HeaderFilter;
  if (Settings.Config) {
    llvm::ErrorOr<ClangTidyOptions> Parsed =
        parseConfiguration(llvm::MemoryBufferRef(*Settings.Config, "--config"));
    // validateSettings rejected a --config that does not parse.
    return std::make_unique<ConfigOptionsProvider>(ClangTidyGlobalOptions(), defaultOptions(),
                                                   Parsed ? *Parsed : ClangTidyOptions(), Override,
                                                   llvm::vfs::getRealFileSystem());
  }
  ReportingFileOptionsProvider::ConfigFileHandlers Handlers{
      {".clang-tidy", [&Problems](llvm::MemoryBufferRef File) -> llvm::ErrorOr<ClangTidyOptions> {
         std::string First;
         llvm::ErrorOr<ClangTidyOptions> Parsed =
             parseConfigurationWithDiags(File, [&](const llvm::SMDiagnostic &D) {
               if (First.empty() && D.getKind() == llvm::SourceMgr::DK_Error)
                 First = describe(D);
             });
         if (Parsed)
           return Parsed;
         Problems.add(First.empty()
                          ? File.getBufferIdentifier().str() + ": " + Parsed.getError().message()
                          : First);
         // Read as empty: clang-tidy would print its own message and look
         // further up, and the run stops on the problem anyway.
         return ClangTidyOptions();
       }}};
  return std::make_unique<ReportingFileOptionsProvider>(defaultOptions(), Override,
                                                        std::move(Handlers));
}

std::optional<std::string> validateSettings(const TidySettings &Settings) {
  if (Settings.Config) {
    // The parser's own report spans lines (source, caret); keep its message.
    std::string Problem;
    llvm::ErrorOr<ClangTidyOptions> Parsed = parseConfigurationWithDiags(
        llvm::MemoryBufferRef(*Settings.Config, "--config"), [&](const llvm::SMDiagnostic &D) {
          if (Problem.empty())
            Problem = D.getMessage().str();
        });
    if (!Parsed)
      return "--config: not a clang-tidy configuration: " +
             (Problem.empty() ? Parsed.getError().message() : Problem);
    if (Parsed->Checks)
      if (std::optional<std::string> Unknown = unknownCheck(*Parsed->Checks))
        return "--config: Checks: '" + *Unknown + "' matches no known check";
  }
  if (Settings.Checks)
    if (std::optional<std::string> Unknown = unknownCheck(*Settings.Checks))
      return "--checks: '" + *Unknown + "' matches no known check";
  return std::nullopt;
}

std::vector<std::string> checkConfigurationFiles(const std::vector<Unit> &Units,
                                                 const TidySettings &Settings) {
  ConfigurationProblems Problems;
  std::unique_ptr<ClangTidyOptionsProvider> Provider = makeOptionsProvider(Settings, Problems);
  std::set<std::string> Folders, Files;
  for (const Unit &U : Units) {
    if (!Folders.insert(llvm::sys::path::parent_path(U.File).str()).second)
      continue;
    for (const OptionsSource &Source : Provider->getRawOptions(U.File)) {
      // Defaults, --checks and --config were validated by validateSettings.
      if (isDefaults(Source) || sourceName(Source) != Source.second ||
          !Files.insert(Source.second).second || !Source.first.Checks)
        continue;
      if (std::optional<std::string> Unknown = unknownCheck(*Source.first.Checks))
        Problems.add(Source.second + ": Checks: '" + *Unknown + "' matches no known check");
    }
  }
  return Problems.take();
}

std::string locateProblem(const std::string &Problem, const std::vector<OptionsSource> &Sources) {
  for (auto Source = Sources.rbegin(); Source != Sources.rend(); ++Source) {
    if (isDefaults(*Source))
      continue;
    std::string Name = sourceName(*Source);
    if (llvm::StringRef(Problem).starts_with(Name))
      return Problem;
    for (const auto &Option : Source->first.CheckOptions)
      if (mentionsOption(Problem, Option.getKey()))
        return Name + ": " + Problem;
  }
  return Problem;
}

bool setsHeaderFilter(const std::vector<OptionsSource> &Sources) {
  return std::any_of(Sources.begin(), Sources.end(), [](const OptionsSource &Source) {
    return !isDefaults(Source) && Source.first.HeaderFilterRegex.has_value();
  });
}

} // namespace asynclint::check
