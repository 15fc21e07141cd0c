// CHECKS: async-blocking-in-coroutine,async-immediate-await
// NO-RUN
// folly::coro (mirror: include/folly/coro/Task.h). blockingWait blocks the
// calling thread; co_withExecutor(ex, task) binds a task to an executor and
// starts it when awaited; collectAll runs tasks together; coro::sleep and
// coro::Mutex suspend. folly's executors run the coroutines themselves, so
// none of them is a place to block.
#include <folly/coro/Task.h>

#include <chrono>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using folly::coro::Task;

Task<int> compute(int x) { co_return x * 2; }

// ---- Blocking ----

Task<int> waits_synchronously() {
  int a = folly::coro::blockingWait(compute(1)); // expect: async-blocking-in-coroutine {{'folly::coro::blockingWait' waits synchronously for another thread inside coroutine 'waits_synchronously'; every other task on its event loop waits until it returns; co_await the task instead of blockingWait}}
  int b = folly::coro::blocking_wait(compute(2)); // expect: async-blocking-in-coroutine {{'folly::coro::blocking_wait'}}
  co_return a + b + co_await compute(3);           // ok: async-blocking-in-coroutine
}

Task<int> waits_for_a_future(folly::Executor *executor) {
  auto future = folly::coro::co_withExecutor(executor, compute(1)).start(); // expect: async-immediate-await {{'folly::coro::TaskWithExecutor::start' starts 'compute' concurrently, but 'future' is waited for right after}}
  co_return std::move(future).get(); // expect: async-blocking-in-coroutine {{'folly::SemiFuture::get'}}
}

Task<void> sleeps() {
  co_await folly::coro::sleep(10ms); // ok: async-blocking-in-coroutine
  std::this_thread::sleep_for(10ms); // expect: async-blocking-in-coroutine {{inside coroutine 'sleeps'}}
}

Task<int> locks(folly::coro::Mutex &mutex) {
  auto guard = co_await mutex.co_scoped_lock(); // ok: async-blocking-in-coroutine
  co_return 1;
}

// ---- Immediate await ----

Task<int> one_at_a_time(folly::Executor *executor) {
  int a = co_await folly::coro::co_withExecutor(executor, compute(1)); // expect: async-immediate-await {{the task started by 'folly::coro::co_withExecutor' ('compute') is awaited before the next independent one starts: the 2 tasks run one after another instead of concurrently; co_await folly::coro::collectAll(a(), b())}}
  int b = co_await folly::coro::co_withExecutor(executor, compute(2));
  co_return a + b;
}

int started_and_waited(folly::Executor *executor) {
  return folly::coro::co_withExecutor(executor, compute(1)).start().get(); // expect: async-immediate-await {{'folly::coro::TaskWithExecutor::start' starts 'compute' concurrently, but it is waited for at once with 'get'}}
}

Task<int> together(folly::Executor *executor) {
  auto [a, b] = co_await folly::coro::collectAll(folly::coro::co_withExecutor(executor, compute(1)), // ok: async-immediate-await
                                                 folly::coro::co_withExecutor(executor, compute(2)));
  co_return a + b;
}

Task<int> in_a_vector(folly::Executor *executor) {
  std::vector<folly::coro::TaskWithExecutor<int>> tasks;
  for (int i = 0; i < 3; ++i)
    tasks.push_back(folly::coro::co_withExecutor(executor, compute(i))); // ok: async-immediate-await
  auto all = co_await folly::coro::collectAllRange(std::move(tasks));
  co_return static_cast<int>(all.size());
}

Task<int> dependent(folly::Executor *executor) {
  int a = co_await folly::coro::co_withExecutor(executor, compute(1)); // ok: async-immediate-await
  int b = co_await folly::coro::co_withExecutor(executor, compute(a)); // ok: async-immediate-await
  co_return b;
}

int main() {
  folly::CPUThreadPoolExecutor executor(2);
  int total = folly::coro::blockingWait(waits_synchronously()); // ok: async-blocking-in-coroutine (main is no coroutine)
  total += folly::coro::blockingWait(one_at_a_time(&executor)) + started_and_waited(&executor);
  total += folly::coro::blockingWait(together(&executor)) + folly::coro::blockingWait(in_a_vector(&executor));
  total += folly::coro::blockingWait(dependent(&executor)) + folly::coro::blockingWait(waits_for_a_future(&executor));
  folly::coro::blockingWait(sleeps());
  return total;
}
