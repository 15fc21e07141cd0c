//===--- EventLog.h - reading the runtime's JSON-lines events --------------===//
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace asynclint::verify {

struct EventLog {
  /// Every event, in file order ("start" events included).
  std::vector<nlohmann::json> Events;

  /// Reads \p Path and checks every line against the event types of
  /// asynclint/events.h. False (with \p Error naming the file and line) if
  /// it cannot be read, a line is not such an event (events::problemWith:
  /// garbage, a wrong field type, an unknown type), the last line is cut short, or the file has no
  /// start event (the program never loaded the runtime).
  static bool read(const std::string &Path, EventLog &Out, std::string &Error);

  /// Gives frames recorded as raw addresses (in signal handlers) a module
  /// and an offset, from the module map of their process's start event.
  void resolveRawAddresses();

  /// The observations (blocking, serialized-spawn, race events).
  std::vector<const nlohmann::json *> observations() const;
};

/// The stacks of an event: "stack", "spawn_stack", "wait_stack" and each
/// access's "stack" of a race.
std::vector<const nlohmann::json *> stacksOf(const nlohmann::json &Event);
std::vector<nlohmann::json *> stacksOf(nlohmann::json &Event);

} // namespace asynclint::verify
