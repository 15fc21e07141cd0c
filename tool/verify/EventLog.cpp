//===--- EventLog.cpp -----------------------------------------------------===//
#include "EventLog.h"

#include "asynclint/events.h"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>

namespace asynclint::verify {

bool EventLog::read(const std::string &Path, EventLog &Out, std::string &Error) {
  std::ifstream In(Path, std::ios::binary);
  if (!In) {
    Error = "cannot read events file '" + Path + "'";
    return false;
  }
  std::string Text((std::istreambuf_iterator<char>(In)), std::istreambuf_iterator<char>());
  bool SawStart = false;
  size_t Start = 0;
  for (unsigned Number = 1; Start < Text.size(); ++Number) {
    size_t End = Text.find('\n', Start);
    std::string Where = Path + ":" + std::to_string(Number) + ": ";
    if (End == std::string::npos) {
      // The runtime writes each line with its newline in one write(2).
      Error = Where + "the last line is cut short (no newline): the file is truncated";
      return false;
    }
    std::string Line = Text.substr(Start, End - Start);
    Start = End + 1;
    if (Line.empty())
      continue;
    nlohmann::json Event = nlohmann::json::parse(Line, nullptr, /*allow_exceptions=*/false);
    if (Event.is_discarded()) {
      Error = Where + "not JSON";
      return false;
    }
    if (std::string Problem = events::problemWith(Event); !Problem.empty()) {
      Error = Where + Problem;
      return false;
    }
    SawStart = SawStart || Event["type"] == events::name(events::Type::Start);
    Out.Events.push_back(std::move(Event));
  }
  if (!SawStart) {
    Error = Path + ": no start event: the program did not run under the runtime (was "
                   "LD_PRELOAD dropped, or is the program static or setuid?)";
    return false;
  }
  return true;
}

namespace {
uint64_t hexValue(const nlohmann::json &V) {
  if (!V.is_string())
    return 0;
  return std::strtoull(V.get<std::string>().c_str(), nullptr, 16);
}

template <typename JsonT> std::vector<JsonT *> collectStacks(JsonT &Event) {
  std::vector<JsonT *> Result;
  for (const char *Key : {"stack", "spawn_stack", "task_stack", "wait_stack"})
    if (auto It = Event.find(Key); It != Event.end() && It->is_array())
      Result.push_back(&*It);
  if (auto It = Event.find("accesses"); It != Event.end() && It->is_array())
    for (auto &Access : *It)
      if (auto S = Access.find("stack"); S != Access.end() && S->is_array())
        Result.push_back(&*S);
  return Result;
}
} // namespace

std::vector<const nlohmann::json *> stacksOf(const nlohmann::json &Event) {
  return collectStacks(Event);
}
std::vector<nlohmann::json *> stacksOf(nlohmann::json &Event) { return collectStacks(Event); }

void EventLog::resolveRawAddresses() {
  struct Module {
    std::string Path;
    uint64_t Bias, Low, High;
  };
  std::map<int, std::vector<Module>> ByPid;
  for (const nlohmann::json &E : Events)
    if (E["type"] == events::name(events::Type::Start))
      for (const nlohmann::json &M : E["modules"])
        ByPid[E.value("pid", 0)].push_back(
            {M.value("path", ""), hexValue(M["bias"]), hexValue(M["low"]), hexValue(M["high"])});
  for (nlohmann::json &E : Events) {
    auto Modules = ByPid.find(E.value("pid", 0));
    for (nlohmann::json *Stack : stacksOf(E))
      for (nlohmann::json &Frame : *Stack) {
        if (Frame.contains("module") || !Frame.contains("address"))
          continue;
        // Raw addresses are return addresses or the instruction after a
        // write: one byte back is inside the instruction that matters.
        uint64_t Address = hexValue(Frame["address"]) - 1;
        if (Modules == ByPid.end())
          continue;
        for (const Module &M : Modules->second)
          if (Address >= M.Low && Address < M.High) {
            char Offset[32];
            std::snprintf(Offset, sizeof(Offset), "0x%llx",
                          static_cast<unsigned long long>(Address - M.Bias));
            Frame["module"] = M.Path;
            Frame["offset"] = Offset;
            break;
          }
      }
  }
}

std::vector<const nlohmann::json *> EventLog::observations() const {
  std::vector<const nlohmann::json *> Result;
  for (const nlohmann::json &E : Events)
    if (events::find(E["type"].get<std::string>())->Observation)
      Result.push_back(&E);
  return Result;
}

} // namespace asynclint::verify
