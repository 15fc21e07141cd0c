// CHECKS: async-blocking-in-coroutine
// CONFIG: {CheckOptions: {async-blocking-in-coroutine.IgnorePoolThreads: false}}
// NO-RUN
// With IgnorePoolThreads set to false, blocking on a thread-pool worker is
// reported too, with its own wording: for projects whose pools run coroutines
// that must not be held up (libcoro's example says never to sleep there).
#include <asio.hpp>
#include <coro/coro.hpp>

#include <chrono>
#include <thread>

using namespace std::chrono_literals;

coro::task<int> on_the_pool(std::unique_ptr<coro::thread_pool> &pool) {
  co_await pool->schedule(); // expect-note: {{the coroutine moves to the thread pool here}}
  std::this_thread::sleep_for(1ms); // expect: async-blocking-in-coroutine {{'std::this_thread::sleep_for' puts the thread to sleep inside coroutine 'on_the_pool'; it runs on a thread pool, where every other task queued on the pool waits for a worker while it blocks}}
  co_return 1;
}

asio::awaitable<int> spawned_on_the_pool() {
  std::this_thread::sleep_for(1ms); // expect: async-blocking-in-coroutine {{it runs on a thread pool}}
  co_return 2;
}

asio::awaitable<int> on_the_loop() {
  std::this_thread::sleep_for(1ms); // expect: async-blocking-in-coroutine {{every other task on its event loop waits until it returns}}
  co_return 3;
}

asio::awaitable<int> timer_on_the_pool() {
  asio::steady_timer timer(co_await asio::this_coro::executor, 1ms);
  co_await timer.async_wait(asio::use_awaitable); // ok: async-blocking-in-coroutine
  co_return 4;
}

int main() {
  asio::io_context io;
  asio::thread_pool pool(1);
  asio::co_spawn(pool, spawned_on_the_pool(), asio::detached);
  asio::co_spawn(pool, timer_on_the_pool(), asio::detached);
  asio::co_spawn(io, on_the_loop(), asio::detached);
  io.run(); // ok: async-blocking-in-coroutine
  pool.join(); // ok: async-blocking-in-coroutine
  auto workers = coro::thread_pool::make_unique();
  return coro::sync_wait(on_the_pool(workers));
}
