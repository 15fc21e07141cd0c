// Seed 003 (FastAPI endpoints), in Asio: four handlers for 100 concurrent
// requests. /a sleeps inside a coroutine: the requests run one after another
// (100 s). /b offloads the sleep to a thread pool (run_in_executor: 1 s).
// /c awaits a timer (asyncio.sleep: 1 s). /d is a plain function the server
// runs on its thread pool (3 s with a small pool). Durations are scaled down.
#include <asio.hpp>

#include <chrono>
#include <string>
#include <thread>

using namespace std::chrono_literals;

// async def a(): time.sleep(1)
asio::awaitable<std::string> endpoint_a() {
  std::this_thread::sleep_for(1ms); // expect: async-blocking-in-coroutine {{inside coroutine 'endpoint_a'}}
  co_return "async, no await inside: requests run one by one";
}

// async def b(): await loop.run_in_executor(None, time.sleep, 1)
asio::awaitable<std::string> endpoint_b(asio::thread_pool &pool) {
  co_await asio::co_spawn(
      pool,
      []() -> asio::awaitable<void> {
        std::this_thread::sleep_for(1ms); // ok: async-blocking-in-coroutine
        co_return;
      },
      asio::use_awaitable);
  co_return "async, the blocking call runs on the pool";
}

// async def c(): await asyncio.sleep(1)
asio::awaitable<std::string> endpoint_c() {
  asio::steady_timer timer(co_await asio::this_coro::executor, 1ms);
  co_await timer.async_wait(asio::use_awaitable); // ok: async-blocking-in-coroutine
  co_return "async, awaits a timer: fast";
}

// def d(): time.sleep(1) -- a plain handler the server runs on its pool.
std::string endpoint_d() {
  std::this_thread::sleep_for(1ms); // ok: async-blocking-in-coroutine
  return "sync, run on the thread pool";
}

int main() {
  asio::io_context io;
  asio::thread_pool pool(4);
  for (int request = 0; request < 5; ++request) {
    asio::co_spawn(io, endpoint_a(), asio::detached);
    asio::co_spawn(io, endpoint_b(pool), asio::detached);
    asio::co_spawn(io, endpoint_c(), asio::detached);
    asio::post(pool, [] { endpoint_d(); });
  }
  io.run();
  pool.join();
}
