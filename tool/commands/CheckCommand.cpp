//===--- CheckCommand.cpp - asynclint check -------------------------------===//
//
// Compile database in, findings out: the subcommand for CI and pre-commit.
//
//===----------------------------------------------------------------------===//
#include "commands/Command.h"

#include "analysis/Analysis.h"
#include "analysis/ApplyFixes.h"
#include "analysis/ChangedFiles.h"
#include "analysis/CompileDatabase.h"
#include "analysis/DriverQuery.h"
#include "analysis/UnitPreparation.h"
#include "cache/UnitAnalyser.h"
#include "commands/FormatOption.h"
#include "commands/WriteReport.h"
#include "findings/Baseline.h"
#include "findings/Findings.h"
#include "shards/Shards.h"
#include "verify/Verify.h"
#include "wholeprogram/ProgramReport.h"

#include <llvm/Support/CommandLine.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/raw_ostream.h>

#include <fstream>
#include <optional>
#include <set>
#include <thread>

namespace asynclint::tool {
namespace {

namespace cl = llvm::cl;

cl::SubCommand Sub("check",
                   "Run the async-* checks (and any clang-tidy check) over a compile database");

cl::list<std::string> Files(cl::Positional, cl::sub(Sub),
                            cl::desc("[files...]  (default: every file of the compile database)"));
cl::opt<std::string> BuildDir(
    "p", cl::sub(Sub), cl::value_desc("build-dir"),
    cl::desc("Folder of compile_commands.json (default: the first one found in the current\n"
             "folder, its build/ subfolder, or the same places in a parent folder)"));
cl::opt<unsigned> Jobs("j", cl::sub(Sub), cl::value_desc("N"), cl::Prefix,
                       cl::desc("Translation units analysed in parallel (default: the cores)"),
                       cl::init(0));
cl::opt<std::string>
    Checks("checks", cl::sub(Sub), cl::value_desc("globs"),
           cl::desc("clang-tidy check globs, appended to the Checks of .clang-tidy files as in\n"
                    "clang-tidy; upstream checks are accepted (default: '-*,async-*')"));
cl::opt<std::string>
    Config("config", cl::sub(Sub), cl::value_desc("yaml"),
           cl::desc("clang-tidy configuration used instead of .clang-tidy files, e.g.\n"
                    "\"{CheckOptions: {async-blocking-in-coroutine.EnabledCategories: mutex}}\""));
FormatOption OutputFormat(Sub);
cl::opt<std::string> OutputFile("output", cl::sub(Sub), cl::value_desc("file"),
                                cl::desc("Write the report to this file instead of stdout"));
cl::opt<std::string> Baseline("baseline", cl::sub(Sub), cl::value_desc("file"),
                              cl::desc("Report only findings whose fingerprint is not in this "
                                       "baseline"));
cl::opt<std::string>
    WriteBaseline("write-baseline", cl::sub(Sub), cl::value_desc("file"),
                  cl::desc("Record the current findings in this baseline file; exit 0 unless a\n"
                           "translation unit could not be analysed"));
cl::opt<bool> Fix("fix", cl::sub(Sub),
                  cl::desc("Apply the fix-its of the reported findings; files without one are "
                           "not touched"));
cl::opt<std::string> ChangedSince(
    "changed-since", cl::sub(Sub), cl::value_desc("rev"),
    cl::desc("Analyse only translation units whose file, or a file they include, differs\n"
             "from git revision <rev> (committed, staged, unstaged or untracked)"));

cl::opt<std::string> HeaderFilter(
    "header-filter", cl::sub(Sub), cl::value_desc("regex"),
    cl::desc("Report findings in headers whose path matches this regex, as clang-tidy's\n"
             "--header-filter (overrides HeaderFilterRegex). Default: the project's own\n"
             "headers, i.e. under the project root, outside the build folder and outside\n"
             "third_party/, external/, vendor/, _deps/ and the like (docs/compile-databases.md)"));
cl::opt<std::string> QueryDriver(
    "query-driver", cl::sub(Sub), cl::value_desc("globs"), cl::init(check::DefaultQueryDrivers),
    cl::desc("Comma-separated path globs of the database's compilers asynclint may run to\n"
             "learn their system headers, as clangd's --query-driver (default: compilers\n"
             "named like GCC; '' runs none and uses Clang's own)"));
cl::opt<bool> Verbose("verbose", cl::sub(Sub),
                      cl::desc("Say which sources are skipped, which compiler arguments are\n"
                               "dropped and which system headers are used"));
cl::alias VerboseShort("v", cl::desc("Alias for --verbose"), cl::aliasopt(Verbose));
cl::opt<bool> ListChecks("list-checks", cl::sub(Sub),
                         cl::desc("List the checks enabled for the files (default: the current\n"
                                  "folder) by .clang-tidy, --checks and --config, and exit"));

cl::opt<std::string>
    VerifyWith("verify-with", cl::sub(Sub), cl::value_desc("events.jsonl"),
               cl::desc("Mark each finding confirmed, not observed or not watched by\n"
                        "these runtime events (from asynclint run), and list what the run\n"
                        "saw that no check predicted, as asynclint verify does"));

cl::opt<bool> PerUnit("per-unit", cl::sub(Sub),
                      cl::desc("Analyse each translation unit alone: no facts are combined across\n"
                               "units (by default a coroutine calling a helper of another unit\n"
                               "that blocks is found too)"));
cl::opt<std::string>
    ExportFacts("export-facts", cl::sub(Sub), cl::value_desc("file"),
                cl::desc("Write the combined facts of the whole program to this file, for the\n"
                         "FactFiles option of clang-tidy --load, CMAKE_CXX_CLANG_TIDY and\n"
                         "asynclint-clangd (docs/facts-format.md)"));
cl::opt<std::string>
    CacheDir("cache-dir", cl::sub(Sub), cl::value_desc("dir"),
             cl::desc("Keep each unit's result here and reuse it while nothing it read changed\n"
                      "(default: .asynclint-cache beside compile_commands.json)"));
cl::opt<bool> NoCache("no-cache", cl::sub(Sub),
                      cl::desc("Analyse every unit, neither reading nor writing the cache"));
cl::opt<std::string>
    Shard("shard", cl::sub(Sub), cl::value_desc("I/N"),
          cl::desc("Analyse only shard I of N (every N-th unit), e.g. one job of a CI matrix"));
cl::opt<std::string>
    FactsOut("facts-out", cl::sub(Sub), cl::value_desc("dir"),
             cl::desc("Write this shard's outcome (findings and facts) to DIR/shard-I-of-N.json\n"
                      "instead of a report; `asynclint merge DIR...` then reports on all shards"));

void note(const llvm::Twine &Message) {
  if (Verbose)
    llvm::errs() << "asynclint: " << Message << "\n";
}

/// The configuration problems, one line each; the run reports nothing else.
int configurationError(const std::vector<std::string> &Problems) {
  for (const std::string &Problem : Problems)
    llvm::errs() << "asynclint check: configuration error: " << Problem << "\n";
  return ExitUsage;
}

/// The folder of the build that wrote \p Database (a compile_commands.json
/// in the source tree is usually a link to it).
std::string buildFolderOf(const std::string &Database) {
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(Database, Real))
    Real = Database;
  return llvm::sys::path::parent_path(Real).str();
}

bool writeJsonFile(const std::string &Path, const nlohmann::json &J) {
  std::ofstream Out(Path);
  Out << J.dump(2) << "\n";
  return static_cast<bool>(Out);
}

int runCheck() {
  check::TidySettings Settings;
  if (Checks.getNumOccurrences())
    Settings.Checks = Checks;
  if (Config.getNumOccurrences())
    Settings.Config = Config;
  if (HeaderFilter.getNumOccurrences())
    Settings.HeaderFilter = HeaderFilter;
  Settings.ResourceDir = ASYNCLINT_CLANG_RESOURCE_DIR;
  if (std::optional<std::string> Problem = check::validateSettings(Settings))
    return usageError(Sub, *Problem);
  if (ListChecks) {
    // As clang-tidy: the configuration of a file in the current folder.
    std::string File = Files.empty() ? currentFolder() + "/dummy.cpp" : Files.front();
    llvm::SmallString<256> Absolute(File);
    llvm::sys::fs::make_absolute(Absolute);
    for (const std::string &Check : check::enabledChecks(Settings, std::string(Absolute)))
      llvm::outs() << Check << "\n";
    return ExitClean;
  }
  if (Jobs.getNumOccurrences() && Jobs == 0)
    return usageError(Sub, "-j must be at least 1");
  unsigned Threads = Jobs ? Jobs : std::max(1u, std::thread::hardware_concurrency());

  std::set<std::string> Accepted;
  if (!Baseline.empty()) {
    try {
      Accepted = findings::readBaseline(Baseline);
    } catch (const std::exception &E) {
      return usageError(Sub, E.what());
    }
  }

  llvm::Expected<check::Database> Db = check::loadDatabase(BuildDir);
  if (!Db)
    return usageError(Sub, llvm::toString(Db.takeError()));
  llvm::Expected<std::vector<check::Unit>> Selected =
      check::selectUnits(*Db, std::vector<std::string>(Files.begin(), Files.end()));
  if (!Selected)
    return usageError(Sub, llvm::toString(Selected.takeError()));
  check::PreparedUnits Prepared = check::prepareUnits(std::move(*Selected), QueryDriver);
  for (const std::string &Line : Prepared.Notes)
    note(Line);
  std::vector<check::Unit> Units = std::move(Prepared.Units);

  // Fingerprints hold paths relative to the checkout, so they do not depend
  // on where it is.
  llvm::Expected<std::string> TopLevel = check::gitTopLevel();
  bool InCheckout = static_cast<bool>(TopLevel);
  findings::Report Report;
  if (InCheckout) {
    Report.Root = *TopLevel;
  } else {
    std::string Reason = llvm::toString(TopLevel.takeError());
    if (!ChangedSince.empty())
      return usageError(Sub, "--changed-since needs a git checkout: " + Reason);
    Report.Root = currentFolder();
  }

  Settings.ProjectHeaders = check::HeaderScope(Report.Root, buildFolderOf(Db->Path));
  std::vector<std::string> BadFiles = check::checkConfigurationFiles(Units, Settings);
  if (!BadFiles.empty())
    return configurationError(BadFiles);

  if (!ChangedSince.empty()) {
    llvm::Expected<std::set<std::string>> Changed = check::changedFiles(Report.Root, ChangedSince);
    if (!Changed)
      return usageError(Sub, "--changed-since: " + llvm::toString(Changed.takeError()));
    for (const std::string &File :
         check::sourcesWithoutCommand(*Changed, Db->Commands->getAllFiles()))
      llvm::errs() << "asynclint: warning: " << File << " changed but has no compile command in "
                   << Db->Path << " (re-run cmake?); not analysed\n";
    Units = check::affectedUnits(Units, *Changed, Settings, Threads);
  }

  std::optional<shards::ShardSpec> ShardSpec{shards::ShardSpec{}};
  if (!Shard.empty() && !(ShardSpec = shards::parseShard(Shard)))
    return usageError(Sub, "--shard: '" + Shard + "' is not I/N with 1 <= I <= N");
  Units = shards::selectShard(Units, *ShardSpec);

  std::string Cache = NoCache ? "" : cache::cacheFolder(CacheDir, Db->Path);
  cache::UnitAnalyser Analyser(Settings, !PerUnit, Cache);
  std::vector<check::UnitResult> Results =
      check::runUnits(Units, Threads, [&](const check::Unit &U) { return Analyser.analyse(U); });
  if (Analyser.storeFailed())
    llvm::errs() << "asynclint check: warning: cannot write the cache in " << Cache << "\n";
  if (!FactsOut.empty()) {
    if (std::vector<std::string> Problems = shards::configurationProblems(Results);
        !Problems.empty())
      return configurationError(Problems);
    llvm::Expected<std::string> Written =
        shards::writeShard(FactsOut, *ShardSpec, Report.Root, !PerUnit, Units, Results);
    if (!Written)
      return usageError(Sub, llvm::toString(Written.takeError()));
    llvm::errs() << "asynclint: " << Units.size() << " translation units analysed ("
                 << Analyser.reused() << " from the cache); written to " << *Written << "\n";
    return ExitClean;
  }
  check::AnalysisOutcome Outcome = check::mergeResults(Units, Results);
  if (!Outcome.ConfigurationProblems.empty())
    return configurationError(Outcome.ConfigurationProblems);
  for (const std::string &Line : Outcome.Skipped)
    note(Line);
  Report.Findings = std::move(Outcome.Findings);
  Report.Errors = std::move(Outcome.Errors);
  if (!PerUnit) {
    facts::ProgramFacts Program =
        wholeprogram::addWholeProgramFindings(Units, Results, Report.Findings);
    if (!ExportFacts.empty())
      if (std::string Error = wholeprogram::writeFacts(ExportFacts, Program); !Error.empty())
        return usageError(Sub, Error);
  }
  findings::LineReader Lines = findings::diskLineReader();
  findings::assignFingerprints(Report, Lines);

  if (!WriteBaseline.empty()) {
    if (!writeJsonFile(WriteBaseline, findings::baselineJson(Report)))
      return usageError(Sub, WriteBaseline + ": cannot write the baseline");
    llvm::errs() << "asynclint: recorded " << Report.Findings.size() << " findings in "
                 << WriteBaseline << "\n";
  }
  size_t Baselined = findings::removeBaselined(Report, Accepted);

  int FixErrors = 0;
  if (Fix && Outcome.FixesWithheld)
    llvm::errs() << "asynclint: not fixing " << Outcome.FixesWithheld
                 << " findings of translation units that do not compile\n";
  if (Fix) {
    check::FixOutcome Outcome = check::applyFixes(Report.Findings);
    for (const std::string &Error : Outcome.Errors)
      llvm::errs() << "asynclint: " << Error << "\n";
    FixErrors = static_cast<int>(Outcome.Errors.size());
    std::vector<findings::Finding> Remaining;
    for (size_t I = 0; I < Report.Findings.size(); ++I)
      if (!Outcome.Fixed[I])
        Remaining.push_back(std::move(Report.Findings[I]));
    llvm::errs() << "asynclint: fixed " << Report.Findings.size() - Remaining.size()
                 << " findings in " << Outcome.FilesChanged << " files\n";
    Report.Findings = std::move(Remaining);
  }

  if (!VerifyWith.empty()) {
    verify::JoinResult Joined;
    std::string Error, Warning;
    if (!verify::verifyReport(Report, VerifyWith, Joined, Error, Warning))
      return usageError(Sub, "--verify-with: " + Error);
    if (!Warning.empty())
      llvm::errs() << "asynclint check: " << Warning << "\n";
  }

  if (!writeReport(*OutputFormat, OutputFile, Report, Lines))
    return usageError(Sub, OutputFile + ": cannot write the report");
  llvm::errs() << "asynclint: " << Report.Findings.size()
               << (Report.Findings.size() == 1 ? " finding" : " findings") << " in " << Units.size()
               << " translation units";
  if (Baselined)
    llvm::errs() << " (" << Baselined << " more in the baseline)";
  if (!Report.Errors.empty())
    llvm::errs() << "; " << Report.Errors.size() << " could not be analysed";
  if (Analyser.reused())
    llvm::errs() << "; " << Analyser.reused() << " taken from the cache";
  llvm::errs() << "\n";

  if (!Report.Errors.empty() || FixErrors)
    return ExitUsage;
  if (!WriteBaseline.empty())
    return ExitClean;
  return Report.Findings.empty() ? ExitClean : ExitFindings;
}

RegisterCommand Registration(Sub, runCheck);

} // namespace
} // namespace asynclint::tool
