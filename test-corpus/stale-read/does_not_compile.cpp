// CHECKS: async-stale-read-across-await
// EXPECT-COMPILE-ERRORS
// NO-RUN
// Code that does not compile is not reported (a guard or a re-check may be
// what failed to parse), and nothing crashes.
#include <asio.hpp>

long balance = 0;

asio::awaitable<void> pay(long amount) {
  long cur = balance;
  co_await undeclared_operation(amount);
  balance = cur - amount; // ok: async-stale-read-across-await
}

asio::awaitable<void> broken_lock(long amount) {
  auto guard = co_await no_such_mutex.scoped_lock();
  long cur = balance;
  co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
  balance = cur - amount; // ok: async-stale-read-across-await
}

int main() {
  asio::io_context io;
  for (int i = 0; i < 3; ++i) {
    asio::co_spawn(io, pay(1), asio::detached);
    asio::co_spawn(io, broken_lock(1), asio::detached);
  }
  io.run();
}
