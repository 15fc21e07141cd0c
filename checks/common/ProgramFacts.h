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

/// Everything one translation unit told about itself.
struct UnitFacts {
  std::vector<FunctionFacts> Functions;
  /// By function identity.
  std::map<std::string, CoroutineUses> Coroutines;
};

/// How a function of the combined program reaches a blocking call: its own
/// (Via empty) or through the call Via of a function that blocks.
struct Reach {
  std::optional<Call> Via;
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
