//===--- ThreadRegistry.h - threads started under the runtime -------------===//
//
// Bounded tables, usable from signal handlers: which threads are alive, and
// for each spawn its timing and whether anything else ran beside it (the
// serialization check: a spawn that overlapped with nothing before it was
// waited for gained nothing from being a spawn).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Stack.h"
#include "ThreadState.h"

#include <atomic>
#include <cstdint>
#include <pthread.h>
#include <sys/types.h>

namespace asynclint::rt {

struct SpawnRecord {
  /// 0 free, 1 being created, 2 joinable (found by pthread_join), 3 detached.
  std::atomic<int> InUse{0};
  /// The thread and its joiner (or detacher) each drop one reference; the
  /// last one frees the record, so a detached thread never finds its record
  /// reused under it.
  std::atomic<int> Refs{0};
  void *(*Start)(void *) = nullptr;
  void *Arg = nullptr;
  pid_t Creator = 0;
  uint64_t Seq = 0;
  uint64_t CreatedNs = 0, CreatorCpuAtCreate = 0, CreatorActivityAtCreate = 0;
  std::atomic<uint64_t> StartNs{0}, EndNs{0};
  /// Another spawned thread ran at some point during this one's life.
  std::atomic<bool> Overlapped{false};
  pthread_t Thread{};
  pid_t Tid = 0; ///< the thread's kernel id, once it runs
  Ancestor Line[MaxAncestors];
  int LineCount = 0;
  bool LineUnknown = false;
  Stack SpawnStack;
};

class ThreadRegistry {
public:
  static constexpr unsigned MaxSpawns = 1024;
  static constexpr unsigned MaxLive = 256;

  static ThreadRegistry &get();

  /// A free record, or null when all are in use (the spawn goes untracked).
  SpawnRecord *allocate();
  void release(SpawnRecord *R);
  /// Drops one reference to \p R, freeing it with the last.
  void unref(SpawnRecord *R);
  SpawnRecord *find(pthread_t Thread);

  /// The spawned thread \p R begins (ends) running on kernel thread \p Tid.
  void started(SpawnRecord *R, pid_t Tid);
  void finished(SpawnRecord *R, pid_t Tid);

  /// Whether no thread has joined (or detached) thread \p Tid yet: the
  /// process's main thread, or a thread started under the runtime whose end
  /// nothing has waited for. Such a thread's accesses are ordered before no
  /// other thread's by a join.
  bool unjoined(pid_t Tid) const;
  /// Thread \p Tid was joined or detached.
  void forget(pid_t Tid);
  /// In a forked child: a lock held by a parent thread that does not exist
  /// there would never be released.
  void resetAfterFork() { LiveLock.clear(std::memory_order_release); }

  /// Spawns so far; a thread created at sequence N saw every access made
  /// while the count was below N happen before it.
  uint64_t spawnSequence() const { return Sequence.load(std::memory_order_acquire); }
  uint64_t nextSequence() { return Sequence.fetch_add(1, std::memory_order_acq_rel) + 1; }

private:
  SpawnRecord Spawns[MaxSpawns];
  std::atomic<pid_t> Live[MaxLive] = {};
  std::atomic<SpawnRecord *> LiveRecords[MaxLive] = {};
  std::atomic<pid_t> Unjoined[MaxLive] = {};
  std::atomic_flag LiveLock = ATOMIC_FLAG_INIT;
  std::atomic<uint64_t> Sequence{0};
};

} // namespace asynclint::rt
