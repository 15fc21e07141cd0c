//===--- CrossUnitFindings.cpp --------------------------------------------===//
#include "wholeprogram/CrossUnitFindings.h"

#include "blocking/BlockingMessages.h"

namespace asynclint::wholeprogram {

namespace {

constexpr const char *BlockingCheck = "async-blocking-in-coroutine";

findings::Location locationOf(const facts::Place &P) { return {P.File, P.Line, P.Column}; }

findings::Finding blockingFinding(const facts::FunctionFacts &Coroutine, const facts::Call &Call,
                                  const std::vector<const facts::FunctionFacts *> &Chain,
                                  const facts::ProgramFacts &Program) {
  const facts::CoroutineFacts &Facts = *Coroutine.CoroutineCalls;
  const facts::BlockingCall &Blocking = *Chain.back()->Blocking;
  findings::Finding F;
  F.Check = BlockingCheck;
  F.Severity = Facts.AsError ? "error" : "warning";
  F.Loc = locationOf(Call.At);
  F.Message = blocking::helperCallMessage(Chain.front()->Function.quoted(), Facts.Description,
                                          Blocking.Function, Blocking.What,
                                          blocking::consequence(Blocking.adviceFor(Facts.Library)));
  nlohmann::json CallChain = nlohmann::json::array();
  for (size_t I = 0; I < Chain.size(); ++I) {
    const facts::FunctionFacts &Step = *Chain[I];
    CallChain.push_back(Step.Function.plain());
    if (I + 1 < Chain.size())
      F.Notes.push_back(
          {locationOf(Program.Blocking.at(Step.Function.Id).Via->At),
           blocking::callsNote(Step.Function.quoted(), Chain[I + 1]->Function.quoted())});
  }
  F.Notes.push_back(
      {locationOf(Blocking.At), blocking::blockingCallNote(Chain.back()->Function.quoted(),
                                                           Blocking.Function, Blocking.What)});
  F.Properties = {
      {"coroutine", Coroutine.Function.plain()}, {"coroutine_id", Coroutine.Function.Id},
      {"blocking_function", Blocking.Function},  {"category", Blocking.Category},
      {"call_chain", std::move(CallChain)},      {"whole_program", true}};
  return F;
}

} // namespace

std::vector<findings::Finding> crossUnitFindings(const facts::ProgramFacts &Program) {
  std::vector<findings::Finding> Found;
  for (const auto &[Id, Function] : Program.Functions) {
    if (!Function.CoroutineCalls || Function.CoroutineCalls->OffLoop || Program.OffLoop.count(Id))
      continue;
    for (const facts::Call &Call : Function.CoroutineCalls->OpenCalls)
      if (std::vector<const facts::FunctionFacts *> Chain = Program.chainFrom(Call.Callee.Id);
          !Chain.empty())
        Found.push_back(blockingFinding(Function, Call, Chain, Program));
  }
  return Found;
}

} // namespace asynclint::wholeprogram
