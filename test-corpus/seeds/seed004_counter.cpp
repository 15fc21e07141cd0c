// CHECKS: async-unguarded-shared-state
// The seed lesson's third mistake (004): `num += i; num -= i` from two threads
// gives a different answer on every run; `with lock:` fixes it.
#include <atomic>
#include <cstdio>
#include <mutex>
#include <thread>

long num = 0;

// When run, the two writers start together (a relaxed gate orders nothing),
// so on a loaded machine one cannot finish before the other starts.
std::atomic<int> writers_started{0};

void run() {
  writers_started.fetch_add(1, std::memory_order_relaxed);
  while (writers_started.load(std::memory_order_relaxed) < 2)
    std::this_thread::yield();
  for (long i = 0; i < 1000000; ++i) {
    num += i; // expect: async-unguarded-shared-state {{'num' is written in a thread running 'run' without a lock, while another thread running 'run' writes it concurrently}}
    num -= i;
  }
}

// The fix: every access under one lock (Python's `with lock:`).
std::mutex lock;
long num1 = 0;

void run1() {
  for (long i = 0; i < 1000000; ++i) {
    std::lock_guard<std::mutex> guard(lock);
    num1 += i; // ok: async-unguarded-shared-state
    num1 -= i; // ok: async-unguarded-shared-state
  }
}

int main() {
  std::thread t1(run); // expect-note: {{'run' starts on another thread here}}
  std::thread t2(run);
  std::thread t3(run1);
  std::thread t4(run1);
  t1.join();
  t2.join();
  t3.join();
  t4.join();
  // Read after every thread is joined: ordered, no race.
  std::printf("%ld %ld\n", num, num1); // ok: async-unguarded-shared-state
}
