// CHECKS: async-blocking-in-coroutine,async-immediate-await
// NO-RUN
// std::execution (P2300) through NVIDIA stdexec (mirror of tag nvhpc-25.09:
// include/stdexec/execution.hpp, include/exec/). sync_wait blocks the calling
// thread; exec::task awaits senders; starts_on(scheduler, sender) runs a
// sender on a scheduler when it is started; when_all runs senders together;
// reschedule_coroutine_on moves an exec::task to another scheduler.
#include <exec/static_thread_pool.hpp>
#include <exec/task.hpp>
#include <stdexec/execution.hpp>

#include <chrono>
#include <thread>

using namespace std::chrono_literals;

exec::task<int> compute(int x) { co_return x * 2; }

// ---- Blocking ----

exec::task<int> waits_synchronously() {
  auto [a] = stdexec::sync_wait(stdexec::just(1)).value(); // expect: async-blocking-in-coroutine {{'stdexec::sync_wait' waits synchronously for another thread inside coroutine 'waits_synchronously'; every other task on its event loop waits until it returns; co_await the sender in the exec::task instead of stdexec::sync_wait}}
  int b = co_await stdexec::just(2); // ok: async-blocking-in-coroutine
  co_return a + b;
}

exec::task<int> moves_to_the_pool(exec::static_thread_pool &pool) {
  co_await exec::reschedule_coroutine_on(pool.get_scheduler());
  std::this_thread::sleep_for(1ms); // ok: async-blocking-in-coroutine (on the pool)
  co_return 1;
}

exec::task<int> blocking_work() {
  std::this_thread::sleep_for(1ms); // ok: async-blocking-in-coroutine (only ever started on the pool)
  co_return 2;
}

exec::task<int> stays_on_the_loop(stdexec::run_loop &loop) {
  co_await exec::reschedule_coroutine_on(loop.get_scheduler());
  std::this_thread::sleep_for(1ms); // expect: async-blocking-in-coroutine {{inside coroutine 'stays_on_the_loop'}}
  co_return 3;
}

// ---- Immediate await ----

exec::task<int> one_at_a_time(exec::static_thread_pool &pool) {
  int a = co_await stdexec::starts_on(pool.get_scheduler(), compute(1)); // expect: async-immediate-await {{the task started by 'stdexec::starts_on' ('compute') is awaited before the next independent one starts: the 2 tasks run one after another instead of concurrently; co_await stdexec::when_all}}
  int b = co_await stdexec::starts_on(pool.get_scheduler(), compute(2));
  co_return a + b;
}

exec::task<int> together(exec::static_thread_pool &pool) {
  auto [a, b] = co_await stdexec::when_all(stdexec::starts_on(pool.get_scheduler(), compute(1)), // ok: async-immediate-await
                                           stdexec::starts_on(pool.get_scheduler(), compute(2)));
  co_return a + b;
}

exec::task<int> dependent(exec::static_thread_pool &pool) {
  int a = co_await stdexec::starts_on(pool.get_scheduler(), compute(1)); // ok: async-immediate-await
  int b = co_await stdexec::starts_on(pool.get_scheduler(), compute(a)); // ok: async-immediate-await
  co_return b;
}

int main() {
  exec::static_thread_pool pool(2);
  auto [offloaded] = stdexec::sync_wait(stdexec::starts_on(pool.get_scheduler(), blocking_work())).value(); // ok: async-blocking-in-coroutine
  auto [a] = stdexec::sync_wait(waits_synchronously()).value();
  auto [b] = stdexec::sync_wait(moves_to_the_pool(pool)).value();
  auto [c] = stdexec::sync_wait(one_at_a_time(pool)).value();
  auto [d] = stdexec::sync_wait(together(pool)).value();
  auto [e] = stdexec::sync_wait(dependent(pool)).value();
  stdexec::run_loop loop;
  auto [f] = stdexec::sync_wait(stays_on_the_loop(loop)).value();
  return offloaded + a + b + c + d + e + f;
}
