// CHECKS: async-immediate-await
// Asio: co_spawn with use_awaitable starts the coroutine only when awaited,
// so two of them awaited in a row run one after another; the awaitable
// operators (a() && b()) or a parallel group run them together.
#include <asio.hpp>
#include <asio/experimental/awaitable_operators.hpp>

#include <chrono>
#include <cstdio>
#include <vector>

using namespace asio::experimental::awaitable_operators;

asio::awaitable<int> visit_url(int response_ms) {
  asio::steady_timer timer(co_await asio::this_coro::executor,
                           std::chrono::milliseconds(response_ms));
  co_await timer.async_wait(asio::use_awaitable);
  co_return response_ms;
}

asio::awaitable<int> twice() {
  auto ex = co_await asio::this_coro::executor;
  int a = co_await asio::co_spawn(ex, visit_url(2), asio::use_awaitable); // expect: async-immediate-await {{the task started by 'asio::co_spawn' ('visit_url') is awaited before the next independent one starts: the 2 tasks run one after another instead of concurrently; co_spawn with use_awaitable starts the work only when awaited: run them together with co_await (a() && b())}}
  int b = co_await asio::co_spawn(ex, visit_url(3), asio::use_awaitable); // expect-note: {{the next task starts here}}
  co_return a + b;
}

asio::awaitable<int> each_iteration(asio::thread_pool &pool) {
  int total = 0;
  for (int ms : {1, 2, 3})
    total += co_await asio::co_spawn(pool, visit_url(ms), asio::use_awaitable); // expect: async-immediate-await {{awaited in the same loop iteration that starts it}}
  co_return total;
}

// ---- The fixes, and what is not the mistake ----

asio::awaitable<int> offload_once(asio::thread_pool &pool) {
  // asyncio.to_thread: one piece of work moved to a pool, awaited at once.
  co_return co_await asio::co_spawn(pool, visit_url(1), asio::use_awaitable); // ok: async-immediate-await
}

asio::awaitable<int> together() {
  auto [a, b] = co_await (visit_url(2) && visit_url(3)); // ok: async-immediate-await
  co_return a + b;
}

asio::awaitable<int> sequential_lazy_awaits() {
  int a = co_await visit_url(1); // ok: async-immediate-await
  int b = co_await visit_url(2); // ok: async-immediate-await
  co_return a + b;
}

asio::awaitable<int> dependent(asio::thread_pool &pool) {
  int a = co_await asio::co_spawn(pool, visit_url(1), asio::use_awaitable);     // ok: async-immediate-await
  int b = co_await asio::co_spawn(pool, visit_url(a + 1), asio::use_awaitable); // ok: async-immediate-await
  co_return b;
}

asio::awaitable<void> fire_and_forget_in_a_loop() {
  auto ex = co_await asio::this_coro::executor;
  for (int ms : {1, 2})
    asio::co_spawn(ex, visit_url(ms), asio::detached); // ok: async-immediate-await
}

asio::awaitable<int> all(asio::thread_pool &pool) {
  int total = co_await twice();
  total += co_await each_iteration(pool);
  total += co_await offload_once(pool);
  total += co_await together();
  total += co_await sequential_lazy_awaits();
  total += co_await dependent(pool);
  co_await fire_and_forget_in_a_loop();
  co_return total;
}

int main() {
  asio::io_context io;
  asio::thread_pool pool(2);
  int total = 0;
  asio::co_spawn(io, all(pool), [&](std::exception_ptr, int t) { total = t; }); // ok: async-immediate-await
  io.run();
  pool.join();
  std::printf("%d\n", total);
}
