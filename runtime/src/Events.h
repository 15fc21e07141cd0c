//===--- Events.h - building the runtime's JSON events ---------------------===//
//
// Every event carries "type", "pid", "tid" and "time_ns" (CLOCK_MONOTONIC).
// Stacks are arrays of frames, innermost first: {"module", "offset"} for
// llvm-symbolizer (the tool adds "file", "line"), and "function" when the
// runtime could name it. The types and their fields are defined once, in
// asynclint/events.h; docs/runtime-events.md documents the format.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Stack.h"
#include "asynclint/events.h"

#include <nlohmann/json.hpp>

namespace asynclint::rt {

nlohmann::json eventHeader(events::Type Type);
nlohmann::json stackJson(const Stack &S);
/// Writes \p Event as one line of the event file.
void emit(const nlohmann::json &Event);

} // namespace asynclint::rt
