// CHECKS: async-unguarded-shared-state
// The C try-lock functions hold the lock only where they returned 0:
// `== 0`, `!pthread_mutex_trylock(&m)`, the rest of a block after
// `if (pthread_mutex_trylock(&m) != 0) return`, after a spinning
// `while (pthread_spin_trylock(&s))`. The branch where they failed holds
// nothing.
#include <pthread.h>

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
  return nullptr;
}

void *flusher(void *) {
  if (pthread_mutex_trylock(&stats_mutex) != 0)
    return nullptr;
  sampled = 0; // ok: async-unguarded-shared-state
  skipped = 0; // ok: async-unguarded-shared-state
  flushed = 0; // ok: async-unguarded-shared-state
  dropped = 0; // ok: async-unguarded-shared-state
  missed = 0;  // ok: async-unguarded-shared-state
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
