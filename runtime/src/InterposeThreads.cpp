//===--- InterposeThreads.cpp - spawns, joins and serialized work ---------===//
//
// pthread_create is where std::thread, std::jthread and std::async start
// their work, pthread_join where they wait for it. A spawn whose thread ran
// while no other spawned thread ran, and whose creator did (almost) nothing
// between creating and joining it, overlapped with nothing: the program
// would have run as fast calling the function directly. That is reported
// as a "serialized-spawn" event with the spawn and the wait stacks.
//
//===----------------------------------------------------------------------===//
#include "BlockingCall.h"
#include "Clock.h"
#include "Events.h"
#include "ThreadRegistry.h"
#include "ThreadState.h"

#include <pthread.h>
#include <unistd.h>

using namespace asynclint::rt;
namespace events = asynclint::events;

namespace {

/// The creator may spend this share of the thread's running time between
/// create and join (bookkeeping, a log line) and still count as idle.
constexpr uint64_t IdleShareDivisor = 10;

void threadEnded(void *Data) {
  auto *R = static_cast<SpawnRecord *>(Data);
  R->EndNs.store(nowNs(), std::memory_order_release);
  BusyScope Busy; // the registry's lock: no handler may leave it held
  ThreadRegistry::get().finished(R, currentTid());
  ThreadRegistry::get().unref(R);
}

void *trampoline(void *Data) {
  auto *R = static_cast<SpawnRecord *>(Data);
  ThreadState &T = self();
  for (int I = 0; I < R->LineCount; ++I)
    T.Ancestors[I] = R->Line[I];
  T.AncestorCount = R->LineCount;
  T.AncestorsUnknown = R->LineUnknown;
  R->Tid = currentTid();
  {
    BusyScope Busy;
    recordStackBounds(T);
    R->StartNs.store(nowNs(), std::memory_order_release);
    ThreadRegistry::get().started(R, currentTid());
  }
  void *Result = nullptr;
  // The cleanup handler also runs when the thread calls pthread_exit or is
  // cancelled, so the end is always recorded.
  pthread_cleanup_push(threadEnded, R);
  Result = R->Start(R->Arg);
  pthread_cleanup_pop(1);
  return Result;
}

void reportIfSerialized(SpawnRecord *R, uint64_t CreatorCpuGap) {
  uint64_t Start = R->StartNs.load(std::memory_order_acquire);
  uint64_t End = R->EndNs.load(std::memory_order_acquire);
  if (Start == 0 || End < Start || R->Overlapped.load(std::memory_order_relaxed))
    return;
  uint64_t Ran = End - Start;
  if (CreatorCpuGap * IdleShareDivisor > Ran)
    return;
  Stack Wait;
  captureStack(Wait);
  nlohmann::json Event = eventHeader(events::Type::SerializedSpawn);
  Event["symbol"] = "pthread_create";
  Event["duration_ns"] = Ran;
  Event["creator_cpu_ns"] = CreatorCpuGap;
  Event["spawn_stack"] = stackJson(R->SpawnStack);
  Event["wait_stack"] = stackJson(Wait);
  emit(Event);
}

} // namespace

// Exported whatever -fvisibility says: these are the interposed functions.
#pragma GCC visibility push(default)
extern "C" {

int pthread_create(pthread_t *Thread, const pthread_attr_t *Attr, void *(*Start)(void *),
                   void *Arg) {
  static auto *Real = real<decltype(&::pthread_create)>("pthread_create");
  if (!ready() || self().Busy || inSignalHandler())
    return Real(Thread, Attr, Start, Arg);
  ThreadRegistry &Registry = ThreadRegistry::get();
  SpawnRecord *R = Registry.allocate();
  if (!R)
    return Real(Thread, Attr, Start, Arg);
  {
    BusyScope Busy;
    R->Start = Start;
    R->Arg = Arg;
    R->Creator = currentTid();
    R->Seq = Registry.nextSequence();
    // The new thread's creators: this thread (at this spawn), then this
    // thread's own creators.
    const ThreadState &Me = self();
    R->Line[0] = Ancestor{currentTid(), R->Seq};
    R->LineCount = 1;
    for (int I = 0; I < Me.AncestorCount && R->LineCount < MaxAncestors; ++I)
      R->Line[R->LineCount++] = Me.Ancestors[I];
    bool CreatorUntracked = Me.AncestorCount == 0 && currentTid() != getpid();
    R->LineUnknown = Me.AncestorsUnknown || CreatorUntracked || Me.AncestorCount + 1 > MaxAncestors;
    captureStack(R->SpawnStack);
    R->CreatedNs = nowNs();
    R->CreatorCpuAtCreate = threadCpuNs();
    // Spawning is activity for the spawns already running, not this one.
    R->CreatorActivityAtCreate = ++self().Activity;
  }
  R->Refs.store(2, std::memory_order_release);
  int Result = Real(Thread, Attr, trampoline, R);
  if (Result != 0) {
    Registry.release(R);
    return Result;
  }
  R->Thread = *Thread;
  int Creating = 1;
  // Findable by pthread_join and pthread_detach from now on.
  R->InUse.compare_exchange_strong(Creating, 2, std::memory_order_acq_rel);
  return Result;
}

int pthread_join(pthread_t Thread, void **Result) {
  static auto *Real = real<decltype(&::pthread_join)>("pthread_join");
  SpawnRecord *R = nullptr;
  bool Serial = false;
  uint64_t CreatorCpuGap = 0;
  if (ready() && !self().Busy && !inSignalHandler()) {
    R = ThreadRegistry::get().find(Thread);
    // Only the creator's own join can show that it had nothing else to do:
    // it waited for nothing else between the spawn and this join.
    Serial = R && R->Creator == currentTid() && self().Activity == R->CreatorActivityAtCreate;
    if (Serial)
      CreatorCpuGap = threadCpuNs() - R->CreatorCpuAtCreate;
  }
  int Status;
  {
    BlockingCall Call(Sym::PthreadJoin);
    Status = Real(Thread, Result);
  }
  if (R && Status == 0) {
    BusyScope Busy;
    if (Serial)
      reportIfSerialized(R, CreatorCpuGap);
    R->InUse.store(3, std::memory_order_release); // joined: not findable
    ThreadRegistry::get().forget(R->Tid);
    ThreadRegistry::get().unref(R);
  }
  return Status;
}

int pthread_detach(pthread_t Thread) {
  static auto *Real = real<decltype(&::pthread_detach)>("pthread_detach");
  SpawnRecord *R = ready() ? ThreadRegistry::get().find(Thread) : nullptr;
  int Status = Real(Thread);
  if (R && Status == 0) {
    BusyScope Busy;
    R->InUse.store(3, std::memory_order_release);
    // What a detached thread did is ordered by whatever it signals, which
    // the runtime cannot see: its writes confirm no race from now on.
    ThreadRegistry::get().forget(R->Tid);
    ThreadRegistry::get().unref(R);
  }
  return Status;
}

} // extern "C"
#pragma GCC visibility pop
