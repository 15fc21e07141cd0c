// CHECKS: async-unguarded-shared-state
// Locals shared with a thread by reference, and what makes sharing safe.
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

int sum_racy(const std::vector<int> &values) {
  int total = 0;
  std::thread worker([&] { // expect-note: {{the lambda started in 'sum_racy' starts on another thread here}}
    for (int v : values)
      total += v; // expect: async-unguarded-shared-state {{'sum_racy::total' is written in a thread running the lambda started in 'sum_racy' without a lock, while 'sum_racy' (which started the thread) reads it concurrently}}
  });
  std::printf("partial %d\n", total); // expect-note: {{conflicting read of 'sum_racy::total'}}
  worker.join();
  return total; // ok: async-unguarded-shared-state
}

// Ordered by start and join: written before the thread starts, read after it
// is joined.
int sum_joined(const std::vector<int> &values) {
  int total = 0; // ok: async-unguarded-shared-state
  std::thread worker([&] {
    for (int v : values) // ok: async-unguarded-shared-state
      total += v;        // ok: async-unguarded-shared-state
  });
  worker.join();
  return total; // ok: async-unguarded-shared-state
}

// Each thread writes its own slot, picked by an index captured by value.
std::vector<int> squares(int n) {
  std::vector<int> out(n);
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back([&out, i] { out[i] = i * i; }); // ok: async-unguarded-shared-state
  for (std::thread &t : threads)
    t.join();
  return out;
}

// Several threads append to one vector: a container mutation is a write.
std::vector<int> collect_racy(int n) {
  std::vector<int> out;
  // Room for every element up front: the racy push_back can lose one, but
  // never reallocates under another thread (which would corrupt the heap
  // when the program runs).
  out.reserve(2 * n);
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back([&out, i] { out.push_back(i); }); // expect: async-unguarded-shared-state {{'collect_racy::out' is written in a thread running the lambda started in 'collect_racy' without a lock, while another thread running}}
  for (std::thread &t : threads)
    t.join();
  return out;
}

std::vector<int> collect_locked(int n) {
  std::vector<int> out;
  std::mutex m;
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i)
    threads.emplace_back([&out, &m, i] {
      std::lock_guard<std::mutex> lock(m);
      out.push_back(i); // ok: async-unguarded-shared-state
    });
  for (std::thread &t : threads)
    t.join();
  return out;
}

// Read-only sharing, atomics, and by-value captures do not race.
int read_only(const std::vector<int> &values) {
  int limit = 10;
  std::atomic<int> hits{0};
  int scratch = 0;
  std::vector<std::thread> threads;
  for (int k = 0; k < 4; ++k)
    threads.emplace_back([&values, &limit, &hits, scratch]() mutable {
      for (int v : values)
        if (v > limit)   // ok: async-unguarded-shared-state
          ++hits;        // ok: async-unguarded-shared-state
      scratch += limit;  // ok: async-unguarded-shared-state
    });
  for (std::thread &t : threads)
    t.join();
  return hits + scratch;
}

// Writing through an accessor writes the container's element.
int first_racy() {
  std::vector<int> v{1, 2, 3};
  std::thread t([&v] { v.front() = 0; }); // expect: async-unguarded-shared-state {{'first_racy::v' is written in a thread running the lambda started in 'first_racy' without a lock, while 'first_racy' (which started the thread) reads it concurrently}}
  int last = v.back(); // expect-note: {{conflicting read of 'first_racy::v'}}
  t.join();
  return last;
}

int main() {
  std::vector<int> v{1, 2, 3};
  return sum_racy(v) + sum_joined(v) + squares(3)[2] + static_cast<int>(collect_racy(3).size()) +
         static_cast<int>(collect_locked(3).size()) + read_only(v) + first_racy();
}
