//===--- ProgramFacts.cpp - JSON form of the facts model ------------------===//
#include "common/ProgramFacts.h"

#include <set>
#include <stdexcept>
#include <tuple>

namespace asynclint::facts {

using nlohmann::json;

bool Place::operator<(const Place &O) const {
  return std::tie(File, Line, Column) < std::tie(O.File, O.Line, O.Column);
}

bool SharedLock::operator<(const SharedLock &O) const {
  return std::tie(Any, Id, Shared, Name) < std::tie(O.Any, O.Id, O.Shared, O.Name);
}

std::string FunctionName::quoted() const { return Lambda ? "lambda" : "'" + Name + "'"; }

std::string FunctionName::plain() const { return Lambda ? "lambda" : Name; }

const std::string &BlockingCall::adviceFor(const std::string &Library) const {
  static const std::string None;
  auto It = Advice.find(Library);
  if (It == Advice.end())
    It = Advice.find("default");
  return It == Advice.end() ? None : It->second;
}

std::vector<const FunctionFacts *> ProgramFacts::chainFrom(const std::string &Id) const {
  std::vector<const FunctionFacts *> Chain;
  std::set<std::string> Seen;
  for (std::string Current = Id; Seen.insert(Current).second;) {
    auto Reached = Blocking.find(Current);
    auto Function = Functions.find(Current);
    if (Reached == Blocking.end() || Function == Functions.end())
      return {};
    Chain.push_back(&Function->second);
    if (!Reached->second.Via)
      return Function->second.Blocking ? Chain : std::vector<const FunctionFacts *>{};
    Current = Reached->second.Via->Callee.Id;
  }
  return {}; // a cycle: only a hand-edited file has one
}

namespace {

/// The field \p Name of object \p J, of type \p Type; throws naming \p Where.
const json &field(const json &J, const char *Name, json::value_t Type, const std::string &Where) {
  if (!J.is_object())
    throw std::runtime_error(Where + " is not an object");
  auto It = J.find(Name);
  if (It == J.end())
    throw std::runtime_error(Where + " has no \"" + Name + "\"");
  bool Matches = It->type() == Type || (Type == json::value_t::number_unsigned &&
                                        It->is_number_integer() && It->get<long long>() >= 0);
  if (!Matches)
    throw std::runtime_error(Where + " field \"" + Name + "\" has the wrong type");
  return *It;
}

std::string text(const json &J, const char *Name, const std::string &Where) {
  return field(J, Name, json::value_t::string, Where).get<std::string>();
}

bool flag(const json &J, const char *Name) {
  auto It = J.find(Name);
  return It != J.end() && It->is_boolean() && It->get<bool>();
}

json placeJson(const Place &P, const PathMapping &Paths) {
  return {{"file", Paths.Write(P.File)}, {"line", P.Line}, {"column", P.Column}};
}

Place placeFromJson(const json &J, const PathMapping &Paths, const std::string &Where) {
  return {Paths.Read(text(J, "file", Where)),
          field(J, "line", json::value_t::number_unsigned, Where).get<unsigned>(),
          field(J, "column", json::value_t::number_unsigned, Where).get<unsigned>()};
}

json nameJson(const FunctionName &N) {
  json J = {{"id", N.Id}, {"name", N.Name}};
  if (N.Lambda)
    J["lambda"] = true;
  return J;
}

FunctionName nameFromJson(const json &J, const std::string &Where) {
  return {text(J, "id", Where), text(J, "name", Where), flag(J, "lambda")};
}

/// Reads the name and place every function record starts with into \p F;
/// \p Where (the record's kind) gains the function's id, for error messages.
template <typename Facts>
void identityFromJson(const json &J, const PathMapping &Paths, std::string &Where, Facts &F) {
  F.Function = nameFromJson(J, Where);
  Where += " '" + F.Function.Id + "'";
  F.At = placeFromJson(J, Paths, Where);
}

json callJson(const Call &C, const PathMapping &Paths) {
  json J = placeJson(C.At, Paths);
  J["callee"] = nameJson(C.Callee);
  return J;
}

Call callFromJson(const json &J, const PathMapping &Paths, const std::string &Where) {
  return {nameFromJson(field(J, "callee", json::value_t::object, Where), Where + " callee"),
          placeFromJson(J, Paths, Where)};
}

json callsJson(const std::vector<Call> &Calls, const PathMapping &Paths) {
  json J = json::array();
  for (const Call &C : Calls)
    J.push_back(callJson(C, Paths));
  return J;
}

std::vector<Call> callsFromJson(const json &J, const char *Name, const PathMapping &Paths,
                                const std::string &Where) {
  std::vector<Call> Calls;
  if (J.contains(Name))
    for (const json &C : field(J, Name, json::value_t::array, Where))
      Calls.push_back(callFromJson(C, Paths, Where + " call"));
  return Calls;
}

json functionJson(const FunctionFacts &F, const PathMapping &Paths) {
  json J = nameJson(F.Function);
  J.update(placeJson(F.At, Paths));
  if (F.Coroutine)
    J["coroutine"] = true;
  if (F.Blocking) {
    json B = placeJson(F.Blocking->At, Paths);
    B["function"] = F.Blocking->Function;
    B["category"] = F.Blocking->Category;
    B["what"] = F.Blocking->What;
    B["advice"] = F.Blocking->Advice;
    J["blocking_call"] = std::move(B);
  }
  if (!F.Calls.empty())
    J["calls"] = callsJson(F.Calls, Paths);
  if (F.CoroutineCalls) {
    const CoroutineFacts &C = *F.CoroutineCalls;
    J["coroutine_calls"] = {{"description", C.Description},
                            {"library", C.Library},
                            {"off_loop", C.OffLoop},
                            {"as_error", C.AsError},
                            {"open_calls", callsJson(C.OpenCalls, Paths)}};
  }
  return J;
}

FunctionFacts functionFromJson(const json &J, const PathMapping &Paths) {
  std::string Where = "function";
  FunctionFacts F;
  identityFromJson(J, Paths, Where, F);
  F.Coroutine = flag(J, "coroutine");
  if (J.contains("blocking_call")) {
    const json &B = field(J, "blocking_call", json::value_t::object, Where);
    std::string In = Where + " blocking_call";
    BlockingCall Blocking;
    Blocking.Function = text(B, "function", In);
    Blocking.Category = text(B, "category", In);
    Blocking.What = text(B, "what", In);
    for (const auto &[Library, Advice] : field(B, "advice", json::value_t::object, In).items())
      if (Advice.is_string())
        Blocking.Advice[Library] = Advice.get<std::string>();
    Blocking.At = placeFromJson(B, Paths, In);
    F.Blocking = std::move(Blocking);
  }
  F.Calls = callsFromJson(J, "calls", Paths, Where);
  if (J.contains("coroutine_calls")) {
    const json &C = field(J, "coroutine_calls", json::value_t::object, Where);
    std::string In = Where + " coroutine_calls";
    CoroutineFacts Coroutine;
    Coroutine.Description = text(C, "description", In);
    Coroutine.Library = text(C, "library", In);
    Coroutine.OffLoop = flag(C, "off_loop");
    Coroutine.AsError = flag(C, "as_error");
    Coroutine.OpenCalls = callsFromJson(C, "open_calls", Paths, In);
    F.CoroutineCalls = std::move(Coroutine);
  }
  return F;
}

json locksJson(const std::vector<SharedLock> &Locks) {
  json J = json::array();
  for (const SharedLock &L : Locks)
    J.push_back(L.Any ? json{{"any", true}}
                      : json{{"id", L.Id}, {"name", L.Name}, {"shared", L.Shared}});
  return J;
}

std::vector<SharedLock> locksFromJson(const json &J, const std::string &Where) {
  std::vector<SharedLock> Locks;
  for (const json &L : field(J, "locks", json::value_t::array, Where)) {
    if (flag(L, "any"))
      Locks.push_back({"", "", false, true});
    else
      Locks.push_back({text(L, "id", Where + " lock"), text(L, "name", Where + " lock"),
                       flag(L, "shared"), false});
  }
  return Locks;
}

std::vector<unsigned> indicesFromJson(const json &J, const char *Name, const std::string &Where) {
  std::vector<unsigned> Indices;
  for (const json &I : field(J, Name, json::value_t::array, Where)) {
    if (!I.is_number_integer() || I.get<long long>() < 0)
      throw std::runtime_error(Where + " field \"" + Name + "\" holds a non-index");
    Indices.push_back(I.get<unsigned>());
  }
  return Indices;
}

json sharedStateJson(const SharedStateFacts &F, const PathMapping &Paths) {
  json J = nameJson(F.Function);
  J.update(placeJson(F.At, Paths));
  json Accesses = json::array();
  for (const SharedAccess &A : F.Accesses) {
    json Access = placeJson(A.At, Paths);
    Access.update({{"location", A.Location},
                   {"name", A.Name},
                   {"write", A.Write},
                   {"locks", locksJson(A.Locks)}});
    if (A.Deref)
      Access["deref"] = true;
    if (A.LazyInit)
      Access["lazy_init"] = true;
    Accesses.push_back(std::move(Access));
  }
  json Calls = json::array();
  for (const SharedCall &C : F.Calls) {
    json Call = placeJson(C.At, Paths);
    Call["callee"] = nameJson(C.Callee);
    Call["locks"] = locksJson(C.Locks);
    Calls.push_back(std::move(Call));
  }
  json Starts = json::array();
  for (const ThreadStartFacts &S : F.Starts) {
    json Start = placeJson(S.At, Paths);
    Start.update({{"entry", nameJson(S.Entry)},
                  {"multiple", S.Multiple},
                  {"closed", S.Closed},
                  {"during", S.During},
                  {"overlaps", S.Overlaps}});
    Starts.push_back(std::move(Start));
  }
  J.update({{"accesses", std::move(Accesses)},
            {"calls", std::move(Calls)},
            {"starts", std::move(Starts)}});
  if (F.AsError)
    J["as_error"] = true;
  return J;
}

SharedStateFacts sharedStateFromJson(const json &J, const PathMapping &Paths) {
  std::string Where = "shared-state function";
  SharedStateFacts F;
  identityFromJson(J, Paths, Where, F);
  F.AsError = flag(J, "as_error");
  for (const json &A : field(J, "accesses", json::value_t::array, Where)) {
    std::string In = Where + " access";
    F.Accesses.push_back({text(A, "location", In), text(A, "name", In),
                          field(A, "write", json::value_t::boolean, In).get<bool>(),
                          flag(A, "deref"), flag(A, "lazy_init"), locksFromJson(A, In),
                          placeFromJson(A, Paths, In)});
  }
  for (const json &C : field(J, "calls", json::value_t::array, Where)) {
    std::string In = Where + " call";
    F.Calls.push_back({nameFromJson(field(C, "callee", json::value_t::object, In), In),
                       locksFromJson(C, In), placeFromJson(C, Paths, In)});
  }
  for (const json &S : field(J, "starts", json::value_t::array, Where)) {
    std::string In = Where + " start";
    ThreadStartFacts Start;
    Start.Entry = nameFromJson(field(S, "entry", json::value_t::object, In), In);
    Start.Multiple = flag(S, "multiple");
    Start.Closed = flag(S, "closed");
    Start.At = placeFromJson(S, Paths, In);
    Start.During = indicesFromJson(S, "during", In);
    Start.Overlaps = indicesFromJson(S, "overlaps", In);
    for (unsigned I : Start.During)
      if (I >= F.Accesses.size())
        throw std::runtime_error(In + " names access " + std::to_string(I) + " of " +
                                 std::to_string(F.Accesses.size()));
    F.Starts.push_back(std::move(Start));
  }
  for (const ThreadStartFacts &Start : F.Starts)
    for (unsigned I : Start.Overlaps)
      if (I >= F.Starts.size())
        throw std::runtime_error(Where + " start overlaps start " + std::to_string(I) + " of " +
                                 std::to_string(F.Starts.size()));
  return F;
}

json sharedStatesJson(const std::vector<const SharedStateFacts *> &All, const PathMapping &Paths) {
  json J = json::array();
  for (const SharedStateFacts *F : All)
    J.push_back(sharedStateJson(*F, Paths));
  return J;
}

std::vector<SharedStateFacts> sharedStatesFromJson(const json &J, const PathMapping &Paths) {
  std::vector<SharedStateFacts> All;
  if (J.contains("shared_state"))
    for (const json &F : field(J, "shared_state", json::value_t::array, "facts"))
      All.push_back(sharedStateFromJson(F, Paths));
  return All;
}

json raceJson(const ProgramRace &R, const PathMapping &Paths) {
  json J = placeJson(R.At, Paths);
  J["message"] = R.Message;
  json Notes = json::array();
  for (const auto &[At, Message] : R.Notes) {
    json Note = placeJson(At, Paths);
    Note["message"] = Message;
    Notes.push_back(std::move(Note));
  }
  J["notes"] = std::move(Notes);
  return J;
}

ProgramRace raceFromJson(const json &J, const PathMapping &Paths) {
  const char *Where = "race";
  ProgramRace R{placeFromJson(J, Paths, Where), text(J, "message", Where), {}};
  for (const json &N : field(J, "notes", json::value_t::array, Where))
    R.Notes.push_back({placeFromJson(N, Paths, "race note"), text(N, "message", "race note")});
  return R;
}

void expectFormat(const json &J, const char *Format) {
  std::string Where = std::string("a '") + Format + "' file";
  if (text(J, "format", Where) != Format)
    throw std::runtime_error("not " + Where + " (\"format\" is \"" +
                             J["format"].get<std::string>() + "\")");
  unsigned Version = field(J, "version", json::value_t::number_unsigned, Where).get<unsigned>();
  if (Version != FactsVersion)
    throw std::runtime_error(Where + " of version " + std::to_string(Version) +
                             "; this asynclint reads version " + std::to_string(FactsVersion));
}

} // namespace

json toJson(const UnitFacts &U, const PathMapping &Paths) {
  json Functions = json::array();
  for (const FunctionFacts &F : U.Functions)
    Functions.push_back(functionJson(F, Paths));
  json Coroutines = json::array();
  for (const auto &[Id, Uses] : U.Coroutines)
    Coroutines.push_back({{"id", Id}, {"uses", Uses.Uses}, {"pool_spawns", Uses.PoolSpawns}});
  std::vector<const SharedStateFacts *> Shared;
  for (const SharedStateFacts &F : U.SharedState)
    Shared.push_back(&F);
  return {{"functions", std::move(Functions)},
          {"coroutine_uses", std::move(Coroutines)},
          {"shared_state", sharedStatesJson(Shared, Paths)}};
}

UnitFacts unitFactsFromJson(const json &J, const PathMapping &Paths) {
  UnitFacts U;
  for (const json &F : field(J, "functions", json::value_t::array, "unit facts"))
    U.Functions.push_back(functionFromJson(F, Paths));
  if (J.contains("coroutine_uses"))
    for (const json &C : field(J, "coroutine_uses", json::value_t::array, "unit facts")) {
      const char *Where = "coroutine use";
      U.Coroutines[text(C, "id", Where)] = {
          field(C, "uses", json::value_t::number_unsigned, Where).get<unsigned>(),
          field(C, "pool_spawns", json::value_t::number_unsigned, Where).get<unsigned>()};
    }
  U.SharedState = sharedStatesFromJson(J, Paths);
  return U;
}

json toJson(const ProgramFacts &P, const PathMapping &Paths) {
  json Functions = json::array();
  for (const auto &[Id, F] : P.Functions) {
    json Entry = functionJson(F, Paths);
    if (auto Reached = P.Blocking.find(Id); Reached != P.Blocking.end())
      Entry["blocks"] = Reached->second.Via ? json{{"via", callJson(*Reached->second.Via, Paths)}}
                                            : json{{"direct", true}};
    if (P.OffLoop.count(Id))
      Entry["off_loop"] = true;
    Functions.push_back(std::move(Entry));
  }
  std::vector<const SharedStateFacts *> Shared;
  for (const auto &[Id, F] : P.SharedState)
    Shared.push_back(&F);
  json Races = json::array();
  for (const ProgramRace &R : P.Races)
    Races.push_back(raceJson(R, Paths));
  return {{"format", ProgramFactsFormat},
          {"version", FactsVersion},
          {"functions", std::move(Functions)},
          {"shared_state", sharedStatesJson(Shared, Paths)},
          {"races", Races}};
}

ProgramFacts programFactsFromJson(const json &J, const PathMapping &Paths) {
  expectFormat(J, ProgramFactsFormat);
  ProgramFacts P;
  for (const json &Entry : field(J, "functions", json::value_t::array, "program facts")) {
    FunctionFacts F = functionFromJson(Entry, Paths);
    if (auto Blocks = Entry.find("blocks"); Blocks != Entry.end() && Blocks->is_object()) {
      Reach R;
      if (Blocks->contains("via"))
        R.Via = callFromJson((*Blocks)["via"], Paths, "function '" + F.Function.Id + "' blocks");
      P.Blocking[F.Function.Id] = std::move(R);
    }
    if (flag(Entry, "off_loop"))
      P.OffLoop.insert(F.Function.Id);
    std::string Id = F.Function.Id;
    P.Functions.emplace(std::move(Id), std::move(F));
  }
  for (SharedStateFacts &F : sharedStatesFromJson(J, Paths)) {
    std::string Id = F.Function.Id;
    P.SharedState.emplace(std::move(Id), std::move(F));
  }
  if (J.contains("races"))
    for (const json &R : field(J, "races", json::value_t::array, "program facts"))
      P.Races.push_back(raceFromJson(R, Paths));
  return P;
}

} // namespace asynclint::facts
