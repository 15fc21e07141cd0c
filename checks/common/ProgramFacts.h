//===--- ProgramFacts.h - per-function facts, the whole-program data model ===//
//
// What a check learns about each function of a translation unit that other
// units may need: the catalogued blocking call it makes itself, the user
// functions it calls, and for a coroutine the calls whose outcome the unit
// alone could not decide. The checks record them (through FactChannel.h),
// the asynclint tool combines them over the whole program, and the combined
// facts come back to the checks through the FactFiles option. No Clang here:
// the tool's combination step and merge read and write this model as data.
// The JSON form is documented in docs/facts-format.md.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace asynclint::facts {

/// Version of the facts formats (unit facts, shard files, exported facts).
inline constexpr int FactsVersion = 1;

struct Place {
  std::string File; ///< absolute path
  unsigned Line = 0;
  unsigned Column = 0;

  bool operator<(const Place &O) const;
  bool operator==(const Place &O) const = default;
};

/// A function as messages and properties name it.
struct FunctionName {
  /// Stable identity across units (see functionId in FunctionIdentity.h).
  std::string Id;
  /// Qualified name ("ns::Store::load"); lambdas are described, not named.
  std::string Name;
  bool Lambda = false;

  /// "'ns::load'", or "lambda": the wording of the checks' messages.
  std::string quoted() const;
  /// "ns::load", or "lambda": as findings' properties name functions.
  std::string plain() const;
};

/// A catalogued blocking call made by a function in its own body.
struct BlockingCall {
  std::string Function; ///< the catalog name it matched: "std::this_thread::sleep_for"
  std::string Category; ///< "sleep"
  std::string What;     ///< completes "'f' ...": "puts the thread to sleep"
  /// What to use instead, by coroutine library and "default".
  std::map<std::string, std::string> Advice;
  Place At;

  const std::string &adviceFor(const std::string &Library) const;
};

/// A call of a user function, defined in this unit or elsewhere.
struct Call {
  FunctionName Callee;
  Place At;
};

/// For a coroutine of the unit's main file: the calls it makes (before it
/// moves to a pool) that the unit could not show to block.
struct CoroutineFacts {
  /// "'handle'", "lambda": as the checks describe a coroutine.
  std::string Description;
  /// The coroutine library of its return type ("asio", ...), or "".
  std::string Library;
  /// It runs on a thread pool, where blocking is harmless.
  bool OffLoop = false;
  /// Its unit's configuration lists async-blocking-in-coroutine in
  /// WarningsAsErrors.
  bool AsError = false;
  std::vector<Call> OpenCalls;
};

struct FunctionFacts {
  FunctionName Function;
  Place At;
  bool Coroutine = false;
  /// The first catalogued blocking call of its body.
  std::optional<BlockingCall> Blocking;
  /// The user functions it calls, first call of each, in source order.
  std::vector<Call> Calls;
  std::optional<CoroutineFacts> CoroutineCalls;
};

/// How a unit refers to a coroutine, wherever it is defined.
struct CoroutineUses {
  /// References to it (calls included).
  unsigned Uses = 0;
  /// Of those, the ones that start it on a thread pool
  /// (`asio::co_spawn(pool, worker(), ...)`).
  unsigned PoolSpawns = 0;
};

/// A lock held at an access or a call, as another unit can name it: a
/// global or static mutex (or a member of one) by its location's identity.
/// A lock no other unit can name (a member of `this`, a guard passed in) is
/// Any: it is taken to exclude every other lock, so it can hide a race but
/// never make one (as in the unit's own analysis).
struct SharedLock {
  std::string Id;   ///< empty for Any
  std::string Name; ///< as messages name it: "log_mutex"
  bool Shared = false;
  bool Any = false;

  bool operator<(const SharedLock &O) const;
  bool operator==(const SharedLock &O) const = default;
};

/// An access of async-unguarded-shared-state's model (atomics, mutexes,
/// library code and the check's exclusive regions already left out) to a
/// location every unit names alike: a global, a static, a static data
/// member, or a member of one of those.
struct SharedAccess {
  std::string Location; ///< identity: the variable's USR (".field" after)
  std::string Name;     ///< as messages name it: "stats.hits"
  bool Write = false;
  /// A pointer read only to reach what it points to, a write of a pointer
  /// found null just before: a lazy initialisation does not race with them.
  bool Deref = false;
  bool LazyInit = false;
  std::vector<SharedLock> Locks; ///< held by the function itself here
  Place At;
};

/// A call of a user function (defined in this unit or not), with the locks
/// the caller holds there.
struct SharedCall {
  FunctionName Callee;
  std::vector<SharedLock> Locks;
  Place At;
};

/// A start of concurrent work (a thread, std::async, a pool post) whose
/// entry is named.
struct ThreadStartFacts {
  FunctionName Entry;
  /// Several instances may run at once (started in a loop that does not
  /// wait for each).
  bool Multiple = false;
  /// The starter waits for it (a join, the end of the thread object's scope).
  bool Closed = false;
  Place At;
  /// The starter's own accesses made while it runs (indices into the
  /// starter's SharedStateFacts::Accesses).
  std::vector<unsigned> During;
  /// The other starts of the same function that run at the same time as
  /// this one (indices into Starts).
  std::vector<unsigned> Overlaps;
};

/// What async-unguarded-shared-state knows of one function for the whole
/// program.
struct SharedStateFacts {
  FunctionName Function;
  Place At;
  std::vector<SharedAccess> Accesses;
  std::vector<SharedCall> Calls;
  std::vector<ThreadStartFacts> Starts;
  /// Its unit's configuration lists async-unguarded-shared-state in
  /// WarningsAsErrors.
  bool AsError = false;
};

/// Everything one translation unit told about itself.
struct UnitFacts {
  std::vector<FunctionFacts> Functions;
  /// By function identity.
  std::map<std::string, CoroutineUses> Coroutines;
  std::vector<SharedStateFacts> SharedState;
};

/// How a function of the combined program reaches a blocking call: its own
/// (Via empty) or through the call Via of a function that blocks.
struct Reach {
  std::optional<Call> Via;
};

/// A race on shared state that only the whole program shows, as
/// async-unguarded-shared-state reports it: for single-file runs given the
/// exported facts (the FactFiles option).
struct ProgramRace {
  Place At;
  std::string Message;
  std::vector<std::pair<Place, std::string>> Notes;
};

/// The facts of every unit, one entry per function, with what only the
/// whole program shows.
struct ProgramFacts {
  std::map<std::string, FunctionFacts> Functions;
  /// The functions (not coroutines) whose call blocks the caller's thread.
  std::map<std::string, Reach> Blocking;
  /// The coroutines that every unit referring to them only starts on a
  /// thread pool: they never run on an event loop, where blocking hurts.
  std::set<std::string> OffLoop;
  /// The shared-state facts of every function that has some.
  std::map<std::string, SharedStateFacts> SharedState;
  /// For each of those, the units (by their index in the order the facts
  /// were combined: by main file) that define it: what one unit alone saw.
  std::map<std::string, std::set<unsigned>> SharedStateUnits;
  /// The races the combination found (after those the units reported
  /// themselves), in the order of the report.
  std::vector<ProgramRace> Races;

  /// The functions from \p Id down to the one that makes the catalogued
  /// blocking call itself (\p Id first); empty when \p Id does not block.
  std::vector<const FunctionFacts *> chainFrom(const std::string &Id) const;
};

/// How a facts file names files: as they are (absolute), unless the file
/// moves with its checkout (shard files name them relative to it: see
/// tool/shards/Shards.h).
struct PathMapping {
  using Map = std::function<std::string(const std::string &)>;
  Map Write = [](const std::string &File) { return File; };
  Map Read = [](const std::string &File) { return File; };
};

nlohmann::json toJson(const UnitFacts &U, const PathMapping &Paths);
nlohmann::json toJson(const ProgramFacts &P, const PathMapping &Paths);
/// Throw std::runtime_error naming the first missing or mistyped field.
UnitFacts unitFactsFromJson(const nlohmann::json &J, const PathMapping &Paths);
ProgramFacts programFactsFromJson(const nlohmann::json &J, const PathMapping &Paths);

/// The "format" value of an exported (combined) facts file.
inline constexpr const char *ProgramFactsFormat = "asynclint-program-facts";

} // namespace asynclint::facts
