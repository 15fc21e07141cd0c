// CHECKS: async-blocking-in-coroutine,async-immediate-await
// NO-RUN
// Taskflow 4.1.0 (mirror: include/taskflow/taskflow.hpp). executor.async(f)
// returns a std::future: waiting for it at once runs f on a worker while the
// caller only waits. executor.run(taskflow).wait() is how a graph is run to
// completion from outside the executor; inside a coroutine it blocks.
#include <taskflow/taskflow.hpp>

#include <minitask/task.hpp>

#include <future>
#include <vector>

int compute(int x) { return x * 2; }

// ---- Immediate await ----

int async_then_get(tf::Executor &executor) {
  return executor.async([] { return compute(1); }).get(); // expect: async-immediate-await {{'tf::Executor::async' starts a lambda concurrently, but it is waited for at once with 'get': the caller blocks and nothing overlaps; keep the future and let the caller work before get(), put the work into one tf::Taskflow and run it once, or call the function directly}}
}

int async_each_iteration(tf::Executor &executor) {
  int total = 0;
  for (int i = 0; i < 3; ++i) {
    auto future = executor.async([i] { return compute(i); }); // expect: async-immediate-await {{each loop iteration waits before the next starts; collect the futures in the loop and wait after it, or express the iterations as tasks of one tf::Taskflow}}
    total += future.get();
  }
  return total;
}

int async_all_then_get(tf::Executor &executor) {
  std::vector<std::future<int>> futures;
  for (int i = 0; i < 3; ++i)
    futures.push_back(executor.async([i] { return compute(i); })); // ok: async-immediate-await
  int total = 0;
  for (auto &future : futures)
    total += future.get(); // ok: async-immediate-await
  return total;
}

int async_with_work_between(tf::Executor &executor) {
  auto future = executor.async([] { return compute(1); }); // ok: async-immediate-await
  int here = compute(2);
  return here + future.get();
}

void runs_a_graph(tf::Executor &executor, tf::Taskflow &taskflow) {
  executor.run(taskflow).wait(); // ok: async-immediate-await (the graph runs in parallel; running it to completion is the caller's job)
  executor.silent_async([] { compute(3); }); // ok: async-immediate-await
  executor.wait_for_all(); // ok: async-immediate-await
}

// ---- Blocking ----

minitask::task<int> waits_for_a_graph(tf::Executor &executor, tf::Taskflow &taskflow) {
  executor.run(taskflow).wait(); // expect: async-blocking-in-coroutine {{'tf::Future::wait' waits synchronously for another thread inside coroutine 'waits_for_a_graph'}}
  executor.wait_for_all();       // expect: async-blocking-in-coroutine {{'tf::Executor::wait_for_all'}}
  auto future = executor.async([] { return compute(4); }); // expect: async-immediate-await {{'future' is waited for right after}}
  co_return future.get();        // expect: async-blocking-in-coroutine {{'std::future::get'}}
}

int main() {
  tf::Executor executor;
  tf::Taskflow taskflow;
  taskflow.emplace([] { compute(5); });
  int total = async_then_get(executor) + async_each_iteration(executor);
  total += async_all_then_get(executor) + async_with_work_between(executor);
  runs_a_graph(executor, taskflow);
  minitask::scheduler loop;
  return total + minitask::sync_wait(loop, waits_for_a_graph(executor, taskflow));
}
