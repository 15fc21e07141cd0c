//===--- Catalog.h - the asynclint knowledge base -------------------------===//
//
// The one catalog of what blocks a thread, what starts concurrent work, what
// waits for it and which types are locks. It is data (catalog.json, embedded
// at build time); the clang-tidy checks and the runtime library both read it,
// and users extend it with their own JSON files of the same shape.
//
// This library depends on nlohmann_json only, never on LLVM, so that the
// runtime can link it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asynclint::catalog {

/// A function (or, in a `constructors` list, a class whose construction is
/// the event), by fully qualified name without template arguments.
struct FunctionEntry {
  std::string Name;
  /// The call does not block when this argument is a zero duration
  /// (`fut.wait_for(0s)` only polls). -1: no such argument.
  int NonblockingIfZeroArg = -1;
  /// The call does not block when any argument has one of these types
  /// (`std::unique_lock(m, std::defer_lock)`).
  std::vector<std::string> UnlessArgTypes;
  /// The call does not block when this argument is a constant with any of
  /// NonblockingFlagBits set (`waitpid(pid, &st, WNOHANG)`). -1: none.
  int NonblockingFlagArg = -1;
  unsigned long long NonblockingFlagBits = 0;
  /// The call does not block when argument UnlessArgIndex is a constant in
  /// UnlessArgValues or names a variable in UnlessArgVariables: console output
  /// (`write(STDERR_FILENO, ...)`, `fflush(stdout)`), like printf.
  int UnlessArgIndex = -1;
  std::vector<long long> UnlessArgValues;
  std::vector<std::string> UnlessArgVariables;
  /// The call blocks only with at least this many arguments
  /// (`std::ifstream f;` opens nothing).
  unsigned MinArgs = 0;
  /// A member call does not block when its object was taken from the awaited
  /// result of one of these functions (`concurrencpp::when_all` resumes its
  /// caller with every result complete).
  std::vector<std::string> NonblockingOnResultOf;
};

struct BlockingCategory {
  std::string Id;
  /// Completes "'f' ..." in a message, e.g. "puts the thread to sleep".
  std::string What;
  bool EnabledByDefault = true;
  /// Advice by coroutine library ("asio", "cppcoro", ...) and "default".
  std::map<std::string, std::string> Advice;
  std::vector<FunctionEntry> Functions;
  std::vector<FunctionEntry> Constructors;
  /// C symbols the runtime library interposes for this category.
  std::vector<std::string> RuntimeSymbols;

  /// The advice for \p Library, falling back to "default".
  const std::string &adviceFor(std::string_view Library) const;
};

struct CoroutineLibrary {
  std::string Library;
  /// Namespaces of the library's own code ("concurrencpp", "boost::asio"):
  /// what the catalog says about it is the knowledge the checks use; its
  /// implementation is neither reported nor followed into, even when its
  /// headers are not system headers.
  std::vector<std::string> Namespaces;
  std::vector<std::string> ReturnTypes;
};

/// An argument position, or the object a member function is called on.
inline constexpr int ObjectArgument = -1;

/// A call that starts a coroutine on an executor (`asio::co_spawn(ex, f)`,
/// `executor->submit(f)`). Either index may be ObjectArgument.
struct SpawnCall {
  std::string Name;
  int ExecutorArg = 0;
  int FunctionArg = 1;
};

/// Where coroutines run off the event loop, so blocking there stalls no loop.
struct OffLoopKnowledge {
  std::vector<SpawnCall> SpawnCalls;
  /// Executors and execution contexts whose threads form a pool.
  std::vector<std::string> PoolExecutorTypes;
  /// Calls whose awaited result moves the coroutine onto a pool thread; with
  /// a PoolArg, only when that argument is one of PoolExecutorTypes.
  struct Switch {
    std::string Name;
    int PoolArg = -1;
  };
  std::vector<Switch> SwitchToPool;
  /// A coroutine whose first parameter has one of these types starts on the
  /// executor passed as its second parameter (concurrencpp's executor_tag).
  std::vector<std::string> ExecutorTagTypes;
};

// --- shared state (async-unguarded-shared-state, the runtime's race watch) ---

/// A call (or, with Constructor, a class whose construction is the event)
/// that runs one of its arguments on another thread.
struct ThreadStart {
  std::string Name;
  bool Constructor = false;
  /// The first argument that can be the entry; leading arguments of a
  /// SkipArgTypes type (std::async's launch policy) move it right.
  unsigned EntryArg = 0;
  std::vector<std::string> SkipArgTypes;
  /// Concurrent only when this argument is a pool executor (see
  /// OffLoopKnowledge::PoolExecutorTypes); -1: always concurrent.
  int ExecutorArg = -1;
  /// Not concurrent when an argument names one of these constants
  /// (std::launch::deferred runs the task in the waiting thread).
  std::vector<std::string> UnlessArgValues;
};

/// A function that takes or releases a mutex: its object (MutexArg -1) or
/// the argument MutexArg (`pthread_mutex_lock(&m)`). On a lock guard object
/// (`unique_lock::unlock`) it takes or releases the guard's mutexes.
struct LockFunction {
  std::string Name;
  int MutexArg = -1;
  /// Takes every argument (`std::lock(a, b)`).
  bool AllArgs = false;
  /// A reader lock: it excludes writers only.
  bool Shared = false;
  /// For a try-lock function: what it returns when it took the lock
  /// (pthread_mutex_trylock: 0).
  long long SuccessValue = 0;
};

/// An RAII type that holds the mutexes passed to its constructor.
struct LockGuardType {
  std::string Name;
  bool Shared = false;
};

struct SharedStateKnowledge {
  std::vector<ThreadStart> ThreadStarts;
  /// Calls after which a started thread or task has finished.
  std::vector<std::string> ThreadJoins;
  /// Calls after which it runs on, unbounded (`std::thread::detach`).
  std::vector<std::string> ThreadDetaches;
  std::vector<LockGuardType> LockGuards;
  /// A guard constructed with an argument of one of these types holds
  /// nothing yet (std::defer_lock).
  std::vector<std::string> DeferLockTypes;
  /// A guard constructed with one of these holds a lock its caller already
  /// took (std::adopt_lock); with one of TryToLockTypes, only where a test
  /// of the guard says it does (std::try_to_lock).
  std::vector<std::string> AdoptLockTypes;
  std::vector<std::string> TryToLockTypes;
  std::vector<LockFunction> LockFunctions;
  std::vector<LockFunction> UnlockFunctions;
  /// C-style functions that take the lock only when they return
  /// SuccessValue (`if (pthread_mutex_trylock(&m) == 0)`).
  std::vector<LockFunction> TryLockFunctions;
  /// Types whose every operation is atomic (std::atomic; std::atomic_ref
  /// makes the object it is built on atomic for that access).
  std::vector<std::string> AtomicTypes;
  /// Types that synchronise themselves (mutexes, condition variables,
  /// futures, threads): using one is no data access.
  std::vector<std::string> SynchronizedTypes;
  /// Containers whose operator[] touches one element and inserts nothing:
  /// threads writing slots picked by their own index do not conflict.
  std::vector<std::string> IndexedContainers;
};

// --- spawn and wait (async-immediate-await) ---

/// A call that starts work to run concurrently with its caller.
struct SpawnFunction {
  std::string Name;
  /// Keys the advice maps ("std", "asio", ...).
  std::string Library;
  /// With fewer arguments the call starts nothing.
  unsigned MinArgs = 0;
  /// The work starts only when the result is awaited: creating all first
  /// does not make them overlap.
  bool Lazy = false;
  /// The returned future's destructor waits for the work (std::async).
  bool WaitsOnDestruction = false;
  /// A constant ("std::launch::deferred") with which the work runs only when
  /// waited for, so a discarded result never runs. Empty: none.
  std::string NeverRunsIfDiscardedWith;
  /// The work is the object the member is called on, not an argument
  /// (`std::move(lazy).via(executor)`): what it reads counts as input.
  bool ObjectIsWork = false;
};

/// A class whose construction with arguments starts a thread.
struct ThreadClass {
  std::string Name;
  std::string Library;
  /// The destructor joins (std::jthread).
  bool JoinsOnDestruction = false;
};

struct SpawnKnowledge {
  std::vector<SpawnFunction> Functions;
  std::vector<ThreadClass> Threads;
  /// Executors and execution contexts: a spawn argument of such a type says
  /// where the work runs, not what it reads.
  std::vector<std::string> ExecutorTypes;
  /// Executors that run submitted work in the caller, at once
  /// (concurrencpp's inline_executor): a spawn on one starts nothing
  /// concurrent.
  std::vector<std::string> InlineExecutorTypes;
  /// Member functions that wait for a spawned result or a started thread.
  std::vector<std::string> WaitFunctions;
  /// Calls that run several awaitables together (when_all, Asio's &&).
  std::vector<std::string> Combinators;
  /// Calls that only print: passing a result to them orders nothing.
  std::vector<std::string> OutputFunctions;
  /// What to write instead, by library and "default"; LoopAdvice for waits
  /// inside a loop.
  std::map<std::string, std::string> Advice;
  std::map<std::string, std::string> LoopAdvice;

  /// The advice for \p Library from \p Map, falling back to "default".
  static const std::string &adviceFor(const std::map<std::string, std::string> &Map,
                                      std::string_view Library);
};

// --- stale reads across suspensions (async-stale-read-across-await) ---

struct StaleReadKnowledge {
  /// Calls that start their coroutine argument as a task of its own, which
  /// runs concurrently with other tasks (besides off_loop.spawn_calls and the
  /// eager spawn.functions).
  std::vector<std::string> TaskStarts;
  /// Calls that run a coroutine as a task and block until it ends
  /// (sync_wait): tasks started under two of them never overlap.
  std::vector<std::string> BlockingStarts;
  /// Namespaces or types of awaitables that never suspend
  /// (`co_await asio::this_coro::executor`).
  std::vector<std::string> ReadyAwaitables;
  /// Members that look one key up (`contains`, `find`): a check through one
  /// is about that key's element.
  std::vector<std::string> LookupMembers;
  /// Member function names by what they do to a container ("insert",
  /// "remove"): a check followed by the same kind of change is the race.
  std::map<std::string, std::vector<std::string>> MemberGroups;
  /// Inserts that check again themselves (`std::map::try_emplace`), and
  /// erases by key (erasing a missing key does nothing; erasing by
  /// iterator does check nothing).
  std::vector<std::string> CheckedInserts;
  std::vector<std::string> CheckedErases;
  /// Members that overwrite their object's value, like `=` (`std::atomic::store`).
  std::vector<std::string> Assignments;
  /// What to write instead, by coroutine library and "default". A library
  /// without an entry here gets the advice of its first async lock type.
  std::map<std::string, std::string> Advice;
};

// --- asynchronous locks (async-stale-read-across-await, and no data to
// async-unguarded-shared-state) ---

/// A mutex that coroutines lock by awaiting (cppcoro::async_mutex): the
/// members that take, try and release it. Lock members return an awaitable
/// after which the mutex is held until an unlock member; scoped-lock
/// members return an awaitable whose result is a guard holding it until the
/// guard is destroyed.
struct AsyncLockType {
  std::string Name;
  std::string Library;
  std::vector<std::string> Lock;
  std::vector<std::string> ScopedLock;
  std::vector<std::string> TryLock;
  std::vector<std::string> Unlock;
  /// Reader-side members of a shared (reader/writer) async mutex.
  std::vector<std::string> LockShared;
  std::vector<std::string> ScopedLockShared;
  std::vector<std::string> UnlockShared;
  /// What async-stale-read-across-await advises for a coroutine of Library;
  /// empty: "hold a <Name> across ..." with its scoped_lock (or lock and
  /// unlock) member.
  std::string Advice;

  /// \p Member, awaited, takes the lock (as a writer or a reader).
  bool takesWith(std::string_view Member) const;
  /// \p Member releases the lock, or a guard of it.
  bool releasesWith(std::string_view Member) const;
  /// The advice: Advice, or one made from the name and the members.
  std::string advice() const;
};

struct Catalog {
  /// Groups of namespaces that name the same library (standalone Asio and
  /// Boost.Asio): an entry written in one applies to all of them.
  std::vector<std::vector<std::string>> EquivalentNamespaces;
  std::vector<CoroutineLibrary> CoroutineLibraries;
  std::vector<BlockingCategory> Blocking;
  OffLoopKnowledge OffLoop;
  SharedStateKnowledge SharedState;
  SpawnKnowledge Spawn;
  StaleReadKnowledge StaleRead;
  std::vector<AsyncLockType> AsyncLocks;

  /// The catalog shipped with asynclint (catalog/catalog.json).
  static const Catalog &builtin();
  static std::string_view builtinText();

  /// Parses a catalog; on failure returns nothing and says why in \p Error.
  static std::optional<Catalog> fromJson(std::string_view Text, std::string &Error);
  static std::optional<Catalog> fromFile(const std::string &Path, std::string &Error);

  /// Adds \p Other's knowledge: categories with a known id are extended,
  /// new ones appended.
  void merge(const Catalog &Other);

  /// \p QualifiedName and its spellings in every equivalent namespace
  /// ("asio::read" -> {"asio::read", "boost::asio::read"}).
  std::vector<std::string> spellingsOf(std::string_view QualifiedName) const;

  const BlockingCategory *findBlockingCategory(std::string_view Id) const;
};

/// "::std::foo" -> "std::foo"; surrounding blanks removed.
std::string normalizeName(std::string_view Name);

/// Splits "a;b, c" on ';' and ',' (or on \p Separators) into normalised,
/// non-empty names.
std::vector<std::string> splitList(std::string_view List, std::string_view Separators = ";,");

} // namespace asynclint::catalog
