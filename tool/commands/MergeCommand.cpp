//===--- MergeCommand.cpp - asynclint merge -------------------------------===//
//
// The reduce step of a sharded run: the shard files of
// `asynclint check --shard I/N --facts-out DIR` in, the report a single
// `asynclint check` would print out (docs/sharding.md).
//
//===----------------------------------------------------------------------===//
#include "commands/Command.h"

#include "analysis/Analysis.h"
#include "analysis/ChangedFiles.h"
#include "commands/FormatOption.h"
#include "commands/WriteReport.h"
#include "findings/Baseline.h"
#include "findings/Findings.h"
#include "shards/Shards.h"
#include "wholeprogram/ProgramReport.h"

#include <llvm/Support/CommandLine.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/raw_ostream.h>

namespace asynclint::tool {
namespace {

namespace cl = llvm::cl;

cl::SubCommand Sub("merge", "Combine the shards written by `asynclint check --shard I/N "
                            "--facts-out DIR` into the report of one run");

cl::list<std::string> Dirs(cl::Positional, cl::OneOrMore, cl::sub(Sub),
                           cl::desc("<dir>...  (folders holding shard-I-of-N.json files)"));
FormatOption OutputFormat(Sub);
cl::opt<std::string> OutputFile("output", cl::sub(Sub), cl::value_desc("file"),
                                cl::desc("Write the report to this file instead of stdout"));
cl::opt<std::string> Baseline("baseline", cl::sub(Sub), cl::value_desc("file"),
                              cl::desc("Report only findings whose fingerprint is not in this "
                                       "baseline"));
cl::opt<std::string> ExportFacts("export-facts", cl::sub(Sub), cl::value_desc("file"),
                                 cl::desc("Write the combined facts of the whole program to this "
                                          "file (as asynclint check --export-facts)"));

/// Where the shards' relative paths lead: this checkout, as `asynclint check`
/// names its root.
std::string projectRoot() {
  if (llvm::Expected<std::string> TopLevel = check::gitTopLevel())
    return *TopLevel;
  else
    llvm::consumeError(TopLevel.takeError());
  return currentFolder();
}

int runMerge() {
  findings::Report Report;
  Report.Root = projectRoot();
  shards::MergedShards Shards;
  std::set<std::string> Accepted;
  try {
    Shards = shards::readShards(std::vector<std::string>(Dirs.begin(), Dirs.end()), Report.Root);
    if (!Baseline.empty())
      Accepted = findings::readBaseline(Baseline);
  } catch (const std::exception &E) {
    return usageError(Sub, E.what());
  }
  size_t UnitCount = Shards.Units.size();
  check::AnalysisOutcome Outcome = check::mergeResults(Shards.Units, Shards.Results);
  Report.Findings = std::move(Outcome.Findings);
  Report.Errors = std::move(Outcome.Errors);
  if (Shards.WholeProgram) {
    facts::ProgramFacts Program =
        wholeprogram::addWholeProgramFindings(Shards.Units, Shards.Results, Report.Findings);
    if (!ExportFacts.empty())
      if (std::string Error = wholeprogram::writeFacts(ExportFacts, Program); !Error.empty())
        return usageError(Sub, Error);
  }
  findings::LineReader Lines = findings::diskLineReader();
  findings::assignFingerprints(Report, Lines);
  size_t Baselined = findings::removeBaselined(Report, Accepted);

  if (!writeReport(*OutputFormat, OutputFile, Report, Lines))
    return usageError(Sub, OutputFile + ": cannot write the report");
  llvm::errs() << "asynclint: " << Report.Findings.size()
               << (Report.Findings.size() == 1 ? " finding" : " findings") << " in " << UnitCount
               << " translation units of " << Dirs.size()
               << (Dirs.size() == 1 ? " folder" : " folders");
  if (Baselined)
    llvm::errs() << " (" << Baselined << " more in the baseline)";
  if (!Report.Errors.empty())
    llvm::errs() << "; " << Report.Errors.size() << " could not be analysed";
  llvm::errs() << "\n";
  if (!Report.Errors.empty())
    return ExitUsage;
  return Report.Findings.empty() ? ExitClean : ExitFindings;
}

RegisterCommand Registration(Sub, runMerge);

} // namespace
} // namespace asynclint::tool
