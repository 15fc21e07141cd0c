// CHECKS: async-blocking-in-coroutine,async-immediate-await
// NO-RUN
// cppcoro (mirror: include/cppcoro/cppcoro.hpp). sync_wait blocks;
// `co_await pool.schedule()` moves a coroutine onto a static_thread_pool;
// schedule_on(pool, task) starts the task there when awaited; when_all runs
// tasks together.
#include <cppcoro/cppcoro.hpp>

#include <chrono>
#include <thread>

using namespace std::chrono_literals;

cppcoro::task<int> compute(int x) { co_return x * 2; }

// ---- Blocking ----

cppcoro::task<int> waits_synchronously() {
  int a = cppcoro::sync_wait(compute(1)); // expect: async-blocking-in-coroutine {{'cppcoro::sync_wait' waits synchronously for another thread inside coroutine 'waits_synchronously'; every other task on its event loop waits until it returns; co_await the awaitable instead of cppcoro::sync_wait}}
  co_return a + co_await compute(2);      // ok: async-blocking-in-coroutine
}

cppcoro::task<int> on_the_pool(cppcoro::static_thread_pool &pool) {
  co_await pool.schedule();
  std::this_thread::sleep_for(1ms); // ok: async-blocking-in-coroutine
  co_return 1;
}

cppcoro::task<int> forgets_the_co_await(cppcoro::static_thread_pool &pool) {
  pool.schedule();                  // expect: async-blocking-in-coroutine {{the awaitable returned by 'cppcoro::static_thread_pool::schedule' is discarded}}
  std::this_thread::sleep_for(1ms); // expect: async-blocking-in-coroutine {{await the scheduler's timer instead}}
  co_return 1;
}

cppcoro::task<int> locks(cppcoro::async_mutex &mutex) {
  auto guard = co_await mutex.scoped_lock_async(); // ok: async-blocking-in-coroutine
  co_return 1;
}

// ---- Immediate await ----

cppcoro::task<int> one_at_a_time(cppcoro::static_thread_pool &pool) {
  int a = co_await cppcoro::schedule_on(pool, compute(1)); // expect: async-immediate-await {{the task started by 'cppcoro::schedule_on' ('compute') is awaited before the next independent one starts: the 2 tasks run one after another instead of concurrently; co_await cppcoro::when_all(a(), b())}}
  int b = co_await cppcoro::schedule_on(pool, compute(2));
  co_return a + b;
}

cppcoro::task<int> together(cppcoro::static_thread_pool &pool) {
  auto [a, b] = co_await cppcoro::when_all(cppcoro::schedule_on(pool, compute(1)), // ok: async-immediate-await
                                           cppcoro::schedule_on(pool, compute(2)));
  co_return a + b;
}

cppcoro::task<int> dependent(cppcoro::static_thread_pool &pool) {
  int a = co_await cppcoro::schedule_on(pool, compute(1)); // ok: async-immediate-await
  int b = co_await cppcoro::schedule_on(pool, compute(a)); // ok: async-immediate-await
  co_return b;
}

int main() {
  cppcoro::static_thread_pool pool;
  int total = cppcoro::sync_wait(waits_synchronously()) + cppcoro::sync_wait(on_the_pool(pool));
  total += cppcoro::sync_wait(forgets_the_co_await(pool));
  total += cppcoro::sync_wait(one_at_a_time(pool)) + cppcoro::sync_wait(together(pool));
  return total + cppcoro::sync_wait(dependent(pool));
}
