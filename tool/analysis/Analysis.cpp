//===--- Analysis.cpp -----------------------------------------------------===//
#include "analysis/Analysis.h"

#include "analysis/Parallel.h"
#include "analysis/Progress.h"
#include "analysis/TidyRunner.h"

#include <map>
#include <set>
#include <tuple>

namespace asynclint::check {

namespace {

/// One finding per place: a header's finding is seen by every unit that
/// includes it. The copy with fix-its wins over one whose were withheld.
void removeDuplicates(std::vector<findings::Finding> &All) {
  std::map<std::tuple<std::string, std::string, unsigned, unsigned, std::string>, size_t> Seen;
  std::vector<findings::Finding> Unique;
  for (findings::Finding &F : All) {
    auto [It, New] =
        Seen.try_emplace({F.Check, F.Loc.File, F.Loc.Line, F.Loc.Column, F.Message}, Unique.size());
    if (New)
      Unique.push_back(std::move(F));
    else if (Unique[It->second].Fixes.empty() && !F.Fixes.empty())
      Unique[It->second] = std::move(F);
  }
  All = std::move(Unique);
}

} // namespace

AnalysisOutcome analyseUnits(const std::vector<Unit> &Units, const TidySettings &Settings,
                             unsigned Threads) {
  std::vector<UnitResult> Results(Units.size());
  std::atomic<bool> ConfigurationBroken{false};
  {
    Progress Bar(Units.size());
    parallelFor(
        Units.size(), Threads,
        [&](size_t I) {
          Results[I] = runChecks(Units[I], Settings);
          if (!Results[I].ConfigurationProblems.empty())
            ConfigurationBroken = true;
          Bar.unitDone(Results[I].Findings.size());
        },
        &ConfigurationBroken);
  }

  AnalysisOutcome Outcome;
  ConfigurationProblems Problems;
  std::set<std::tuple<std::string, unsigned, unsigned, std::string>> ErrorsSeen;
  for (size_t I = 0; I < Results.size(); ++I) {
    UnitResult &R = Results[I];
    for (std::string &Problem : R.ConfigurationProblems)
      Problems.add(std::move(Problem));
    if (R.Error && Units[I].MayFailToCompile) {
      Outcome.Skipped.push_back("skipped " + Units[I].File +
                                ", which Clang could not compile: " + R.Error->Message);
      continue;
    }
    for (findings::Finding &F : R.Findings) {
      if (R.Error && !F.Fixes.empty()) {
        F.Fixes.clear();
        ++Outcome.FixesWithheld;
      }
      Outcome.Findings.push_back(std::move(F));
    }
    // Commands of one file that fail alike are one error.
    if (R.Error &&
        ErrorsSeen
            .insert({R.Error->Loc.File, R.Error->Loc.Line, R.Error->Loc.Column, R.Error->Message})
            .second)
      Outcome.Errors.push_back(std::move(*R.Error));
  }
  Outcome.ConfigurationProblems = Problems.take();
  removeDuplicates(Outcome.Findings);
  return Outcome;
}

} // namespace asynclint::check
