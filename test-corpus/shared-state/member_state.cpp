// CHECKS: async-unguarded-shared-state
// Members reached through an object shared with its threads, and the locks
// that guard them: inconsistent locking is the strongest signal. The lists
// raced on are minilib::bounded_list (never reallocates), so the program's
// own races cannot corrupt its heap when it runs.
#include "third_party/minilib/bounded_list.hpp"

#include <cstddef>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

class Stats {
public:
  void start() {
    a_ = std::thread(&Stats::worker, this); // expect-note: {{'Stats::worker' starts on another thread here}}
    b_ = std::thread(&Stats::worker, this);
  }
  void stop() {
    a_.join();
    b_.join();
  }

private:
  // Called on `this` by the threads: it runs on them, on the shared object.
  void note_retry() {
    ++retries_; // expect: async-unguarded-shared-state {{'Stats::retries_' is written in a thread running 'Stats::worker' without a lock}}
  }

  void worker() {
    note_retry();
    for (int i = 0; i < 1000; ++i) {
      {
        std::lock_guard<std::mutex> lock(mutex_);
        ++count_; // ok: async-unguarded-shared-state
      }
      ++dropped_; // expect: async-unguarded-shared-state {{'Stats::dropped_' is written in a thread running 'Stats::worker' without a lock}}
      log_.push_back('.'); // expect: async-unguarded-shared-state {{'Stats::log_' is written in a thread running 'Stats::worker' without holding 'Stats::mutex_', which guards its other accesses}}
      std::lock_guard<std::mutex> lock(mutex_);
      log_.push_back('!'); // expect-note: {{'Stats::log_' is accessed holding 'Stats::mutex_' here}}
    }
  }

  std::mutex mutex_;
  long count_ = 0;
  long dropped_ = 0;
  long retries_ = 0;
  minilib::bounded_list<char, 4096> log_;
  std::thread a_, b_;
};

// A captured `this`, a unique_lock released early, and a reader-writer lock.
class Cache {
public:
  void run() {
    std::vector<std::thread> threads;
    for (int i = 0; i < 4; ++i)
      threads.emplace_back([this, i] {
        std::unique_lock<std::mutex> lock(mutex_);
        hits_ += i; // ok: async-unguarded-shared-state
        lock.unlock();
        misses_ += i; // expect: async-unguarded-shared-state {{'Cache::misses_' is written in a thread running the lambda started in 'Cache::run' without holding 'Cache::mutex_'}}
        lock.lock();
        misses_ -= 1; // expect-note: {{'Cache::misses_' is accessed holding 'Cache::mutex_' here}}
        {
          std::shared_lock<std::shared_mutex> read(table_mutex_);
          std::size_t n = table_.size(); // ok: async-unguarded-shared-state
          (void)n;
        }
        std::unique_lock<std::shared_mutex> write(table_mutex_);
        table_.push_back(i); // ok: async-unguarded-shared-state
      });
    for (std::thread &t : threads)
      t.join();
  }

private:
  std::mutex mutex_;
  long hits_ = 0;
  long misses_ = 0;
  std::shared_mutex table_mutex_;
  std::vector<int> table_;
};

// A reader lock does not exclude another reader-lock holder that writes.
class Registry {
public:
  void run() {
    std::thread a([this] { add(1); }); // expect-note: {{starts on another thread here}}
    std::thread b([this] { add(2); });
    a.join();
    b.join();
  }

private:
  void add(int id) {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    ids_.push_back(id); // expect: async-unguarded-shared-state {{'Registry::ids_' is written in a thread running the lambda started in 'Registry::run' holding 'Registry::mutex_' only as a reader lock}}
  }

  std::shared_mutex mutex_;
  minilib::bounded_list<int, 4> ids_;
};

// Two mutexes at once, and explicit lock()/unlock().
class Transfer {
public:
  void run() {
    std::thread a([this] { move(1); });
    std::thread b([this] {
      move(2);
      move_back(1);
    });
    a.join();
    b.join();
  }

private:
  void move(int n) {
    {
      std::scoped_lock lock(from_mutex_, to_mutex_);
      from_ -= n; // ok: async-unguarded-shared-state
      to_ += n;   // ok: async-unguarded-shared-state
    }
    to_mutex_.lock();
    to_ += 0; // ok: async-unguarded-shared-state
    to_mutex_.unlock();
  }

  // Deferred guards locked together by std::lock.
  void move_back(int n) {
    std::unique_lock<std::mutex> from(from_mutex_, std::defer_lock);
    std::unique_lock<std::mutex> to(to_mutex_, std::defer_lock);
    std::lock(from, to);
    from_ += n; // ok: async-unguarded-shared-state
    to_ -= n;   // ok: async-unguarded-shared-state
  }

  std::mutex from_mutex_, to_mutex_;
  long from_ = 100, to_ = 0;
};

// Members of an object no thread can see: the threads get their own copies.
struct Local {
  long value = 0;
  void bump() { ++value; } // ok: async-unguarded-shared-state
};

void independent() {
  std::thread a([] {
    Local mine;
    mine.bump();
  });
  std::thread b([] {
    Local mine;
    mine.bump();
    mine.value = 2; // ok: async-unguarded-shared-state
  });
  a.join();
  b.join();
}

int main() {
  Stats s;
  s.start();
  s.stop();
  Cache c;
  c.run();
  Registry r;
  r.run();
  Transfer t;
  t.run();
  independent();
}
