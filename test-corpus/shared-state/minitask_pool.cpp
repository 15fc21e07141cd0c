// CHECKS: async-unguarded-shared-state
// minitask: tasks spawned on the single-threaded scheduler share state
// safely; tasks spawned on a thread_pool run on several threads at once.
#include <minitask/task.hpp>

#include <chrono>
#include <cstdio>

using namespace std::chrono_literals;

long on_scheduler = 0;
long on_pool = 0;

minitask::task<void> bump_on_scheduler() {
  for (int i = 0; i < 100; ++i) {
    ++on_scheduler; // ok: async-unguarded-shared-state
    co_await minitask::sleep_for(0ms);
  }
}

minitask::task<void> bump_on_pool() {
  for (int i = 0; i < 100000; ++i)
    ++on_pool; // expect: async-unguarded-shared-state {{'on_pool' is written in a thread running 'bump_on_pool' without a lock, while another thread running 'bump_on_pool' writes it concurrently}}
  co_return;
}

minitask::task<void> main_task(minitask::thread_pool &pool) {
  auto first = minitask::spawn(bump_on_scheduler());
  auto second = minitask::spawn(bump_on_scheduler());
  co_await first;
  co_await second;

  auto a = minitask::spawn(pool, bump_on_pool()); // expect-note: {{'bump_on_pool' starts on another thread here}}
  auto b = minitask::spawn(pool, bump_on_pool());
  co_await a;
  co_await b;
  // Both awaited: the pool tasks are done.
  std::printf("%ld %ld\n", on_scheduler, on_pool); // ok: async-unguarded-shared-state
}

int main() {
  minitask::scheduler s;
  minitask::thread_pool pool(2);
  minitask::sync_wait(s, main_task(pool));
}
