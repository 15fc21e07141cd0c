//===--- CombineFacts.cpp -------------------------------------------------===//
//
// Which functions block is computed level by level, from the functions that
// make a catalogued blocking call themselves (level 0) to their callers
// (level 1) and so on, until a level adds nothing. A cycle needs no special
// case: a function is settled the first time a level reaches it. Each
// function's way onward is its first call, in source order, into the
// previous level: the shortest chain, and one that does not depend on the
// order in which facts arrived.
//
//===----------------------------------------------------------------------===//
#include "wholeprogram/CombineFacts.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace asynclint::wholeprogram {

namespace {

/// The shared-state facts of each function, with the units that define it.
/// A compile database often holds several programs (a library's tests and
/// examples): two units may define different functions of one name (each
/// example's `worker`, each program's `main`). Those are told apart by
/// where they are defined, kept under their own identity (the name and
/// place), and a call by name is not followed into either: which one runs
/// is unknown. An inline function of a header has one place in every unit.
class SharedDefinitions {
public:
  void add(const facts::SharedStateFacts &F, unsigned Unit) {
    std::vector<Variant> &Known = Variants[F.Function.Id];
    for (Variant &V : Known)
      if (V.Facts.At == F.At) {
        V.Units.insert(Unit);
        return;
      }
    Known.push_back({F, {Unit}});
  }

  void addTo(facts::ProgramFacts &Program) {
    for (auto &[Id, Known] : Variants)
      for (Variant &V : Known) {
        std::string Key = Id;
        if (Known.size() > 1) {
          Key += "@" + V.Facts.At.File + ":" + std::to_string(V.Facts.At.Line) + ":" +
                 std::to_string(V.Facts.At.Column);
          V.Facts.Function.Id = Key;
        }
        Program.SharedStateUnits[Key] = std::move(V.Units);
        Program.SharedState.emplace(std::move(Key), std::move(V.Facts));
      }
  }

private:
  struct Variant {
    facts::SharedStateFacts Facts;
    std::set<unsigned> Units;
  };
  std::map<std::string, std::vector<Variant>> Variants;
};

} // namespace

facts::ProgramFacts combineFacts(const std::vector<const facts::UnitFacts *> &Units) {
  facts::ProgramFacts Program;
  std::map<std::string, facts::CoroutineUses> Uses;
  SharedDefinitions Shared;
  for (unsigned Index = 0; Index < Units.size(); ++Index) {
    const facts::UnitFacts *Unit = Units[Index];
    for (const facts::SharedStateFacts &F : Unit->SharedState)
      Shared.add(F, Index);
    for (const facts::FunctionFacts &F : Unit->Functions) {
      auto [It, Inserted] = Program.Functions.try_emplace(F.Function.Id, F);
      // Only the unit whose main file holds a coroutine records its calls.
      if (!Inserted && !It->second.CoroutineCalls && F.CoroutineCalls)
        It->second.CoroutineCalls = F.CoroutineCalls;
    }
    for (const auto &[Id, Counted] : Unit->Coroutines) {
      Uses[Id].Uses += Counted.Uses;
      Uses[Id].PoolSpawns += Counted.PoolSpawns;
    }
  }
  Shared.addTo(Program);
  // A coroutine every reference of the program starts on a pool.
  for (const auto &[Id, Counted] : Uses)
    if (Counted.Uses > 0 && Counted.PoolSpawns == Counted.Uses)
      Program.OffLoop.insert(Id);

  std::map<std::string, std::set<std::string>> Callers;
  std::set<std::string> Level;
  for (const auto &[Id, F] : Program.Functions) {
    if (F.Coroutine)
      continue; // calling a coroutine runs none of its body's blocking
    for (const facts::Call &C : F.Calls)
      Callers[C.Callee.Id].insert(Id);
    if (F.Blocking) {
      Program.Blocking[Id] = facts::Reach{};
      Level.insert(Id);
    }
  }
  while (!Level.empty()) {
    std::set<std::string> Next;
    for (const std::string &Callee : Level)
      for (const std::string &Caller : Callers[Callee])
        if (!Program.Blocking.count(Caller))
          Next.insert(Caller);
    for (const std::string &Caller : Next)
      for (const facts::Call &C : Program.Functions.at(Caller).Calls)
        if (Level.count(C.Callee.Id)) {
          Program.Blocking[Caller] = facts::Reach{C};
          break;
        }
    Level = std::move(Next);
  }
  return Program;
}

} // namespace asynclint::wholeprogram
