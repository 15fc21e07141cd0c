//===--- InterposeLocks.cpp - locksets, and mutex waits as blocking -------===//
//
// The lock wrappers keep the set of locks each thread holds (for the shared
// state verification, only while a variable is watched: mutexes, reader and
// writer locks, spin locks) and time mutex acquisition when the "mutex"
// blocking category is enabled.
//
//===----------------------------------------------------------------------===//
#include "BlockingCall.h"
#include "ThreadState.h"
#include "Watch.h"

#include <pthread.h>

using namespace asynclint::rt;

namespace {

void acquired(const void *Lock) {
  if (!tracksLocks())
    return;
  noteAcquire();
  ThreadState &T = self();
  if (T.HeldCount >= MaxHeldLocks) {
    T.LocksOverflow = true;
    return;
  }
  T.HeldLocks[T.HeldCount] = Lock;
  // The watchpoint handler may read the set between these two stores.
  std::atomic_signal_fence(std::memory_order_release);
  ++T.HeldCount;
}

void released(const void *Lock) {
  if (!tracksLocks())
    return;
  noteRelease();
  ThreadState &T = self();
  for (int I = T.HeldCount - 1; I >= 0; --I) {
    if (T.HeldLocks[I] != Lock)
      continue;
    for (int J = I; J + 1 < T.HeldCount; ++J)
      T.HeldLocks[J] = T.HeldLocks[J + 1];
    std::atomic_signal_fence(std::memory_order_release);
    --T.HeldCount;
    return;
  }
  // Released a lock taken before tracking began or past the bound: the set
  // is no longer known exactly.
  if (T.LocksOverflow && T.HeldCount == 0)
    T.LocksOverflow = false;
}

/// glibc's spin lock is a volatile int: its address names the lock.
const void *spinLockId(pthread_spinlock_t *Lock) { return const_cast<const int *>(Lock); }

} // namespace

// Exported whatever -fvisibility says: these are the interposed functions.
#pragma GCC visibility push(default)
extern "C" {

int pthread_mutex_lock(pthread_mutex_t *Mutex) {
  static auto *Real = real<decltype(&::pthread_mutex_lock)>("pthread_mutex_lock");
  int Result;
  {
    BlockingCall Call(Sym::PthreadMutexLock);
    Result = Real(Mutex);
  }
  if (Result == 0)
    acquired(Mutex);
  return Result;
}

int pthread_mutex_trylock(pthread_mutex_t *Mutex) {
  static auto *Real = real<decltype(&::pthread_mutex_trylock)>("pthread_mutex_trylock");
  int Result = Real(Mutex);
  if (Result == 0)
    acquired(Mutex);
  return Result;
}

int pthread_mutex_timedlock(pthread_mutex_t *Mutex, const struct timespec *Deadline) {
  static auto *Real = real<decltype(&::pthread_mutex_timedlock)>("pthread_mutex_timedlock");
  int Result = Real(Mutex, Deadline);
  if (Result == 0)
    acquired(Mutex);
  return Result;
}

int pthread_mutex_unlock(pthread_mutex_t *Mutex) {
  static auto *Real = real<decltype(&::pthread_mutex_unlock)>("pthread_mutex_unlock");
  released(Mutex);
  return Real(Mutex);
}

int pthread_rwlock_rdlock(pthread_rwlock_t *Lock) {
  static auto *Real = real<decltype(&::pthread_rwlock_rdlock)>("pthread_rwlock_rdlock");
  int Result;
  {
    BlockingCall Call(Sym::PthreadRwlockRdlock);
    Result = Real(Lock);
  }
  if (Result == 0)
    acquired(Lock);
  return Result;
}

int pthread_rwlock_wrlock(pthread_rwlock_t *Lock) {
  static auto *Real = real<decltype(&::pthread_rwlock_wrlock)>("pthread_rwlock_wrlock");
  int Result;
  {
    BlockingCall Call(Sym::PthreadRwlockWrlock);
    Result = Real(Lock);
  }
  if (Result == 0)
    acquired(Lock);
  return Result;
}

int pthread_rwlock_tryrdlock(pthread_rwlock_t *Lock) {
  static auto *Real = real<decltype(&::pthread_rwlock_tryrdlock)>("pthread_rwlock_tryrdlock");
  int Result = Real(Lock);
  if (Result == 0)
    acquired(Lock);
  return Result;
}

int pthread_rwlock_trywrlock(pthread_rwlock_t *Lock) {
  static auto *Real = real<decltype(&::pthread_rwlock_trywrlock)>("pthread_rwlock_trywrlock");
  int Result = Real(Lock);
  if (Result == 0)
    acquired(Lock);
  return Result;
}

int pthread_rwlock_unlock(pthread_rwlock_t *Lock) {
  static auto *Real = real<decltype(&::pthread_rwlock_unlock)>("pthread_rwlock_unlock");
  released(Lock);
  return Real(Lock);
}

// Spin locks spin in user space: no blocking call to time, only the lockset.
int pthread_spin_lock(pthread_spinlock_t *Lock) {
  static auto *Real = real<decltype(&::pthread_spin_lock)>("pthread_spin_lock");
  int Result = Real(Lock);
  if (Result == 0)
    acquired(spinLockId(Lock));
  return Result;
}

int pthread_spin_trylock(pthread_spinlock_t *Lock) {
  static auto *Real = real<decltype(&::pthread_spin_trylock)>("pthread_spin_trylock");
  int Result = Real(Lock);
  if (Result == 0)
    acquired(spinLockId(Lock));
  return Result;
}

int pthread_spin_unlock(pthread_spinlock_t *Lock) {
  static auto *Real = real<decltype(&::pthread_spin_unlock)>("pthread_spin_unlock");
  released(spinLockId(Lock));
  return Real(Lock);
}

} // extern "C"
#pragma GCC visibility pop
