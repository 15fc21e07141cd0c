//===--- Runtime.h - the runtime's global state and configuration ---------===//
//
// Configured by the environment of the program it is loaded into:
//   ASYNCLINT_EVENTS      event file (JSON lines, appended); default
//                         asynclint-events.jsonl in the working directory
//   ASYNCLINT_CATALOG     extra catalog files, ':'-separated
//   ASYNCLINT_CATEGORIES  blocking categories to watch (default: those
//                         enabled by default in the catalog)
//   ASYNCLINT_WATCH       variables to verify for unguarded shared state,
//                         qualified names, ','-separated (at most 4)
//   ASYNCLINT_LOOP_FUNCTIONS, ASYNCLINT_LOOP_INTERNALS, ASYNCLINT_POOL_FUNCTIONS
//                         see LoopKnowledge.h
//   ASYNCLINT_ALL_CONTEXTS=1  report blocking calls outside async context too
//   ASYNCLINT_DISABLE=1   load but record nothing
//
//===----------------------------------------------------------------------===//
#pragma once

#include "EventSink.h"
#include "LoopKnowledge.h"

#include <cstdint>

namespace asynclint::rt {

enum class Sym : unsigned {
#define X(Id, Name) Id,
#include "Symbols.def"
#undef X
  Count
};

/// True once the runtime is initialised and recording.
bool ready();

/// ASYNCLINT_ALL_CONTEXTS=1: report catalogued blocking calls on any thread
/// (context "none" too), to see what the runtime sees.
bool reportsEveryContext();

/// The blocking category watched for \p S, or null when it is not watched.
const char *categoryOf(Sym S);
const char *symbolName(Sym S);

const LoopKnowledge &loopKnowledge();
const EventSink &events();

/// Looks up the next definition of \p Name (the one the runtime wraps).
void *nextSymbol(const char *Name);

template <typename F> F real(const char *Name) { return reinterpret_cast<F>(nextSymbol(Name)); }

} // namespace asynclint::rt
