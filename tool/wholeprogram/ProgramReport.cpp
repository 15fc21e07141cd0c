//===--- ProgramReport.cpp ------------------------------------------------===//
#include "wholeprogram/ProgramReport.h"

#include "wholeprogram/CombineFacts.h"
#include "wholeprogram/CrossUnitFindings.h"
#include "wholeprogram/NolintComments.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <tuple>

namespace asynclint::wholeprogram {

namespace {

void removeDuplicates(std::vector<findings::Finding> &All) {
  std::set<std::tuple<std::string, std::string, unsigned, unsigned, std::string>> Seen;
  std::vector<findings::Finding> Unique;
  for (findings::Finding &F : All)
    if (Seen.insert({F.Check, F.Loc.File, F.Loc.Line, F.Loc.Column, F.Message}).second)
      Unique.push_back(std::move(F));
  All = std::move(Unique);
}

/// A coroutine that its own unit saw no use of may run only on a thread
/// pool, as the units that start it show: its blocking is the fix.
void dropOffLoopCoroutines(std::vector<findings::Finding> &All,
                           const facts::ProgramFacts &Program) {
  All.erase(std::remove_if(All.begin(), All.end(),
                           [&](const findings::Finding &F) {
                             auto Id = F.Properties.find("coroutine_id");
                             return F.Check == "async-blocking-in-coroutine" &&
                                    Id != F.Properties.end() && Id->is_string() &&
                                    Program.OffLoop.count(Id->get<std::string>());
                           }),
            All.end());
}

} // namespace

void sortUnits(std::vector<UnitOutcome> &Units) {
  std::sort(Units.begin(), Units.end(),
            [](const UnitOutcome &A, const UnitOutcome &B) { return A.File < B.File; });
}

std::string writeFacts(const std::string &Path, const facts::ProgramFacts &Program) {
  std::ofstream Out(Path, std::ios::binary);
  // Absolute paths: the file is read where it was written (the editor, the
  // build of the same checkout).
  Out << facts::toJson(Program, facts::PathMapping()).dump() << "\n";
  return Out ? "" : Path + ": cannot write the facts";
}

facts::ProgramFacts buildReport(std::vector<UnitOutcome> &Units, findings::Report &R,
                                bool WholeProgram) {
  std::vector<const facts::UnitFacts *> AllFacts;
  for (UnitOutcome &U : Units) {
    for (findings::Finding &F : U.Findings)
      R.Findings.push_back(std::move(F));
    U.Findings.clear();
    if (U.Error)
      R.Errors.push_back(*U.Error);
    AllFacts.push_back(&U.Facts);
  }
  facts::ProgramFacts Program;
  if (WholeProgram) {
    Program = combineFacts(AllFacts);
    dropOffLoopCoroutines(R.Findings, Program);
    NolintComments Nolint;
    for (findings::Finding &F : crossUnitFindings(Program))
      if (!Nolint.silences(F.Loc.File, F.Loc.Line, F.Check))
        R.Findings.push_back(std::move(F));
  }
  removeDuplicates(R.Findings);
  return Program;
}

} // namespace asynclint::wholeprogram
