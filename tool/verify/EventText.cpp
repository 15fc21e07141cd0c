//===--- EventText.cpp ----------------------------------------------------===//
#include "EventText.h"

#include <cstdio>

namespace asynclint::verify {

std::string milliseconds(uint64_t Nanoseconds) {
  char Text[32];
  std::snprintf(Text, sizeof(Text), "%.1f ms", static_cast<double>(Nanoseconds) / 1e6);
  return Text;
}

std::string describeEvent(const nlohmann::json &Event) {
  std::string Type = Event.value("type", "");
  if (Type == "blocking")
    return "'" + Event.value("symbol", std::string("?")) + "' blocked " +
           (Event.value("context", "") == "coroutine"
                ? "coroutine '" + Event.value("context_function", std::string("?")) + "'"
                : std::string("the event loop")) +
           " for " + milliseconds(Event.value("duration_ns", uint64_t(0)));
  if (Type == "serialized-spawn")
    return "a spawned thread ran while nothing else ran and was then waited for";
  if (Type == "race")
    return "'" + Event.value("variable", std::string("?")) +
           "' written by two threads with no common lock";
  return "a runtime event of type '" + Type + "'";
}

} // namespace asynclint::verify
