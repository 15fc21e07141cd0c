//===--- EventLog.h - reading the runtime's JSON-lines events --------------===//
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace asynclint::verify {

struct EventLog {
  /// Every event, in file order ("start" events included).
  std::vector<nlohmann::json> Events;
  /// Lines that were not JSON objects (a line cut by a crash mid-write is
  /// impossible by construction, but a file may be edited by hand).
  unsigned SkippedLines = 0;

  /// Reads \p Path; false (with \p Error) if it cannot be read.
  static bool read(const std::string &Path, EventLog &Out, std::string &Error);

  /// Gives frames recorded as raw addresses (in signal handlers) a module
  /// and an offset, from the module map of their process's start event.
  void resolveRawAddresses();

  /// The events that report something (not "start").
  std::vector<const nlohmann::json *> observations() const;
};

/// The stacks of an event: "stack", "spawn_stack", "wait_stack" and each
/// access's "stack" of a race.
std::vector<const nlohmann::json *> stacksOf(const nlohmann::json &Event);
std::vector<nlohmann::json *> stacksOf(nlohmann::json &Event);

} // namespace asynclint::verify
