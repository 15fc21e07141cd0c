//===--- Runtime.cpp - initialisation from the environment and catalog ----===//
#include "Runtime.h"

#include "Catalog.h"
#include "Events.h"
#include "SpawnBreakpoints.h"
#include "Stack.h"
#include "ThreadRegistry.h"
#include "ThreadState.h"
#include "Watch.h"
#include "asynclint/events.h"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <execinfo.h>
#include <pthread.h>
#include <set>
#include <string>

namespace asynclint::rt {
namespace {

const char *const SymbolNames[] = {
#define X(Id, Name) Name,
#include "Symbols.def"
#undef X
};

struct Global {
  std::atomic<bool> Ready{false};
  bool EveryContext = false;
  const char *Categories[static_cast<unsigned>(Sym::Count)] = {};
  LoopKnowledge Loops;
  EventSink Sink;
};

Global &global() {
  // Never destroyed: interposed calls keep coming during exit.
  static Global *G = new Global;
  return *G;
}

std::set<std::string> requestedCategories(const catalog::Catalog &C) {
  std::set<std::string> Result;
  if (const char *List = std::getenv("ASYNCLINT_CATEGORIES")) {
    for (const std::string &Id : catalog::splitList(List))
      Result.insert(Id);
    return Result;
  }
  for (const catalog::BlockingCategory &Category : C.Blocking)
    if (Category.EnabledByDefault)
      Result.insert(Category.Id);
  return Result;
}

void afterForkInChild() {
  self().Tid = 0;
  resetSymbolCacheAfterFork();
  ThreadRegistry::get().resetAfterFork();
  resetWatchAfterFork();
  resetSpawnBreakpointsAfterFork();
}

void initialise() {
  Global &G = global();
  BusyScope Busy;
  const char *Disabled = std::getenv("ASYNCLINT_DISABLE");
  if (Disabled && std::strcmp(Disabled, "1") == 0)
    return;
  const char *Path = std::getenv("ASYNCLINT_EVENTS");
  if (!G.Sink.open(Path && *Path ? Path : "asynclint-events.jsonl"))
    return;

  catalog::Catalog C = catalog::Catalog::builtin();
  nlohmann::json Problems = nlohmann::json::array();
  if (const char *Extra = std::getenv("ASYNCLINT_CATALOG")) {
    for (const std::string &File : catalog::splitList(Extra, ":")) {
      std::string Error;
      if (auto Parsed = catalog::Catalog::fromFile(File, Error))
        C.merge(*Parsed);
      else
        Problems.push_back(Error);
    }
  }
  std::set<std::string> Enabled = requestedCategories(C);
  nlohmann::json Unsupported = nlohmann::json::array();
  nlohmann::json Watched = nlohmann::json::array();
  for (const catalog::BlockingCategory &Category : C.Blocking) {
    if (!Enabled.count(Category.Id))
      continue;
    Watched.push_back(Category.Id);
    for (const std::string &Name : Category.RuntimeSymbols) {
      unsigned I = 0;
      for (; I < static_cast<unsigned>(Sym::Count); ++I)
        if (Name == SymbolNames[I])
          break;
      if (I == static_cast<unsigned>(Sym::Count)) {
        Unsupported.push_back(Name);
        continue;
      }
      // Category names live as long as the process: copy them once.
      if (!G.Categories[I])
        G.Categories[I] = strdup(Category.Id.c_str());
    }
  }

  const char *Every = std::getenv("ASYNCLINT_ALL_CONTEXTS");
  G.EveryContext = Every && std::strcmp(Every, "1") == 0;
  G.Loops = LoopKnowledge::defaults();
  LoopKnowledge::addNames(G.Loops.Dispatch, std::getenv("ASYNCLINT_LOOP_FUNCTIONS"));
  LoopKnowledge::addNames(G.Loops.Internal, std::getenv("ASYNCLINT_LOOP_INTERNALS"));
  LoopKnowledge::addNames(G.Loops.Pool, std::getenv("ASYNCLINT_POOL_FUNCTIONS"));

  // The first backtrace loads the unwinder with dlopen; do it now, not
  // inside a call the program makes while holding its own locks.
  void *Prime[2];
  backtrace(Prime, 2);
  Stack Warm;
  captureStack(Warm);
  pthread_atfork(nullptr, nullptr, afterForkInChild);

  nlohmann::json Start = eventHeader(events::Type::Start);
  char Exe[4096];
  ssize_t N = readlink("/proc/self/exe", Exe, sizeof(Exe) - 1);
  Start["program"] = N > 0 ? std::string(Exe, static_cast<size_t>(N)) : std::string();
  Start["categories"] = Watched;
  if (!Unsupported.empty())
    Start["unsupported_symbols"] = Unsupported;
  if (!Problems.empty())
    Start["catalog_errors"] = Problems;
  Start["watch"] = startWatching(std::getenv("ASYNCLINT_WATCH"));
  // After the watchpoints: the breakpoints take the debug registers left.
  if (nlohmann::json Spawns = startSpawnBreakpoints(std::getenv("ASYNCLINT_SPAWN_SITES"));
      !Spawns.empty())
    Start["spawn_watch"] = Spawns;
  Start["modules"] = nlohmann::json::parse(moduleMapJson());
  G.Ready.store(true, std::memory_order_release);
  emit(Start);
}

// Early, so that other libraries' constructors already run under it; calls
// made before it pass through untouched.
__attribute__((constructor(101))) void runtimeConstructor() { initialise(); }

} // namespace

bool ready() { return global().Ready.load(std::memory_order_acquire); }
bool reportsEveryContext() { return global().EveryContext; }

const char *categoryOf(Sym S) { return global().Categories[static_cast<unsigned>(S)]; }
const char *symbolName(Sym S) { return SymbolNames[static_cast<unsigned>(S)]; }
const LoopKnowledge &loopKnowledge() { return global().Loops; }
const EventSink &events() { return global().Sink; }

void *nextSymbol(const char *Name) {
  // The condition-variable functions have two versions; RTLD_NEXT without a
  // version may pick the 2002 compatibility one, which expects another layout.
  if (std::strncmp(Name, "pthread_cond_", 13) == 0)
    if (void *Versioned = dlvsym(RTLD_NEXT, Name, "GLIBC_2.3.2"))
      return Versioned;
  return dlsym(RTLD_NEXT, Name);
}

} // namespace asynclint::rt
