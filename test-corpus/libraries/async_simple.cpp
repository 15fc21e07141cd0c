// CHECKS: async-blocking-in-coroutine,async-immediate-await
// NO-RUN
// async_simple 1.4 (mirror: include/async_simple/coro/Lazy.h). Lazy<T> is a
// lazy coroutine; `std::move(lazy).via(executor)` binds it to an executor and
// starts it when awaited; syncAwait blocks; coro::sleep suspends. An
// async_simple executor (SimpleExecutor is a thread pool) is where Lazies run,
// its event loop: dispatching there does not make blocking harmless.
#include <async_simple/coro/Lazy.h>

#include <chrono>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using async_simple::coro::Lazy;

Lazy<int> compute(int x) { co_return x * 2; }

// ---- Blocking ----

Lazy<int> waits_synchronously(async_simple::Executor *executor) {
  int a = async_simple::coro::syncAwait(compute(1));           // expect: async-blocking-in-coroutine {{'async_simple::coro::syncAwait' waits synchronously for another thread inside coroutine 'waits_synchronously'; every other task on its event loop waits until it returns; co_await the Lazy instead of syncAwait}}
  int b = async_simple::coro::syncAwait(compute(2), executor); // expect: async-blocking-in-coroutine {{'async_simple::coro::syncAwait'}}
  co_return a + b;
}

Lazy<int> waits_for_a_future(async_simple::Future<int> future) {
  future.wait();                   // expect: async-blocking-in-coroutine {{'async_simple::Future::wait'}}
  co_return std::move(future).get(); // expect: async-blocking-in-coroutine {{'async_simple::Future::get'}}
}

Lazy<void> sleeps(async_simple::Executor *executor) {
  co_await async_simple::coro::sleep(10ms); // ok: async-blocking-in-coroutine
  std::this_thread::sleep_for(10ms);        // expect: async-blocking-in-coroutine {{inside coroutine 'sleeps'}}
}

Lazy<void> dispatched_to_its_executor(async_simple::executors::SimpleExecutor &executor) {
  co_await async_simple::coro::dispatch(&executor);
  std::this_thread::sleep_for(10ms); // expect: async-blocking-in-coroutine {{inside coroutine 'dispatched_to_its_executor'}}
}

Lazy<int> locks(async_simple::coro::Mutex &mutex, async_simple::coro::SpinLock &spin) {
  auto guard = co_await mutex.coScopedLock(); // ok: async-blocking-in-coroutine
  co_await spin.coLock();                     // ok: async-blocking-in-coroutine
  spin.unlock();
  co_return 1;
}

// ---- Immediate await ----

Lazy<int> one_at_a_time(async_simple::Executor *executor) {
  int a = co_await compute(1).via(executor); // expect: async-immediate-await {{the task started by 'async_simple::coro::Lazy::via' ('compute') is awaited before the next independent one starts: the 2 tasks run one after another instead of concurrently; co_await async_simple::coro::collectAll}}
  int b = co_await compute(2).via(executor);
  co_return a + b;
}

Lazy<int> each_iteration(async_simple::Executor *executor) {
  int total = 0;
  for (int i = 0; i < 3; ++i)
    total += co_await compute(i).via(executor); // expect: async-immediate-await {{collect the lazies in a std::vector in the loop and co_await async_simple::coro::collectAll(std::move(v)) after it}}
  co_return total;
}

Lazy<int> collected(async_simple::Executor *executor) {
  auto [a, b] = co_await async_simple::coro::collectAll(compute(1).via(executor), // ok: async-immediate-await
                                                        compute(2).via(executor));
  co_return a.value() + b.value();
}

Lazy<int> the_second_needs_the_first(async_simple::Executor *executor) {
  int a = co_await compute(1).via(executor); // ok: async-immediate-await
  int b = co_await compute(a).via(executor); // ok: async-immediate-await
  co_return b;
}

Lazy<int> plain_awaits(async_simple::Executor *executor) {
  int a = co_await compute(1); // ok: async-immediate-await (plain awaits; see FlagSequentialAwaits)
  int b = co_await compute(2); // ok: async-immediate-await
  co_return a + b;
}

int main() {
  async_simple::executors::SimpleExecutor executor(2);
  int total = async_simple::coro::syncAwait(waits_synchronously(&executor).via(&executor)); // ok: async-blocking-in-coroutine
  total += async_simple::coro::syncAwait(one_at_a_time(&executor), &executor);
  total += async_simple::coro::syncAwait(each_iteration(&executor), &executor);
  total += async_simple::coro::syncAwait(collected(&executor), &executor);
  total += async_simple::coro::syncAwait(the_second_needs_the_first(&executor), &executor);
  total += async_simple::coro::syncAwait(plain_awaits(&executor), &executor);
  async_simple::coro::syncAwait(sleeps(&executor), &executor);
  async_simple::coro::syncAwait(dispatched_to_its_executor(executor), &executor);
  return total;
}
