// CHECKS: async-stale-read-across-await
// CONFIG: {CheckOptions: {async-stale-read-across-await.CheckThenAct: false}}
// NO-RUN
// CheckThenAct: false reports lost updates only.
#include <asio.hpp>

#include <chrono>

asio::awaitable<void> round_trip() {
  asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(1));
  co_await timer.async_wait(asio::use_awaitable);
}

int in_use = 0;
asio::awaitable<void> open_connection() {
  if (in_use >= 8)
    co_return;
  co_await round_trip();
  ++in_use; // ok: async-stale-read-across-await
}

long bytes = 0;
asio::awaitable<void> count_bytes(long n) {
  long b = bytes;
  co_await round_trip();
  bytes = b + n; // expect: async-stale-read-across-await
}

int main() {
  asio::io_context io;
  for (int i = 0; i < 16; ++i) {
    asio::co_spawn(io, open_connection(), asio::detached);
    asio::co_spawn(io, count_bytes(i), asio::detached);
  }
  io.run();
}
