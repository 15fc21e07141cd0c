//===--- ThreadRegistry.cpp -----------------------------------------------===//
#include "ThreadRegistry.h"

#include <new>
#include <unistd.h>

namespace asynclint::rt {

ThreadRegistry &ThreadRegistry::get() {
  // Placement in static storage: no allocation, never destroyed.
  alignas(ThreadRegistry) static unsigned char Storage[sizeof(ThreadRegistry)];
  static ThreadRegistry *R = new (Storage) ThreadRegistry;
  return *R;
}

SpawnRecord *ThreadRegistry::allocate() {
  for (SpawnRecord &R : Spawns) {
    int Expected = 0;
    if (R.InUse.compare_exchange_strong(Expected, 1, std::memory_order_acq_rel)) {
      R.StartNs = 0;
      R.EndNs = 0;
      R.Overlapped = false;
      return &R;
    }
  }
  return nullptr;
}

void ThreadRegistry::release(SpawnRecord *R) { R->InUse.store(0, std::memory_order_release); }

void ThreadRegistry::unref(SpawnRecord *R) {
  if (R->Refs.fetch_sub(1, std::memory_order_acq_rel) == 1)
    release(R);
}

SpawnRecord *ThreadRegistry::find(pthread_t Thread) {
  for (SpawnRecord &R : Spawns)
    if (R.InUse.load(std::memory_order_acquire) == 2 && pthread_equal(R.Thread, Thread))
      return &R;
  return nullptr;
}

void ThreadRegistry::started(SpawnRecord *R, pid_t Tid) {
  while (LiveLock.test_and_set(std::memory_order_acquire))
    ;
  bool Others = false;
  for (unsigned I = 0; I < MaxLive; ++I)
    if (SpawnRecord *Other = LiveRecords[I].load(std::memory_order_relaxed)) {
      Other->Overlapped.store(true, std::memory_order_relaxed);
      Others = true;
    }
  if (Others && R)
    R->Overlapped.store(true, std::memory_order_relaxed);
  for (unsigned I = 0; I < MaxLive; ++I)
    if (Live[I].load(std::memory_order_relaxed) == 0) {
      Live[I].store(Tid, std::memory_order_release);
      LiveRecords[I].store(R, std::memory_order_release);
      break;
    }
  for (unsigned I = 0; I < MaxLive; ++I)
    if (Unjoined[I].load(std::memory_order_relaxed) == 0) {
      Unjoined[I].store(Tid, std::memory_order_release);
      break;
    }
  LiveLock.clear(std::memory_order_release);
}

void ThreadRegistry::forget(pid_t Tid) {
  while (LiveLock.test_and_set(std::memory_order_acquire))
    ;
  for (unsigned I = 0; I < MaxLive; ++I)
    if (Unjoined[I].load(std::memory_order_relaxed) == Tid)
      Unjoined[I].store(0, std::memory_order_release);
  LiveLock.clear(std::memory_order_release);
}

void ThreadRegistry::finished(SpawnRecord *R, pid_t Tid) {
  while (LiveLock.test_and_set(std::memory_order_acquire))
    ;
  for (unsigned I = 0; I < MaxLive; ++I)
    if (Live[I].load(std::memory_order_relaxed) == Tid) {
      Live[I].store(0, std::memory_order_release);
      LiveRecords[I].store(nullptr, std::memory_order_release);
      break;
    }
  LiveLock.clear(std::memory_order_release);
}

bool ThreadRegistry::unjoined(pid_t Tid) const {
  if (Tid == getpid())
    return true;
  for (unsigned I = 0; I < MaxLive; ++I)
    if (Unjoined[I].load(std::memory_order_acquire) == Tid)
      return true;
  return false;
}

} // namespace asynclint::rt
