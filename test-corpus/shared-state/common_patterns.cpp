// CHECKS: async-unguarded-shared-state
// Everyday thread code that is correct: none of it may be flagged.
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <functional>
#include <future>
#include <iostream>
#include <mutex>
#include <queue>
#include <thread>
#include <vector>

// A work queue: every access to the queue and the flag under one mutex, the
// wait predicate included.
class WorkQueue {
public:
  explicit WorkQueue(int threads) {
    for (int i = 0; i < threads; ++i)
      workers_.emplace_back([this] { loop(); });
  }
  ~WorkQueue() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true; // ok: async-unguarded-shared-state
    }
    ready_.notify_all();
    for (std::thread &t : workers_)
      t.join();
  }
  void push(std::function<void()> job) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      jobs_.push(std::move(job)); // ok: async-unguarded-shared-state
    }
    ready_.notify_one();
  }

private:
  void loop() {
    while (true) {
      std::function<void()> job;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        ready_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
        if (stopping_ && jobs_.empty()) // ok: async-unguarded-shared-state
          return;
        job = std::move(jobs_.front()); // ok: async-unguarded-shared-state
        jobs_.pop();                    // ok: async-unguarded-shared-state
      }
      job();
      ++done_; // ok: async-unguarded-shared-state
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::queue<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::atomic<int> done_{0};
  std::vector<std::thread> workers_;
};

// Configuration written before the threads start, only read by them.
int verbosity = 0;
std::once_flag banner_once;

void report(int id) {
  std::call_once(banner_once, [] { std::puts("workers up"); });
  if (verbosity > 1) // ok: async-unguarded-shared-state
    std::cout << "worker " << id << '\n'; // ok: async-unguarded-shared-state
}

// Each thread writes a global of its own.
long left_total = 0, right_total = 0;
void sum_left() { left_total += 1; }   // ok: async-unguarded-shared-state
void sum_right() { right_total += 1; } // ok: async-unguarded-shared-state

// A static member function as entry, writing a slot picked by its argument.
struct Slots {
  static int values[8];
  static void fill(int slot) { values[slot] = slot; } // ok: async-unguarded-shared-state
};
int Slots::values[8];

// The spawner only reads what the thread only reads.
int read_both() {
  std::vector<int> input{1, 2, 3};
  int seen = 0;
  std::thread reader([&input, &seen]() mutable {
    (void)seen;
    for (int v : input) // ok: async-unguarded-shared-state
      (void)v;
  });
  int first = input.front(); // ok: async-unguarded-shared-state
  reader.join();
  return first + seen;
}

// A future returned to the caller is waited for there; one task at a time.
long produced = 0;
int produce() { return static_cast<int>(++produced); } // ok: async-unguarded-shared-state
std::future<int> start_producing() { return std::async(std::launch::async, produce); }
int consume() {
  std::future<int> f = start_producing();
  return f.get();
}

// Accesses spelled through a macro are located where the macro expands.
#define BUMP(x) ++(x)
std::mutex macro_mutex;
long macro_count = 0;
void bump_in_macro() {
  std::lock_guard<std::mutex> lock(macro_mutex);
  BUMP(macro_count); // ok: async-unguarded-shared-state
}

int main() {
  verbosity = 2; // ok: async-unguarded-shared-state
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back(report, i);
  threads.emplace_back(sum_left);
  threads.emplace_back(sum_right);
  for (int i = 0; i < 8; ++i)
    threads.emplace_back(&Slots::fill, i);
  for (std::thread &t : threads)
    t.join();
  {
    WorkQueue queue(2);
    queue.push([] { std::puts("job"); });
  }
  std::thread m1(bump_in_macro), m2(bump_in_macro);
  m1.join();
  m2.join();
  return read_both() + consume();
}
