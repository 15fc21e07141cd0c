// CHECKS: async-unguarded-shared-state
// Locks are recognised by what they can do, not by their names: a project's
// own mutex with lock()/unlock() and a locker taking it by pointer (QMutex
// and QMutexLocker's shape), Lock()/Unlock()/ReaderLock() with RAII lockers
// (absl::Mutex's shape), Asio's private mutex and its scoped_lock (the real
// headers), a try_lock() that succeeded, std::try_to_lock and
// std::adopt_lock guards. No catalog entry names any of them. The mutexes
// themselves are never shared state: lock() is not a write.
//
// The lists raced on purpose are minilib::bounded_list, not std::vector: a
// vector reallocating under two threads corrupts the heap when the program
// runs (it crashed 2 runs in 40 under the runtime).
#include "third_party/minilib/bounded_list.hpp"

#include <asio/detail/mutex.hpp>
#include <asio/detail/scoped_lock.hpp>

#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

namespace app {

// QMutex's shape.
class Mutex {
public:
  void lock() {
    while (flag_.test_and_set(std::memory_order_acquire))
      std::this_thread::yield();
  }
  bool tryLock() { return !flag_.test_and_set(std::memory_order_acquire); }
  void unlock() { flag_.clear(std::memory_order_release); }

private:
  std::atomic_flag flag_ = ATOMIC_FLAG_INIT;
};

// QMutexLocker's shape: takes the mutex by pointer, may be unlocked early.
class MutexLocker {
public:
  explicit MutexLocker(Mutex *mutex) : mutex_(mutex) {
    if (mutex_)
      mutex_->lock();
  }
  ~MutexLocker() { unlock(); }
  void unlock() {
    if (mutex_) {
      mutex_->unlock();
      mutex_ = nullptr;
    }
  }

private:
  Mutex *mutex_;
};

// absl::Mutex's shape: capitalised names and a reader side.
class RwMutex {
public:
  void Lock() { writer_.lock(); }
  void Unlock() { writer_.unlock(); }
  void ReaderLock() { readers_.fetch_add(1); }
  void ReaderUnlock() { readers_.fetch_sub(1); }

private:
  Mutex writer_;
  std::atomic<int> readers_{0};
};

class WriterMutexLock {
public:
  explicit WriterMutexLock(RwMutex *mu) : mu_(mu) { mu_->Lock(); }
  ~WriterMutexLock() { mu_->Unlock(); }

private:
  RwMutex *const mu_;
};

class ReaderMutexLock {
public:
  explicit ReaderMutexLock(RwMutex *mu) : mu_(mu) { mu_->ReaderLock(); }
  ~ReaderMutexLock() { mu_->ReaderUnlock(); }

private:
  RwMutex *const mu_;
};

} // namespace app

// A project mutex with a pointer locker: every access to received_ holds it.
class Inbox {
public:
  void run() {
    std::thread a(&Inbox::receive, this); // expect-note: {{'Inbox::receive' starts on another thread here}}
    std::thread b(&Inbox::receive, this);
    a.join();
    b.join();
  }

private:
  void receive() {
    for (int i = 0; i < 100; ++i) {
      {
        app::MutexLocker locker(&mutex_); // ok: async-unguarded-shared-state
        received_.push_back(i);           // ok: async-unguarded-shared-state
      }
      app::MutexLocker locker(&mutex_);
      locker.unlock();
      ++dropped_; // expect: async-unguarded-shared-state {{'Inbox::dropped_' is written in a thread running 'Inbox::receive' without a lock}}
    }
  }

  app::Mutex mutex_;
  std::vector<int> received_;
  long dropped_ = 0;
};

// The absl shape: readers under the reader lock, the writer under the
// writer lock; a write under a reader lock excludes no other writer.
class Table {
public:
  void run() {
    std::thread reader([this] { (void)lookup(1); });
    std::thread writer([this] { insert(2); });
    std::thread sloppy([this] { insert_as_reader(3); }); // expect-note: {{starts on another thread here}}
    reader.join();
    writer.join();
    sloppy.join();
  }

private:
  bool lookup(int key) {
    app::ReaderMutexLock lock(&mu_);
    for (int k : keys_) // ok: async-unguarded-shared-state
      if (k == key)
        return true;
    return false;
  }
  void insert(int key) {
    app::WriterMutexLock lock(&mu_);
    keys_.push_back(key); // ok: async-unguarded-shared-state
  }
  void insert_as_reader(int key) {
    app::ReaderMutexLock lock(&mu_);
    keys_.push_back(key); // expect: async-unguarded-shared-state {{'Table::keys_' is written in a thread running the lambda started in 'Table::run' holding 'Table::mu_' only as a reader lock}}
  }

  app::RwMutex mu_;
  minilib::bounded_list<int, 4> keys_;
};

// Asio's own mutex (pthread-based) and its scoped_lock: the shape a library
// keeps private, and the shape of asio's scheduler's queue.
asio::detail::mutex queue_mutex;
std::vector<int> queue;
long pushed = 0;

void producer(int n) {
  for (int i = 0; i < n; ++i) {
    asio::detail::mutex::scoped_lock lock(queue_mutex); // ok: async-unguarded-shared-state
    queue.push_back(i);                                 // ok: async-unguarded-shared-state
  }
  queue_mutex.lock(); // ok: async-unguarded-shared-state
  ++pushed;           // ok: async-unguarded-shared-state
  queue_mutex.unlock();
}

// The same shape with the lock forgotten.
minilib::bounded_list<int, 32> unguarded_queue;
void careless_producer(int n) {
  for (int i = 0; i < n; ++i)
    unguarded_queue.push_back(i); // expect: async-unguarded-shared-state {{'unguarded_queue' is written in a thread running 'careless_producer' without a lock}}
}

// An adopted lock: lock() first, the guard only releases it.
long adopted = 0;
void adopt(asio::detail::mutex &m) {
  m.lock();
  asio::detail::mutex::scoped_lock lock(m, asio::detail::mutex::scoped_lock::adopt_lock);
  ++adopted; // ok: async-unguarded-shared-state
}

// try_lock(): the branch where it succeeded holds the lock.
std::mutex stats_mutex;
long sampled = 0, skipped = 0, guessed = 0;

void sample() {
  if (stats_mutex.try_lock()) {
    ++sampled; // ok: async-unguarded-shared-state
    stats_mutex.unlock();
  }
  if (!stats_mutex.try_lock())
    return;
  ++skipped; // ok: async-unguarded-shared-state
  stats_mutex.unlock();
  std::unique_lock<std::mutex> maybe(stats_mutex, std::try_to_lock);
  if (maybe.owns_lock())
    ++guessed; // ok: async-unguarded-shared-state
}

long counted = 0;
void count_when_free() {
  std::unique_lock<std::mutex> maybe(stats_mutex, std::try_to_lock);
  if (!maybe)
    return;
  ++counted; // ok: async-unguarded-shared-state
}

// A try_lock() whose result is ignored holds nothing.
long hopeful = 0;
void hope() {
  if (stats_mutex.try_lock())
    stats_mutex.unlock();
  ++hopeful; // expect: async-unguarded-shared-state {{'hopeful' is written in a thread running 'hope' without a lock}}
}

int main() {
  Inbox inbox;
  inbox.run();
  Table table;
  table.run();
  std::thread p1(producer, 10), p2(producer, 10);
  std::thread c1(careless_producer, 10), c2(careless_producer, 10);
  asio::detail::mutex m;
  std::thread a1(adopt, std::ref(m)), a2(adopt, std::ref(m));
  std::thread s1(sample), s2(sample), w1(count_when_free), w2(count_when_free);
  std::thread h1(hope), h2(hope);
  for (std::thread *t : {&p1, &p2, &c1, &c2, &a1, &a2, &s1, &s2, &w1, &w2, &h1, &h2})
    t->join();
  std::printf("%zu %ld %zu\n", queue.size(), pushed, unguarded_queue.size()); // ok: async-unguarded-shared-state
}
