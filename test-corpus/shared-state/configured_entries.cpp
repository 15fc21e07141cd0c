// CHECKS: async-unguarded-shared-state
// CONFIG: {CheckOptions: {async-unguarded-shared-state.ThreadEntryFunctions: 'app::worker_main', async-unguarded-shared-state.LockGuardTypes: 'app::SpinGuard'}}
// A home-grown thread library: the check is told which functions run on
// worker threads (ThreadEntryFunctions) and which RAII type is a lock guard
// (LockGuardTypes; a catalog file's shared_state.lock_guards does the same).
#include <atomic>
#include <thread>

namespace app {

class SpinLock {
public:
  void lock() {
    while (flag_.test_and_set(std::memory_order_acquire))
      std::this_thread::yield();
  }
  void unlock() { flag_.clear(std::memory_order_release); }

private:
  std::atomic_flag flag_ = ATOMIC_FLAG_INIT;
};

class SpinGuard {
public:
  explicit SpinGuard(SpinLock &lock) : lock_(lock) { lock_.lock(); }
  ~SpinGuard() { lock_.unlock(); }

private:
  SpinLock &lock_;
};

SpinLock queue_lock;
int queued = 0;
int processed = 0;

// Started by the framework on every worker thread.
void worker_main() { // expect-note: {{'app::worker_main' runs on several threads (ThreadEntryFunctions)}}
  {
    SpinGuard guard(queue_lock);
    ++queued; // ok: async-unguarded-shared-state
  }
  ++processed; // expect: async-unguarded-shared-state {{'app::processed' is written in a thread running 'app::worker_main' without a lock}}
}

// Not an entry: runs once, on the main thread, before the workers.
void setup() {
  queued = 0;    // ok: async-unguarded-shared-state
  processed = 0; // ok: async-unguarded-shared-state
}

} // namespace app

int main() {
  app::setup();
  app::worker_main();
}
