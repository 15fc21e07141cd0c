//===--- ProgramReport.cpp ------------------------------------------------===//
#include "wholeprogram/ProgramReport.h"

#include "wholeprogram/CombineFacts.h"
#include "wholeprogram/CrossUnitFindings.h"
#include "wholeprogram/CrossUnitRaces.h"
#include "wholeprogram/NolintComments.h"

#include <algorithm>
#include <fstream>
#include <set>
#include <tuple>

namespace asynclint::wholeprogram {

namespace {

using Place = std::tuple<std::string, std::string, unsigned, unsigned, std::string>;

Place placeOf(const findings::Finding &F) {
  return {F.Check, F.Loc.File, F.Loc.Line, F.Loc.Column, F.Message};
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

/// The variables the units' own async-unguarded-shared-state findings name,
/// with the files of the findings and their notes: a race the unit already
/// reports on a variable is not reported again from the whole program.
std::set<std::pair<std::string, std::string>>
racedVariables(const std::vector<findings::Finding> &All) {
  std::set<std::pair<std::string, std::string>> Raced;
  for (const findings::Finding &F : All) {
    auto Variable = F.Properties.find("variable");
    if (F.Check != "async-unguarded-shared-state" || Variable == F.Properties.end() ||
        !Variable->is_string())
      continue;
    Raced.insert({Variable->get<std::string>(), F.Loc.File});
    for (const findings::Note &N : F.Notes)
      Raced.insert({Variable->get<std::string>(), N.Loc.File});
  }
  return Raced;
}

bool alreadyRaced(const findings::Finding &F,
                  const std::set<std::pair<std::string, std::string>> &Raced) {
  std::string Variable = F.Properties.value("variable", "");
  if (Raced.count({Variable, F.Loc.File}))
    return true;
  return std::any_of(F.Notes.begin(), F.Notes.end(), [&](const findings::Note &N) {
    return Raced.count({Variable, N.Loc.File}) > 0;
  });
}

} // namespace

std::string writeFacts(const std::string &Path, const facts::ProgramFacts &Program) {
  std::ofstream Out(Path, std::ios::binary);
  // Absolute paths: the file is read where it was written (the editor, the
  // build of the same checkout).
  Out << facts::toJson(Program, facts::PathMapping()).dump() << "\n";
  return Out ? "" : Path + ": cannot write the facts";
}

facts::ProgramFacts addWholeProgramFindings(const std::vector<check::Unit> &Units,
                                            const std::vector<check::UnitResult> &Results,
                                            std::vector<findings::Finding> &Findings) {
  // The facts by main file, so that which unit's facts win where two differ
  // does not depend on the order of the database or of the shards.
  std::vector<size_t> Order(Units.size());
  for (size_t I = 0; I < Order.size(); ++I)
    Order[I] = I;
  std::sort(Order.begin(), Order.end(), [&](size_t A, size_t B) {
    return std::tie(Units[A].File, A) < std::tie(Units[B].File, B);
  });
  std::vector<const facts::UnitFacts *> AllFacts;
  for (size_t I : Order)
    AllFacts.push_back(&Results[I].Facts);

  facts::ProgramFacts Program = combineFacts(AllFacts);
  dropOffLoopCoroutines(Findings, Program);
  // One finding per place (two instantiations of a coroutine template make
  // the same call).
  std::set<Place> Reported;
  for (const findings::Finding &F : Findings)
    Reported.insert(placeOf(F));
  NolintComments Nolint;
  for (findings::Finding &F : crossUnitFindings(Program))
    if (!Nolint.silences(F.Loc.File, F.Loc.Line, F.Check) && Reported.insert(placeOf(F)).second)
      Findings.push_back(std::move(F));
  std::set<std::pair<std::string, std::string>> Raced = racedVariables(Findings);
  auto FactsPlace = [](const findings::Location &L) {
    return facts::Place{L.File, L.Line, L.Column};
  };
  for (findings::Finding &F : crossUnitRaces(Program)) {
    if (alreadyRaced(F, Raced))
      continue;
    // Single-file runs read NOLINT comments themselves.
    facts::ProgramRace Race{FactsPlace(F.Loc), F.Message, {}};
    for (const findings::Note &N : F.Notes)
      Race.Notes.push_back({FactsPlace(N.Loc), N.Message});
    Program.Races.push_back(std::move(Race));
    if (!Nolint.silences(F.Loc.File, F.Loc.Line, F.Check) && Reported.insert(placeOf(F)).second)
      Findings.push_back(std::move(F));
  }
  return Program;
}

} // namespace asynclint::wholeprogram
