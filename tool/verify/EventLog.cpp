//===--- EventLog.cpp -----------------------------------------------------===//
#include "EventLog.h"

#include <cstdio>
#include <fstream>
#include <map>

namespace asynclint::verify {

bool EventLog::read(const std::string &Path, EventLog &Out, std::string &Error) {
  std::ifstream In(Path);
  if (!In) {
    Error = "cannot read events file '" + Path + "'";
    return false;
  }
  std::string Line;
  while (std::getline(In, Line)) {
    if (Line.empty())
      continue;
    nlohmann::json Event = nlohmann::json::parse(Line, nullptr, /*allow_exceptions=*/false);
    if (Event.is_discarded() || !Event.is_object() || !Event.contains("type")) {
      ++Out.SkippedLines;
      continue;
    }
    Out.Events.push_back(std::move(Event));
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
  for (const char *Key : {"stack", "spawn_stack", "wait_stack"})
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
    if (E.value("type", "") == "start" && E.contains("modules"))
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
    if (E.value("type", "") != "start")
      Result.push_back(&E);
  return Result;
}

} // namespace asynclint::verify
