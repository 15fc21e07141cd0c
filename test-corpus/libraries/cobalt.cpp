// CHECKS: async-blocking-in-coroutine,async-immediate-await
// NO-RUN
// Boost.Cobalt (mirror of Boost 1.88's: include/boost/cobalt.hpp; executors
// are Debian's Boost.Asio 1.74). cobalt::run blocks; cobalt::spawn(executor,
// task, use_op) runs a task on an executor when awaited; cobalt::promise is
// eager; join/gather/race await several together.
#include <boost/cobalt.hpp>

#include <chrono>
#include <thread>

using namespace std::chrono_literals;
namespace cobalt = boost::cobalt;

cobalt::task<int> compute(int x) { co_return x * 2; }
cobalt::promise<int> started(int x) { co_return x * 3; }

// ---- Blocking ----

cobalt::task<int> runs_a_nested_loop() {
  int a = cobalt::run(compute(1));  // expect: async-blocking-in-coroutine {{'boost::cobalt::run' waits synchronously for another thread inside coroutine 'runs_a_nested_loop'; every other task on its event loop waits until it returns; co_await the task instead of boost::cobalt::run}}
  std::this_thread::sleep_for(1ms); // expect: async-blocking-in-coroutine {{inside coroutine 'runs_a_nested_loop'}}
  co_return a + co_await compute(2); // ok: async-blocking-in-coroutine
}

cobalt::task<int> blocking_work() {
  std::this_thread::sleep_for(1ms); // ok: async-blocking-in-coroutine (only ever spawned onto a thread pool)
  co_return 1;
}

cobalt::task<int> offloads(boost::asio::thread_pool &pool) {
  co_return co_await cobalt::spawn(pool.get_executor(), blocking_work(), cobalt::use_op); // ok: async-immediate-await (one task moved to a pool)
}

// ---- Immediate await ----

cobalt::task<int> one_at_a_time(boost::asio::io_context &context) {
  int a = co_await cobalt::spawn(context, compute(1), cobalt::use_op); // expect: async-immediate-await {{the task started by 'boost::cobalt::spawn' ('compute') is awaited before the next independent one starts: the 2 tasks run one after another instead of concurrently; co_await boost::cobalt::join(a(), b())}}
  int b = co_await cobalt::spawn(context, compute(2), cobalt::use_op);
  co_return a + b;
}

cobalt::task<int> joined() {
  auto [a, b] = co_await cobalt::join(started(1), started(2)); // ok: async-immediate-await
  co_return a + b;
}

cobalt::task<int> promises_started_first() {
  auto a = started(1); // ok: async-immediate-await
  auto b = started(2); // ok: async-immediate-await
  co_return co_await a + co_await b;
}

cobalt::task<int> promises_awaited_in_turn() {
  int a = co_await started(1); // ok: async-immediate-await (plain awaits; see FlagSequentialAwaits)
  int b = co_await started(2); // ok: async-immediate-await
  co_return a + b;
}

int main() {
  boost::asio::thread_pool pool(2);
  boost::asio::io_context context;
  int total = cobalt::run(runs_a_nested_loop()) + cobalt::run(offloads(pool));
  total += cobalt::run(one_at_a_time(context)) + cobalt::run(joined());
  return total + cobalt::run(promises_started_first()) + cobalt::run(promises_awaited_in_turn());
}
