// CHECKS: async-unguarded-shared-state
// Code that no other thread can overlap, though it touches shared objects:
// the last owner of an atomic reference count (the shape of libunifex's
// when_all and of intrusive reference counts), constructors and destructors
// and the members they initialise (RacerD's rule), objects each thread
// builds for itself (async_simple's Try), and the handler that runs when a
// thread could not be started. Each shape once more with its protection
// removed.
#include <atomic>
#include <cstdio>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <vector>

// when_all: each element completes on its own thread; the one whose
// decrement leaves zero delivers the result.
class WhenAll {
public:
  explicit WhenAll(int count) : refs_(count), values_(count) {}

  void element_complete(int index, int value) {
    values_[index] = value; // ok: async-unguarded-shared-state
    if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1)
      deliver();
  }

  long total() const { return total_; }

private:
  void deliver() {
    for (int v : values_) // ok: async-unguarded-shared-state
      total_ += v;        // ok: async-unguarded-shared-state
    delivered_ = true;    // ok: async-unguarded-shared-state
  }

  std::atomic<int> refs_;
  std::vector<int> values_;
  long total_ = 0;
  bool delivered_ = false;
};

long gather() {
  WhenAll op(3);
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i)
    threads.emplace_back([&op, i] { op.element_complete(i, i * i); });
  for (std::thread &t : threads)
    t.join();
  return op.total();
}

// The same without the count: every element delivers.
class WhenAllUnchecked {
public:
  explicit WhenAllUnchecked(int count) : values_(count) {}
  void element_complete(int index, int value) {
    values_[index] = value;
    deliver();
  }

private:
  void deliver() {
    total_ = 0; // expect: async-unguarded-shared-state {{'gather_unchecked::op.total_' is written in a thread running the lambda started in 'gather_unchecked' without a lock}}
    for (int v : values_)
      total_ += v;
  }

  std::vector<int> values_;
  long total_ = 0;
};

void gather_unchecked() {
  WhenAllUnchecked op(3);
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i)
    threads.emplace_back([&op, i] { op.element_complete(i, i); }); // expect-note: {{starts on another thread here, more than once}}
  for (std::thread &t : threads)
    t.join();
}

// An intrusive reference count: whoever drops the last reference cleans up.
struct Session {
  std::atomic<int> refs{2};
  std::vector<char> buffer;
  int closed = 0;

  void release() {
    if (--refs != 0)
      return;
    buffer.clear(); // ok: async-unguarded-shared-state
    ++closed;       // ok: async-unguarded-shared-state
  }
  void release_relaxed() {
    if (refs.fetch_sub(1, std::memory_order_acq_rel) > 1)
      return;
    buffer.clear(); // ok: async-unguarded-shared-state
  }
};

Session session;
void drop_reference() { session.release(); }
void drop_reference_relaxed() { session.release_relaxed(); }

// A plain int is no reference count: both threads may see zero.
struct PlainSession {
  int refs = 2;
  int closed = 0;
  void release() {
    if (--refs != 0) // expect: async-unguarded-shared-state {{'plain.refs' is written in a thread running 'drop_plain' without a lock}}
      return;
    ++closed; // expect: async-unguarded-shared-state {{'plain.closed' is written in a thread running 'drop_plain' without a lock}}
  }
};

PlainSession plain;
void drop_plain() { plain.release(); }

// Constructors and destructors: the object is not shared yet, or no longer.
class Worker {
public:
  explicit Worker(int limit) : limit_(limit) {
    name_ = "worker"; // ok: async-unguarded-shared-state
    thread_ = std::thread(&Worker::run, this);
  }
  ~Worker() {
    stop();
    thread_.join();
    processed_ = 0; // ok: async-unguarded-shared-state
  }
  void stop() {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true; // ok: async-unguarded-shared-state
  }

private:
  void run() {
    while (true) {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stopping_ || processed_ >= limit_) // ok: async-unguarded-shared-state
        return;
      ++processed_;                   // ok: async-unguarded-shared-state
      (void)name_;                    // ok: async-unguarded-shared-state
    }
  }

  int limit_;
  const char *name_ = nullptr;
  std::mutex mutex_;
  bool stopping_ = false;
  long processed_ = 0;
  std::thread thread_;
};

// A constructor that starts the thread and then writes what it reads: the
// object is shared from the start on.
class EagerWorker {
public:
  EagerWorker() {
    thread_ = std::thread(&EagerWorker::run, this); // expect-note: {{'EagerWorker::run' starts on another thread here}}
    ready_ = true; // expect: async-unguarded-shared-state {{'EagerWorker::ready_' is written in 'EagerWorker::EagerWorker' (which started the thread) without a lock, while a thread running 'EagerWorker::run' reads it concurrently}}
  }
  ~EagerWorker() { thread_.join(); }

private:
  void run() {
    while (!ready_) // expect-note: {{conflicting read of 'EagerWorker::ready_' in a thread running 'EagerWorker::run'}}
      std::this_thread::yield();
  }

  bool ready_ = false;
  std::thread thread_;
};

// async_simple's Try: every thread builds its own; its constructor writes
// the member that value() reads.
template <typename T> class Try {
public:
  Try() = default;
  explicit Try(T value) { value_.emplace(value); }
  bool available() const { return value_.has_value(); }
  T &value() { return *value_; }
  void set(T value) {
    value_ = value; // expect: async-unguarded-shared-state {{'shared_try.value_' is written in a thread running 'compute_shared' without a lock}}
  }

private:
  std::optional<T> value_;
};

long results = 0;
std::mutex results_mutex;
void compute(int n) {
  Try<int> mine(n * 2);
  mine.set(mine.value() + 1); // ok: async-unguarded-shared-state
  std::lock_guard<std::mutex> lock(results_mutex);
  results += mine.available() ? mine.value() : 0;
}

// The same Try shared by the threads is shared state.
Try<int> shared_try;
void compute_shared(int n) {
  shared_try.set(n);
}

// The handler of a thread start that failed runs with no thread running.
class Pool {
public:
  bool start() {
    try {
      worker_ = std::thread(&Pool::loop, this);
    } catch (const std::system_error &) {
      running_ = false; // ok: async-unguarded-shared-state
      return false;
    }
    return true;
  }
  void join() { worker_.join(); }

private:
  void loop() {
    // Bounded, so that the program ends when it runs (benchmarks run it).
    for (int spins = 0; running_ && spins < 1000; ++spins) // ok: async-unguarded-shared-state
      std::this_thread::yield();
  }

  bool running_ = true;
  std::thread worker_;
};

// Written after the start succeeded: the thread runs.
class LeakyPool {
public:
  bool start() {
    try {
      worker_ = std::thread(&LeakyPool::loop, this); // expect-note: {{'LeakyPool::loop' starts on another thread here}}
    } catch (const std::exception &) {
      return false;
    }
    running_ = false; // expect: async-unguarded-shared-state {{'LeakyPool::running_' is written in 'LeakyPool::start' (which started the thread) without a lock}}
    return true;
  }
  void join() { worker_.join(); }

private:
  void loop() {
    while (running_) // expect-note: {{conflicting read of 'LeakyPool::running_'}}
      std::this_thread::yield();
  }

  bool running_ = true;
  std::thread worker_;
};

int main() {
  std::printf("%ld\n", gather());
  gather_unchecked();
  std::thread r1(drop_reference), r2(drop_reference_relaxed);
  std::thread p1(drop_plain), p2(drop_plain); // expect-note: {{'drop_plain' starts on another thread here}}
  r1.join();
  r2.join();
  p1.join();
  p2.join();
  { Worker w(10); }
  { EagerWorker e; }
  std::thread c1(compute, 1), c2(compute, 2);
  std::thread s1(compute_shared, 1), s2(compute_shared, 2); // expect-note: {{'compute_shared' starts on another thread here}}
  c1.join();
  c2.join();
  s1.join();
  s2.join();
  Pool pool;
  if (pool.start())
    pool.join();
  LeakyPool leaky;
  if (leaky.start())
    leaky.join();
  std::printf("%ld\n", results);
}
