// CHECKS: async-blocking-in-coroutine,async-immediate-await
// NO-RUN
// libcoro 0.16.0 (mirror: include/coro/coro.hpp). coro::sync_wait blocks the
// calling thread; `co_await pool->schedule()` moves a coroutine onto a
// coro::thread_pool, where blocking no longer stalls the scheduler's event
// loop (see IgnorePoolThreads in docs/checks/async-blocking-in-coroutine.md
// for why that is not reported by default); coro::scheduler is the event loop.
#include <coro/coro.hpp>

#include <chrono>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

coro::task<int> compute(int x) { co_return x * 2; }

// ---- Blocking ----

coro::task<int> waits_synchronously(std::unique_ptr<coro::scheduler> &scheduler) {
  co_await scheduler->schedule();
  int a = coro::sync_wait(compute(1)); // expect: async-blocking-in-coroutine {{'coro::sync_wait' waits synchronously for another thread inside coroutine 'waits_synchronously'; every other task on its event loop waits until it returns; co_await the awaitable instead of coro::sync_wait}}
  std::this_thread::sleep_for(1ms);    // expect: async-blocking-in-coroutine {{await the scheduler's timer instead (co_await scheduler->yield_for(d))}}
  co_await scheduler->yield_for(1ms);  // ok: async-blocking-in-coroutine
  co_return a + co_await compute(2);   // ok: async-blocking-in-coroutine
}

coro::task<int> blocks_on_a_pool_worker(std::unique_ptr<coro::thread_pool> &pool) {
  co_await pool->schedule();
  std::this_thread::sleep_for(1ms);   // ok: async-blocking-in-coroutine (on a pool worker)
  std::FILE *f = std::fopen("x", "r"); // ok: async-blocking-in-coroutine
  co_return f != nullptr;
}

// A coroutine awaited only after the move to the pool runs on the pool; one
// also awaited on the event loop does not.
coro::task<int> blocking_step() {
  std::this_thread::sleep_for(1ms); // ok: async-blocking-in-coroutine (only awaited on the pool)
  co_return 1;
}
coro::task<int> shared_step() {
  std::this_thread::sleep_for(1ms); // expect: async-blocking-in-coroutine {{inside coroutine 'shared_step'}}
  co_return 2;
}
coro::task<int> steps_on_the_pool(std::unique_ptr<coro::thread_pool> &pool) {
  int before = co_await shared_step();
  co_await pool->schedule();
  co_return before + co_await blocking_step() + co_await shared_step();
}

// A task handed to the pool runs there.
coro::task<void> long_job() {
  std::this_thread::sleep_for(1ms); // ok: async-blocking-in-coroutine (spawned onto the pool)
  co_return;
}
coro::task<void> hands_a_job_to_the_pool(std::unique_ptr<coro::thread_pool> &pool) {
  auto joined = pool->spawn_joinable(long_job());
  co_await joined;
}

coro::task<int> schedule_without_await(std::unique_ptr<coro::thread_pool> &pool) {
  (void)pool->schedule();            // ok: async-blocking-in-coroutine (an explicit discard is deliberate)
  pool->schedule();                  // expect: async-blocking-in-coroutine {{the awaitable returned by 'coro::thread_pool::schedule' is discarded}}
  std::this_thread::sleep_for(1ms);  // expect: async-blocking-in-coroutine {{inside coroutine 'schedule_without_await'}}
  co_return 0;
}

// ---- Immediate await ----

coro::task<int> one_at_a_time(std::unique_ptr<coro::thread_pool> &pool) {
  int a = co_await pool->schedule(compute(1)); // expect: async-immediate-await {{the task started by 'coro::thread_pool::schedule' ('compute') is awaited before the next independent one starts: the 2 tasks run one after another instead of concurrently; co_await coro::when_all(a(), b())}}
  int b = co_await pool->schedule(compute(2));
  co_return a + b;
}

coro::task<void> log_line(int n) {
  std::printf("%d\n", n);
  co_return;
}

coro::task<void> joinable_one_at_a_time(std::unique_ptr<coro::thread_pool> &pool) {
  co_await pool->spawn_joinable(log_line(1)); // expect: async-immediate-await {{the task started by 'coro::thread_pool::spawn_joinable' ('log_line')}}
  co_await pool->spawn_joinable(log_line(2));
}

coro::task<void> joinable_each_iteration(std::unique_ptr<coro::scheduler> &scheduler) {
  for (int i = 0; i < 3; ++i)
    co_await scheduler->spawn_joinable(log_line(i)); // expect: async-immediate-await {{awaited in the same loop iteration that starts it: the iterations run one after another instead of concurrently; collect the tasks in a std::vector in the loop and co_await coro::when_all(std::move(tasks)) after it}}
}

coro::task<int> with_when_all(std::unique_ptr<coro::thread_pool> &pool) {
  auto results = co_await coro::when_all(pool->schedule(compute(1)), pool->schedule(compute(2))); // ok: async-immediate-await
  co_return 0;
}

coro::task<void> joinable_started_first(std::unique_ptr<coro::thread_pool> &pool) {
  auto first = pool->spawn_joinable(log_line(1));  // ok: async-immediate-await
  auto second = pool->spawn_joinable(log_line(2)); // ok: async-immediate-await
  co_await first;
  co_await second;
}

coro::task<int> switches_then_computes(std::unique_ptr<coro::thread_pool> &pool) {
  co_await pool->schedule(); // ok: async-immediate-await (a switch starts no task)
  co_await pool->schedule(); // ok: async-immediate-await
  co_return co_await compute(3);
}

int main() {
  auto pool = coro::thread_pool::make_unique();
  auto scheduler = coro::scheduler::make_unique();
  int total = coro::sync_wait(waits_synchronously(scheduler)); // ok: async-blocking-in-coroutine (main is no coroutine)
  total += coro::sync_wait(blocks_on_a_pool_worker(pool)) + coro::sync_wait(schedule_without_await(pool));
  total += coro::sync_wait(one_at_a_time(pool)) + coro::sync_wait(with_when_all(pool));
  coro::sync_wait(joinable_one_at_a_time(pool));
  coro::sync_wait(joinable_each_iteration(scheduler));
  coro::sync_wait(joinable_started_first(pool));
  total += coro::sync_wait(steps_on_the_pool(pool));
  coro::sync_wait(hands_a_job_to_the_pool(pool));
  return total + coro::sync_wait(switches_then_computes(pool));
}
