//===--- Events.h - building the runtime's JSON events ---------------------===//
//
// Every event carries "type", "pid", "tid" and "time_ns" (CLOCK_MONOTONIC).
// Stacks are arrays of frames, innermost first: {"module", "offset"} for
// llvm-symbolizer (the tool adds "file", "line"), and "function" when the
// runtime could name it. The format is documented in docs/runtime.md ("Events file").
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Stack.h"

#include <nlohmann/json.hpp>

namespace asynclint::rt {

nlohmann::json eventHeader(const char *Type);
nlohmann::json stackJson(const Stack &S);
/// Writes \p Event as one line of the event file.
void emit(const nlohmann::json &Event);

} // namespace asynclint::rt
