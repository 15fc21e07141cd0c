//===--- EventText.cpp ----------------------------------------------------===//
#include "EventText.h"

#include "asynclint/events.h"

#include <cstdio>

namespace asynclint::verify {

std::string milliseconds(uint64_t Nanoseconds) {
  char Text[32];
  std::snprintf(Text, sizeof(Text), "%.1f ms", static_cast<double>(Nanoseconds) / 1e6);
  return Text;
}

namespace {
std::string blockedWhere(const nlohmann::json &Event) {
  std::string Context = Event.value("context", "");
  if (Context == "coroutine")
    return "coroutine '" + Event.value("context_function", std::string("?")) + "'";
  if (Context == "event-loop")
    return "the event loop's thread";
  if (Context == "marked-task")
    return "the marked task '" + Event.value("context_function", std::string("?")) + "'";
  if (Context == "marked-loop")
    return "a marked event loop";
  return "its thread";
}
} // namespace

std::string describeEvent(const nlohmann::json &Event) {
  const events::TypeInfo *Info = events::find(Event.value("type", ""));
  if (!Info)
    return "an event of unknown type";
  switch (Info->Id) {
  case events::Type::Blocking:
    return "'" + Event.value("symbol", std::string("?")) + "' blocked " + blockedWhere(Event) +
           " for " + milliseconds(Event.value("duration_ns", uint64_t(0)));
  case events::Type::SerializedSpawn:
    if (Event.contains("task"))
      return "the creator waited " + milliseconds(Event.value("duration_ns", uint64_t(0))) +
             " at the spawn's statement while the coroutine task '" +
             Event.value("task", std::string("?")) + "' ran, and did nothing else";
    return "a spawned thread ran for " + milliseconds(Event.value("duration_ns", uint64_t(0))) +
           " while nothing else ran, and its creator only waited for it";
  case events::Type::Race:
    return "'" + Event.value("variable", std::string("?")) +
           "' written by two threads with no common lock";
  case events::Type::Start:
    return "the runtime started";
  case events::Type::WatchStopped:
    return "the watch of '" + Event.value("variable", Event.value("site", std::string("?"))) +
           "' stopped (" + Event.value("reason", std::string("?")) + ")";
  }
  return "?";
}

} // namespace asynclint::verify
