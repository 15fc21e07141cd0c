//===--- Events.cpp -------------------------------------------------------===//
#include "Events.h"

#include "Clock.h"
#include "Runtime.h"
#include "ThreadState.h"

#include <cstdio>
#include <unistd.h>

namespace asynclint::rt {

nlohmann::json eventHeader(events::Type Type) {
  return {{"type", events::name(Type)},
          {"pid", static_cast<int>(getpid())},
          {"tid", static_cast<int>(currentTid())},
          {"time_ns", nowNs()}};
}

nlohmann::json stackJson(const Stack &S) {
  nlohmann::json Frames = nlohmann::json::array();
  for (int I = 0; I < S.Depth; ++I) {
    FrameInfo F = describeFrame(S.Pc[I], /*ReturnAddress=*/true);
    char Offset[32];
    std::snprintf(Offset, sizeof(Offset), "0x%llx", static_cast<unsigned long long>(F.Offset));
    nlohmann::json Frame = {{"module", F.Module ? F.Module : ""}, {"offset", Offset}};
    if (F.Symbol)
      Frame["function"] = demangle(F.Symbol->Name);
    Frames.push_back(std::move(Frame));
  }
  return Frames;
}

void emit(const nlohmann::json &Event) {
  events().writeLine(Event.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

SignalSafeJson &beginEvent(SignalSafeJson &J, events::Type Type, uint64_t TimeNs, pid_t Tid) {
  J.raw("{\"type\":").string(events::name(Type));
  J.raw(",\"pid\":").number(static_cast<uint64_t>(getpid()));
  if (Tid)
    J.raw(",\"tid\":").number(static_cast<uint64_t>(Tid));
  return J.raw(",\"time_ns\":").number(TimeNs);
}

void emit(SignalSafeJson &J) {
  J.raw("}");
  if (J.complete())
    events().writeLine(std::string_view(J.data(), J.size()));
}

} // namespace asynclint::rt
