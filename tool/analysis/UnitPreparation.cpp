//===--- UnitPreparation.cpp ----------------------------------------------===//
#include "analysis/UnitPreparation.h"

#include "analysis/ClangArguments.h"
#include "analysis/DriverQuery.h"
#include "analysis/SourceLanguage.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/ADT/StringRef.h>

#include <map>
#include <set>

namespace asynclint::check {

namespace {

/// What makes two commands of a file analyse the same: everything but where
/// the outputs go.
std::string identity(const Unit &U) {
  std::string Key = U.Command.Directory + '\n' + U.File;
  const std::vector<std::string> &Args = U.Command.CommandLine;
  for (size_t I = 1; I < Args.size(); ++I) {
    llvm::StringRef Arg = Args[I];
    if (Arg == "-o" || Arg == "-MF" || Arg == "-MT" || Arg == "-MQ") {
      ++I;
      continue;
    }
    if (Arg.starts_with("-MF") || Arg.starts_with("-MT") || Arg.starts_with("-MQ") ||
        Arg.starts_with("--output=") || Arg == "-MD" || Arg == "-MMD" || Arg == "-MP")
      continue;
    Key += '\n';
    Key += Arg;
  }
  return Key;
}

std::string listed(const std::vector<std::string> &Items, size_t Limit = 10) {
  std::vector<std::string> Shown(Items.begin(),
                                 Items.begin() + static_cast<long>(std::min(Limit, Items.size())));
  std::string Text = llvm::join(Shown, " ");
  if (Items.size() > Limit)
    Text += " and " + std::to_string(Items.size() - Limit) + " more";
  return Text;
}

} // namespace

PreparedUnits prepareUnits(std::vector<Unit> Commands, const std::string &QueryDriverGlobs) {
  PreparedUnits Result;
  std::map<std::string, std::vector<std::string>> SkippedByReason;
  std::map<std::string, size_t> DroppedCounts; // argument -> commands it was dropped from
  std::map<std::string, std::pair<size_t, size_t>> CommandsOfFile; // all, distinct
  std::set<std::string> Seen;
  DriverQueries Drivers(QueryDriverGlobs);

  for (Unit &U : Commands) {
    if (std::optional<std::string> Reason = reasonNotAnalysed(U.Command)) {
      std::vector<std::string> &Files = SkippedByReason[*Reason];
      if (Files.empty() || Files.back() != U.File)
        Files.push_back(U.File);
      continue;
    }
    ++CommandsOfFile[U.File].first;
    if (!Seen.insert(identity(U)).second)
      continue;
    ++CommandsOfFile[U.File].second;
    U.MayFailToCompile = isCudaSource(U.Command);
    ClangArguments Adapted = acceptableToClang(U.Command.CommandLine);
    for (const std::string &Arg :
         std::set<std::string>(Adapted.Dropped.begin(), Adapted.Dropped.end()))
      ++DroppedCounts[Arg];
    U.Command.CommandLine = std::move(Adapted.CommandLine);
    std::string Note = Drivers.adapt(U.Command.CommandLine, U.Command.Directory);
    if (!Note.empty())
      Result.Notes.push_back(Note);
    Result.Units.push_back(std::move(U));
  }

  for (const auto &[Reason, Files] : SkippedByReason)
    Result.Notes.push_back("skipped, not C or C++ (" + Reason + "): " + listed(Files));
  if (!DroppedCounts.empty()) {
    std::vector<std::string> Dropped;
    for (const auto &[Arg, Count] : DroppedCounts)
      Dropped.push_back(Arg + " (" + std::to_string(Count) + ")");
    Result.Notes.push_back("dropped arguments Clang does not know (commands): " +
                           listed(Dropped, 30));
  }
  for (const auto &[File, Counts] : CommandsOfFile)
    if (Counts.first > 1)
      Result.Notes.push_back(File + ": " + std::to_string(Counts.first) + " compile commands, " +
                             std::to_string(Counts.second) + " distinct, each analysed");
  return Result;
}

} // namespace asynclint::check
