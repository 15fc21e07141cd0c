//===--- asynclint/events.h - the runtime's event types, defined once -----===//
//
// The runtime writes these events (one JSON object per line) and
// `asynclint verify` reads them: both sides use this table, so an event type
// or a field is named in one place. docs/runtime-events.md describes the
// format for people; a runtime test checks every event a run writes against
// this table, and the tool rejects any line that does not match it.
//
// C++17, no dependencies: the runtime and the tool include it as is.
//
//===----------------------------------------------------------------------===//
#ifndef ASYNCLINT_EVENTS_H
#define ASYNCLINT_EVENTS_H

#include <cstddef>
#include <string>
#include <string_view>

namespace asynclint::events {

enum class Type {
  Start,           ///< the runtime's configuration and module map, once per process
  Blocking,        ///< a catalogued blocking call (or a wait) in async context
  SerializedSpawn, ///< a spawned thread, or coroutine task, its creator only waited for
  Race,            ///< two unordered writes with no common lock to a watched variable
  WatchStopped,    ///< a watchpoint switched off (after a race, or its budget)
};

/// The JSON kind a field's value must have.
enum class Kind { String, Unsigned, Array, Object };

struct Field {
  const char *Name;
  Kind ValueKind;
  bool Required;
};

struct TypeInfo {
  Type Id;
  const char *Name; ///< the "type" field's value
  /// An observation of a mistake: it can confirm a finding of Check and,
  /// when none predicted it, is listed as what the checks missed.
  bool Observation;
  const char *Check; ///< the check it confirms (null: none)
  const Field *Fields;
  std::size_t FieldCount;
};

namespace detail {
// Every event: which process and thread wrote it, and when (CLOCK_MONOTONIC).
#define ASYNCLINT_EVENT_COMMON                                                                     \
  {"type", Kind::String, true}, {"pid", Kind::Unsigned, true}, { "time_ns", Kind::Unsigned, true }

inline constexpr Field StartFields[] = {
    ASYNCLINT_EVENT_COMMON,
    {"tid", Kind::Unsigned, true},
    {"program", Kind::String, true},
    {"categories", Kind::Array, true},
    /// One entry per requested variable: {variable, status: "watching" or
    /// "not-watched", reason (when not watched), address, size}.
    {"watch", Kind::Array, true},
    /// One entry per coroutine spawn site the tool asked for: {site
    /// ("file:line"), status, reason (when not watched)}.
    {"spawn_watch", Kind::Array, false},
    {"modules", Kind::Array, true},
    {"unsupported_symbols", Kind::Array, false},
    {"catalog_errors", Kind::Array, false},
};
inline constexpr Field BlockingFields[] = {
    ASYNCLINT_EVENT_COMMON,
    {"tid", Kind::Unsigned, true},
    {"category", Kind::String, true},
    {"symbol", Kind::String, true},
    {"context", Kind::String, true},
    {"context_function", Kind::String, false},
    {"duration_ns", Kind::Unsigned, true},
    {"occurrence", Kind::Unsigned, true},
    {"stack", Kind::Array, true},
};
inline constexpr Field SerializedSpawnFields[] = {
    ASYNCLINT_EVENT_COMMON,
    {"tid", Kind::Unsigned, true},
    /// "pthread_create" for a thread; "co_await" for a coroutine task.
    {"symbol", Kind::String, true},
    /// A thread: its run. A coroutine task: from the creator reaching the
    /// spawn's statement to reaching the next one.
    {"duration_ns", Kind::Unsigned, true},
    {"creator_cpu_ns", Kind::Unsigned, false}, ///< a thread's creator's CPU time meanwhile
    {"task", Kind::String, false},             ///< a coroutine task: its function
    {"site", Kind::String, false},             ///< a coroutine task: the spawn's file:line
    {"task_start_ns", Kind::Unsigned,
     false}, ///< a coroutine task: when it started, after the statement
    {"occurrence", Kind::Unsigned, false}, ///< a coroutine task: count at this site
    {"spawn_stack", Kind::Array, true},
    {"task_stack", Kind::Array, false}, ///< a coroutine task: where it started
    {"wait_stack", Kind::Array, true},
};
inline constexpr Field RaceFields[] = {
    ASYNCLINT_EVENT_COMMON,
    {"tid", Kind::Unsigned, true},
    {"variable", Kind::String, true},
    {"address", Kind::String, true},
    /// Two {tid, kind, locks, stack}: the earlier write, then the later one.
    {"accesses", Kind::Array, true},
};
inline constexpr Field WatchStoppedFields[] = {
    ASYNCLINT_EVENT_COMMON,
    /// A variable's watchpoint (with its writes), or a coroutine spawn
    /// site's breakpoints (with the hits of the one that stopped it).
    {"variable", Kind::String, false},
    {"site", Kind::String, false},
    {"reason", Kind::String, true}, ///< "confirmed" or "budget"
    {"writes", Kind::Unsigned, false},
    {"hits", Kind::Unsigned, false},
};
#undef ASYNCLINT_EVENT_COMMON
} // namespace detail

inline constexpr TypeInfo Types[] = {
    {Type::Start, "start", false, nullptr, detail::StartFields, std::size(detail::StartFields)},
    {Type::Blocking, "blocking", true, "async-blocking-in-coroutine", detail::BlockingFields,
     std::size(detail::BlockingFields)},
    {Type::SerializedSpawn, "serialized-spawn", true, "async-immediate-await",
     detail::SerializedSpawnFields, std::size(detail::SerializedSpawnFields)},
    {Type::Race, "race", true, "async-unguarded-shared-state", detail::RaceFields,
     std::size(detail::RaceFields)},
    {Type::WatchStopped, "watch-stopped", false, nullptr, detail::WatchStoppedFields,
     std::size(detail::WatchStoppedFields)},
};

static_assert(
    [] {
      for (std::size_t I = 0; I < std::size(Types); ++I)
        if (static_cast<std::size_t>(Types[I].Id) != I)
          return false;
      return true;
    }(),
    "Types is indexed by Type");

constexpr const TypeInfo &info(Type T) { return Types[static_cast<std::size_t>(T)]; }
constexpr const char *name(Type T) { return info(T).Name; }

/// The type named \p Name, or null for a name this version does not know.
inline const TypeInfo *find(std::string_view Name) {
  for (const TypeInfo &T : Types)
    if (Name == T.Name)
      return &T;
  return nullptr;
}

/// The observation type that confirms findings of \p Check, or null.
inline const TypeInfo *confirming(std::string_view Check) {
  for (const TypeInfo &T : Types)
    if (T.Check && Check == T.Check)
      return &T;
  return nullptr;
}

namespace detail {
template <typename Json> bool hasKind(const Json &Value, Kind K) {
  switch (K) {
  case Kind::String:
    return Value.is_string();
  case Kind::Unsigned:
    return Value.is_number_unsigned() || (Value.is_number_integer() && Value >= 0);
  case Kind::Array:
    return Value.is_array();
  case Kind::Object:
    return Value.is_object();
  }
  return false;
}

inline const char *kindName(Kind K) {
  switch (K) {
  case Kind::String:
    return "a string";
  case Kind::Unsigned:
    return "an unsigned integer";
  case Kind::Array:
    return "an array";
  case Kind::Object:
    return "an object";
  }
  return "?";
}

template <typename Json> bool isStack(const Json &Value) {
  if (!Value.is_array())
    return false;
  for (const auto &Frame : Value)
    if (!Frame.is_object())
      return false;
  return true;
}
} // namespace detail

/// What is wrong with \p Event (a parsed line, in any JSON library with
/// nlohmann::json's interface), or "" when it is a valid event of a known
/// type: the type, every required field, every field's kind, and the
/// stacks (arrays of frame objects; a race's two accesses).
template <typename Json> std::string problemWith(const Json &Event) {
  if (!Event.is_object())
    return "not a JSON object";
  auto Type = Event.find("type");
  if (Type == Event.end() || !Type->is_string())
    return "no \"type\" string";
  std::string TypeName = Type->template get<std::string>();
  const TypeInfo *Info = find(TypeName);
  if (!Info)
    return "unknown event type '" + TypeName + "'";
  std::string Of = std::string(" of a '") + Info->Name + "' event";
  for (std::size_t I = 0; I < Info->FieldCount; ++I) {
    const Field &F = Info->Fields[I];
    auto Value = Event.find(F.Name);
    if (Value == Event.end()) {
      if (F.Required)
        return std::string("no \"") + F.Name + "\"" + Of;
      continue;
    }
    if (!detail::hasKind(*Value, F.ValueKind))
      return std::string("\"") + F.Name + "\"" + Of + " is not " + detail::kindName(F.ValueKind);
    std::string_view Name = F.Name;
    bool IsStack = Name.size() >= 5 && Name.substr(Name.size() - 5) == "stack";
    if (IsStack && !detail::isStack(*Value))
      return std::string("\"") + F.Name + "\"" + Of + " has a frame that is not an object";
  }
  if (Info->Id == Type::Race) {
    const auto &Accesses = *Event.find("accesses");
    if (Accesses.size() != 2)
      return "a 'race' event without two accesses";
    for (const auto &A : Accesses) {
      if (!A.is_object())
        return "an access of a 'race' event is not an object";
      auto Tid = A.find("tid");
      auto Stack = A.find("stack");
      if (Tid == A.end() || !detail::hasKind(*Tid, Kind::Unsigned) || Stack == A.end() ||
          !detail::isStack(*Stack))
        return "an access of a 'race' event without \"tid\" and a \"stack\"";
    }
  }
  return "";
}

/// Watch statuses in the start event.
inline constexpr const char *Watching = "watching";
inline constexpr const char *NotWatched = "not-watched";
/// How a spawn site's reason starts when the process is not the executable
/// its addresses came from (a wrapper the program runs through).
inline constexpr const char *SpawnSiteOtherProgram = "its addresses were resolved in ";

} // namespace asynclint::events

#endif // ASYNCLINT_EVENTS_H
