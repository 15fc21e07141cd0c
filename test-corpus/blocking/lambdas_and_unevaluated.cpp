// Which code in a coroutine runs on its thread: the body and lambdas called in
// place do; lambdas passed elsewhere, threads started from it, and unevaluated
// operands do not.
#include <asio.hpp>

#include <chrono>
#include <thread>
#include <type_traits>
#include <unistd.h>

using namespace std::chrono_literals;

asio::awaitable<void> offload_with_post(asio::thread_pool &pool) {
  // asyncio's run_in_executor: the lambda runs on a pool thread.
  asio::post(pool, [] { std::this_thread::sleep_for(1ms); }); // ok: async-blocking-in-coroutine
  std::jthread worker([] { ::usleep(10); });                  // ok: async-blocking-in-coroutine
  auto later = [] { ::usleep(10); };                           // ok: async-blocking-in-coroutine
  (void)later;
  co_return;
}

asio::awaitable<void> called_in_place() {
  [] { ::usleep(10); }(); // expect: async-blocking-in-coroutine {{call to lambda blocks}} expect-note: {{lambda calls 'usleep'}}
  auto nap = [](int us) { ::usleep(us); };
  nap(5); // expect: async-blocking-in-coroutine {{call to lambda blocks}}
  co_return;
}

asio::awaitable<std::size_t> unevaluated() {
  using Slept = decltype(::sleep(1));                    // ok: async-blocking-in-coroutine
  constexpr std::size_t Size = sizeof(::usleep(1));      // ok: async-blocking-in-coroutine
  constexpr bool NoThrow = noexcept(::usleep(1));        // ok: async-blocking-in-coroutine
  static_assert(std::is_same_v<Slept, unsigned>);
  co_return Size + NoThrow;
}

int main() {
  // A coroutine lambda is a coroutine too.
  auto handler = []() -> asio::awaitable<void> {
    std::this_thread::sleep_for(1ms); // expect: async-blocking-in-coroutine {{inside coroutine lambda}}
    co_return;
  };
  asio::io_context io;
  asio::thread_pool pool(1);
  asio::co_spawn(io, handler(), asio::detached);
  asio::co_spawn(io, offload_with_post(pool), asio::detached);
  asio::co_spawn(io, called_in_place(), asio::detached);
  asio::co_spawn(io, unevaluated(), asio::detached);
  io.run();
  pool.join();
}
