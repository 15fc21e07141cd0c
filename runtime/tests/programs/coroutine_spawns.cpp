// Coroutine tasks spawned with Asio's co_spawn, for the spawn breakpoints:
//   coroutine_spawns awaited     a task awaited as soon as it is spawned
//   coroutine_spawns overlapped  a task spawned, then other work, then awaited
// Two globals are written so that watchpoints can take debug registers.
#include <asio.hpp>
#include <asio/experimental/channel.hpp>
#include <asio/experimental/deferred.hpp>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>

int first_counter = 0;
int second_counter = 0;

asio::awaitable<int> visit(int ms) {
  asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(ms));
  co_await timer.async_wait(asio::use_awaitable);
  co_return ms;
}

asio::awaitable<int> awaited_at_once() {
  auto ex = co_await asio::this_coro::executor;
  int got = co_await asio::co_spawn(ex, visit(20), asio::use_awaitable); // LINE-awaited
  ++first_counter;
  co_return got;
}

asio::awaitable<int> overlapped() {
  auto ex = co_await asio::this_coro::executor;
  asio::experimental::channel<void(asio::error_code, int)> done(ex, 1);
  auto deliver = [&](std::exception_ptr, int v) { done.try_send(asio::error_code{}, v); };
  asio::co_spawn(ex, visit(20), deliver); // LINE-overlapped
  asio::steady_timer other(ex, std::chrono::milliseconds(20));
  co_await other.async_wait(asio::use_awaitable); // the task runs meanwhile
  int got = co_await done.async_receive(asio::use_awaitable);
  ++second_counter;
  co_return got;
}

// Spawned into a handle, awaited on the next line (not run: the
// breakpoints do not watch this shape).
asio::awaitable<int> through_a_handle() {
  auto ex = co_await asio::this_coro::executor;
  auto handle = asio::co_spawn(ex, visit(20), asio::experimental::deferred); // LINE-handle
  co_return co_await std::move(handle)(asio::use_awaitable);
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  asio::io_context io;
  int total = 0;
  auto run = std::strcmp(argv[1], "overlapped") == 0 ? overlapped : awaited_at_once;
  asio::co_spawn(io, run(), [&](std::exception_ptr, int t) { total = t; });
  io.run();
  std::printf("%d %d %d\n", total, first_counter, second_counter);
  return total == 20 ? 0 : 1;
}
