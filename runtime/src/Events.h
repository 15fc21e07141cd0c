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

#include "SignalSafeJson.h"
#include "Stack.h"
#include "asynclint/events.h"

#include <nlohmann/json.hpp>
#include <sys/types.h>

namespace asynclint::rt {

nlohmann::json eventHeader(events::Type Type);
nlohmann::json stackJson(const Stack &S);
/// Writes \p Event as one line of the event file.
void emit(const nlohmann::json &Event);

/// The header in a signal handler, where nothing may allocate: opens the
/// object with "type", "pid", "tid" (left out when \p Tid is 0: an event
/// about a variable or a site, not a thread) and "time_ns".
SignalSafeJson &beginEvent(SignalSafeJson &J, events::Type Type, uint64_t TimeNs, pid_t Tid = 0);
/// Closes the object \p J holds and writes it as one line, unless it did
/// not fit (truncated JSON is worse than none).
void emit(SignalSafeJson &J);

} // namespace asynclint::rt
