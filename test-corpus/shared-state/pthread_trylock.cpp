// CHECKS: async-unguarded-shared-state
// The C try-lock functions hold the lock only where they returned 0:
// `== 0`, `!pthread_mutex_trylock(&m)`, the rest of a block after
// `if (pthread_mutex_trylock(&m) != 0) return`, after a spinning
// `while (pthread_spin_trylock(&s))`. The branch where they failed holds
// nothing.
//
// When run, the schedule is made certain (for the runtime's TSan agreement
// benchmark): the flusher holds the mutex while the sampler's last two
// try-locks fail, so `dropped` and `missed` race in every run, and the
// sampler ends only after the flusher wrote (a joined thread's writes count
// as ordered for the runtime). The two threads take turns through relaxed
// atomics, which order nothing: neither TSan nor the runtime sees a
// happens-before between the racing writes.
#include <pthread.h>
#include <sched.h>

#include <atomic>

pthread_mutex_t stats_mutex = PTHREAD_MUTEX_INITIALIZER;
long sampled = 0;
long skipped = 0;
long flushed = 0;
long dropped = 0;
long missed = 0;

pthread_spinlock_t spin;
long spun = 0;

pthread_rwlock_t table_lock = PTHREAD_RWLOCK_INITIALIZER;
long table_size = 0;
long table_reads = 0;

// The schedule's steps, in order.
std::atomic<int> step{0};
enum { SamplerLocked = 1, FlusherHolds, SamplerFailed, FlusherWrote };
void wait_for(int s) {
  while (step.load(std::memory_order_relaxed) < s)
    sched_yield();
}
void reach(int s) { step.store(s, std::memory_order_relaxed); }

void *sampler(void *) {
  if (pthread_mutex_trylock(&stats_mutex) == 0) {
    ++sampled; // ok: async-unguarded-shared-state
    pthread_mutex_unlock(&stats_mutex);
  }
  if (!pthread_mutex_trylock(&stats_mutex)) {
    ++skipped; // ok: async-unguarded-shared-state
    pthread_mutex_unlock(&stats_mutex);
  }
  if (0 == pthread_mutex_trylock(&stats_mutex)) {
    ++flushed; // ok: async-unguarded-shared-state
    pthread_mutex_unlock(&stats_mutex);
  }
  reach(SamplerLocked);
  wait_for(FlusherHolds);
  // The failed branch: another thread holds the lock right now.
  if (pthread_mutex_trylock(&stats_mutex) != 0) {
    ++dropped; // expect: async-unguarded-shared-state {{'dropped' is written in a thread running 'sampler' without holding 'stats_mutex'}}
  } else {
    pthread_mutex_unlock(&stats_mutex);
  }
  if (pthread_mutex_trylock(&stats_mutex))
    ++missed; // expect: async-unguarded-shared-state {{'missed' is written in a thread running 'sampler' without holding 'stats_mutex'}}
  else
    pthread_mutex_unlock(&stats_mutex);
  reach(SamplerFailed);
  wait_for(FlusherWrote);
  return nullptr;
}

void *flusher(void *) {
  wait_for(SamplerLocked);
  if (pthread_mutex_trylock(&stats_mutex) != 0)
    return nullptr;
  reach(FlusherHolds);
  wait_for(SamplerFailed);
  sampled = 0; // ok: async-unguarded-shared-state
  skipped = 0; // ok: async-unguarded-shared-state
  flushed = 0; // ok: async-unguarded-shared-state
  dropped = 0; // ok: async-unguarded-shared-state
  missed = 0;  // ok: async-unguarded-shared-state
  reach(FlusherWrote);
  pthread_mutex_unlock(&stats_mutex);
  return nullptr;
}

void *spinner(void *) {
  while (pthread_spin_trylock(&spin)) {
  }
  ++spun; // ok: async-unguarded-shared-state
  pthread_spin_unlock(&spin);
  return nullptr;
}

void *table_user(void *) {
  if (pthread_rwlock_trywrlock(&table_lock) == 0) {
    ++table_size; // ok: async-unguarded-shared-state
    pthread_rwlock_unlock(&table_lock);
  }
  // A reader lock excludes writers, not other readers.
  if (pthread_rwlock_tryrdlock(&table_lock) == 0) {
    long size = table_size; // ok: async-unguarded-shared-state
    ++table_reads; // expect: async-unguarded-shared-state {{'table_reads' is written}}
    pthread_rwlock_unlock(&table_lock);
    return reinterpret_cast<void *>(size);
  }
  return nullptr;
}

int main() {
  pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
  pthread_t threads[6];
  pthread_create(&threads[0], nullptr, sampler, nullptr); // expect-note: {{'sampler' starts on another thread here}}
  pthread_create(&threads[1], nullptr, flusher, nullptr);
  pthread_create(&threads[2], nullptr, spinner, nullptr);
  pthread_create(&threads[3], nullptr, spinner, nullptr);
  pthread_create(&threads[4], nullptr, table_user, nullptr);
  pthread_create(&threads[5], nullptr, table_user, nullptr);
  for (pthread_t &t : threads)
    pthread_join(t, nullptr);
}
