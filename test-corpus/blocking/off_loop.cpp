// Coroutines that run on a thread pool may block: the seed lessons' fix for a
// blocking call (asyncio.to_thread, run_in_executor) is to move it there.
#include <asio.hpp>
#include <minitask/task.hpp>

#include <chrono>
#include <thread>

using namespace std::chrono_literals;

asio::awaitable<int> compute_on_pool() {
  std::this_thread::sleep_for(1ms); // ok: async-blocking-in-coroutine
  co_return 42;
}

asio::awaitable<int> used_on_the_loop_too() {
  std::this_thread::sleep_for(1ms); // expect: async-blocking-in-coroutine {{inside coroutine 'used_on_the_loop_too'}}
  co_return 7;
}

asio::awaitable<int> handler(asio::thread_pool &pool) {
  // The twin of `await asyncio.to_thread(blocking)`.
  int a = co_await asio::co_spawn( // expect: async-immediate-await {{the 3 tasks run one after another}}
      pool,
      []() -> asio::awaitable<int> {
        std::this_thread::sleep_for(1ms); // ok: async-blocking-in-coroutine
        co_return 1;
      },
      asio::use_awaitable);
  int b = co_await asio::co_spawn(pool.get_executor(), compute_on_pool(), asio::use_awaitable);
  int c = co_await asio::co_spawn(pool, used_on_the_loop_too(), asio::use_awaitable);
  int d = co_await used_on_the_loop_too();
  co_return a + b + c + d;
}

asio::awaitable<void> spawned_on_the_loop(asio::io_context &io) {
  // Spawned onto the io_context: the same thread as every other handler.
  co_await asio::co_spawn(
      io,
      []() -> asio::awaitable<void> {
        std::this_thread::sleep_for(1ms); // expect: async-blocking-in-coroutine {{inside coroutine lambda}}
        co_return;
      },
      asio::use_awaitable);
}

// cppcoro style: after `co_await schedule_on(pool)` the coroutine is on the pool.
minitask::task<int> switch_to_pool(minitask::thread_pool &pool) {
  co_await minitask::schedule_on(pool);
  std::this_thread::sleep_for(1ms); // ok: async-blocking-in-coroutine
  co_return 3;
}

// Switching to the loop's own scheduler is no way off the loop.
minitask::task<int> switch_to_loop(minitask::scheduler &loop) {
  co_await minitask::schedule_on(loop);
  std::this_thread::sleep_for(1ms); // expect: async-blocking-in-coroutine {{inside coroutine 'switch_to_loop'}}
  co_return 4;
}

int main() {
  asio::io_context io;
  asio::thread_pool pool(2);
  asio::co_spawn(io, handler(pool), asio::detached);
  asio::co_spawn(io, spawned_on_the_loop(io), asio::detached);
  io.run();
  pool.join();

  minitask::scheduler loop;
  minitask::thread_pool workers(1);
  int sum = minitask::sync_wait(loop, switch_to_pool(workers));
  sum += minitask::sync_wait(loop, switch_to_loop(loop));
  return sum == 7 ? 0 : 1;
}
