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

namespace asynclint::wholeprogram {

facts::ProgramFacts combineFacts(const std::vector<const facts::UnitFacts *> &Units) {
  facts::ProgramFacts Program;
  std::map<std::string, facts::CoroutineUses> Uses;
  for (const facts::UnitFacts *Unit : Units) {
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
