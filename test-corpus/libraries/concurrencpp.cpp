// CHECKS: async-blocking-in-coroutine,async-immediate-await
// NO-RUN
// concurrencpp 0.1.7 (mirror: include/concurrencpp/concurrencpp.h). Its
// coroutines return concurrencpp::result; `co_await resume_on(executor)`
// moves the rest of a coroutine onto that executor, and the background and
// thread executors are where the library says blocking belongs.
#include <concurrencpp/concurrencpp.h>

#include <chrono>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

using namespace std::chrono_literals;
using concurrencpp::result;

using pool_ptr = std::shared_ptr<concurrencpp::thread_pool_executor>;

int compute(int x) { return x * 2; }

// ---- Blocking: result<T> waits, and what runs where ----

result<int> waits_for_a_result(pool_ptr pool) {
  auto r = pool->submit(compute, 1); // expect: async-immediate-await {{'concurrencpp::derivable_executor::submit' starts 'compute' concurrently, but 'r' is waited for right after}}
  r.wait();                     // expect: async-blocking-in-coroutine {{'concurrencpp::result::wait' waits synchronously for another thread inside coroutine 'waits_for_a_result'}}
  auto s = pool->submit(compute, 2);
  (void)s.wait_for(10ms);       // expect: async-blocking-in-coroutine {{co_await the result instead}}
  (void)s.wait_for(0ms);        // ok: async-blocking-in-coroutine (polls)
  int v = s.get();              // expect: async-blocking-in-coroutine {{'concurrencpp::result::get'}}
  co_return v + co_await pool->submit(compute, 3); // ok: async-blocking-in-coroutine
}

result<int> waits_for_a_shared_result(concurrencpp::shared_result<int> shared) {
  shared.wait();                // expect: async-blocking-in-coroutine {{'concurrencpp::shared_result::wait'}}
  int v = shared.get();         // expect: async-blocking-in-coroutine {{'concurrencpp::shared_result::get'}}
  co_return v + co_await shared; // ok: async-blocking-in-coroutine
}

// The library's own idiom: move to the background executor, then block.
result<void> replace_chars_in_file(pool_ptr background, pool_ptr threadpool, std::string path) {
  co_await concurrencpp::resume_on(background);
  std::ifstream input(path);    // ok: async-blocking-in-coroutine (on the background executor)
  co_await concurrencpp::resume_on(threadpool);
  std::ofstream output(path);   // ok: async-blocking-in-coroutine
}

// The same example with one co_await missing (as in the library's
// example 4_async_file_processing_version_2): the awaitable is dropped and the
// coroutine stays where it was.
result<void> forgets_to_await(pool_ptr background) {
  concurrencpp::resume_on(background); // expect: async-blocking-in-coroutine {{the awaitable returned by 'concurrencpp::resume_on' is discarded: it moves coroutine 'forgets_to_await' only when it is awaited}}
  std::ofstream output("out.txt");     // expect: async-blocking-in-coroutine {{'std::basic_ofstream' does blocking I/O inside coroutine 'forgets_to_await'}}
  co_return;
}

// In a coroutine template the co_await stays dependent in the template itself.
template <class type>
concurrencpp::lazy_result<type> recursive_on_the_pool(std::shared_ptr<concurrencpp::thread_executor> ex) {
  co_await concurrencpp::resume_on(ex);
  std::this_thread::sleep_for(1ms); // ok: async-blocking-in-coroutine
  co_return type{};
}
result<int> uses_the_template(std::shared_ptr<concurrencpp::thread_executor> ex) {
  co_return co_await recursive_on_the_pool<int>(ex);
}

// An executor known only through its abstract base was chosen by the caller:
// it is taken for a pool (its kind is not known).
result<void> on_some_executor(std::shared_ptr<concurrencpp::executor> executor) {
  co_await concurrencpp::resume_on(executor);
  std::this_thread::sleep_for(1ms); // ok: async-blocking-in-coroutine
}

// A worker_thread_executor is one thread with a queue of tasks, an event
// loop: resuming there is no licence to block.
result<void> on_a_worker_thread(std::shared_ptr<concurrencpp::worker_thread_executor> worker) {
  co_await concurrencpp::resume_on(worker);
  std::this_thread::sleep_for(1ms); // expect: async-blocking-in-coroutine {{inside coroutine 'on_a_worker_thread'}}
}

// A coroutine submitted to a pool runs there; the lambda the user submits is
// reached through the library's own coroutine, which is not reported.
result<void> submits_blocking_work(pool_ptr pool, std::shared_ptr<concurrencpp::thread_executor> thread) {
  co_await pool->submit([] { std::this_thread::sleep_for(1ms); }); // ok: async-blocking-in-coroutine
  thread->post([]() -> result<void> {
    std::this_thread::sleep_for(1ms); // ok: async-blocking-in-coroutine (posted to a thread_executor)
    co_return;
  });
}

// With (executor_tag, executor) as its first parameters a coroutine starts on
// that executor: on a pool it may block.
result<void> starts_on_the_pool(concurrencpp::executor_tag, pool_ptr pool) {
  std::this_thread::sleep_for(1ms); // ok: async-blocking-in-coroutine
  co_return;
}

result<void> starts_on_the_manual_executor(concurrencpp::executor_tag,
                                           std::shared_ptr<concurrencpp::manual_executor> loop) {
  std::this_thread::sleep_for(1ms); // expect: async-blocking-in-coroutine {{inside coroutine 'starts_on_the_manual_executor'}}
  co_return;
}

// A delay object is concurrencpp's timer: nothing blocks.
result<void> sleeps_with_a_timer(std::shared_ptr<concurrencpp::timer_queue> timers, pool_ptr pool) {
  co_await timers->make_delay_object(10ms, pool); // ok: async-blocking-in-coroutine
}

// ---- Immediate await: submit, then co_await at once ----

result<int> submits_one_at_a_time(pool_ptr pool) {
  int a = co_await pool->submit(compute, 1); // expect: async-immediate-await {{the task started by 'concurrencpp::derivable_executor::submit' ('compute') is awaited before the next independent one starts: the 2 tasks run one after another instead of concurrently; submit all the work first and co_await the results after, or co_await concurrencpp::when_all}}
  int b = co_await pool->submit(compute, 2);
  co_return a + b;
}

result<int> submits_in_a_loop(std::shared_ptr<concurrencpp::executor> executor) {
  int total = 0;
  for (int i = 0; i < 4; ++i)
    total += co_await executor->submit(compute, i); // expect: async-immediate-await {{the task started by 'concurrencpp::executor::submit' ('compute') is awaited in the same loop iteration that starts it}}
  co_return total;
}

int submits_and_gets(pool_ptr pool) {
  return pool->submit(compute, 3).get(); // expect: async-immediate-await {{'concurrencpp::derivable_executor::submit' starts 'compute' concurrently, but it is waited for at once with 'get'}}
}

// The inline executor runs the work in the caller, at once: nothing was
// meant to overlap.
int runs_inline(std::shared_ptr<concurrencpp::inline_executor> executor) {
  return executor->submit(compute, 4).get(); // ok: async-immediate-await
}

result<int> submits_all_then_awaits(pool_ptr pool) {
  auto a = pool->submit(compute, 1); // ok: async-immediate-await
  auto b = pool->submit(compute, 2); // ok: async-immediate-await
  co_return co_await a + co_await b;
}

result<int> when_all_of_them(pool_ptr pool) {
  auto both = co_await concurrencpp::when_all(pool, pool->submit(compute, 1), // ok: async-immediate-await
                                              pool->submit(compute, 2));
  co_return co_await std::get<0>(both) + co_await std::get<1>(both);
}

// when_all resumes its caller with every result complete: get() on one of
// them returns at once. A result that did not go through when_all still blocks.
result<int> gets_results_when_all_completed(pool_ptr pool) {
  auto other = pool->submit(compute, 3); // ok: async-immediate-await
  auto both = co_await concurrencpp::when_all(pool, pool->submit(compute, 1), // ok: async-immediate-await
                                              pool->submit(compute, 2));
  auto &[first, second] = both;
  int total = first.get() + std::get<1>(both).get(); // ok: async-blocking-in-coroutine (complete)
  std::vector<result<int>> many;
  many.push_back(pool->submit(compute, 4));
  auto all = co_await concurrencpp::when_all(pool, many.begin(), many.end());
  for (auto &done : all)
    total += done.get(); // ok: async-blocking-in-coroutine (complete)
  total += all.front().get() + all[0].get(); // ok: async-blocking-in-coroutine (complete)
  co_return total + other.get(); // expect: async-blocking-in-coroutine {{'concurrencpp::result::get' waits synchronously for another thread inside coroutine 'gets_results_when_all_completed'}}
}

result<int> each_needs_the_previous(pool_ptr pool) {
  int a = co_await pool->submit(compute, 1); // ok: async-immediate-await
  int b = co_await pool->submit(compute, a); // ok: async-immediate-await
  co_return b;
}

result<int> one_task_awaited(pool_ptr pool) {
  co_return co_await pool->submit(compute, 1); // ok: async-immediate-await
}

int main() {
  concurrencpp::runtime runtime;
  auto pool = runtime.thread_pool_executor();
  int total = waits_for_a_result(pool).get() + submits_and_gets(pool);
  total += submits_one_at_a_time(pool).get() + submits_in_a_loop(pool).get();
  total += submits_all_then_awaits(pool).get() + when_all_of_them(pool).get();
  total += each_needs_the_previous(pool).get() + one_task_awaited(pool).get();
  total += gets_results_when_all_completed(pool).get();
  replace_chars_in_file(runtime.background_executor(), pool, "f.txt").get();
  return total;
}
