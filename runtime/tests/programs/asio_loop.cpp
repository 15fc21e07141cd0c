// Runtime test program: Asio event loops with and without blocking calls.
// Each mode is one scenario; the runtime tests run it with LD_PRELOAD.
#include <asio.hpp>

#include <chrono>
#include <cstring>
#include <fcntl.h>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;

static asio::awaitable<void> sleepy_coroutine() {
  std::this_thread::sleep_for(20ms); // LINE-coroutine-sleep
  co_return;
}

static asio::awaitable<void> timer_coroutine() {
  asio::steady_timer timer(co_await asio::this_coro::executor, 5ms);
  co_await timer.async_wait(asio::use_awaitable);
}

static asio::awaitable<void> nonblocking_read_coroutine() {
  int fds[2];
  if (pipe2(fds, O_NONBLOCK) != 0)
    co_return;
  char byte;
  (void)::read(fds[0], &byte, 1); // EAGAIN at once: does not block
  ::close(fds[0]);
  ::close(fds[1]);
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  asio::io_context io;
  if (!std::strcmp(mode, "coroutine-sleep")) {
    asio::co_spawn(io, timer_coroutine(), asio::detached);
    asio::co_spawn(io, sleepy_coroutine(), asio::detached);
    io.run();
  } else if (!std::strcmp(mode, "handler-sleep")) {
    asio::post(io, [] { ::usleep(5000); }); // LINE-handler-sleep
    io.run();
  } else if (!std::strcmp(mode, "sleep-after-run")) {
    asio::co_spawn(io, timer_coroutine(), asio::detached);
    io.run();
    std::this_thread::sleep_for(5ms); // the loop has returned: not on it
  } else if (!std::strcmp(mode, "thread-pool")) {
    asio::thread_pool pool(2);
    asio::post(pool, [] { std::this_thread::sleep_for(5ms); }); // a pool is for blocking
    pool.join();
  } else if (!std::strcmp(mode, "idle-threads")) {
    // Two threads run one loop: the idle one waits inside Asio, which is
    // the loop waiting for work, not a task blocking it.
    asio::steady_timer timer(io, 30ms);
    timer.async_wait([](std::error_code) {});
    std::thread other([&] { io.run(); });
    io.run();
    other.join();
  } else if (!std::strcmp(mode, "nonblocking-io")) {
    asio::co_spawn(io, nonblocking_read_coroutine(), asio::detached);
    io.run();
  } else if (!std::strcmp(mode, "repeat")) {
    for (int i = 0; i < 100; ++i)
      asio::post(io, [] { ::usleep(10); });
    io.run();
  } else if (!std::strcmp(mode, "exit-at-once")) {
    asio::post(io, [] {
      ::usleep(1000);
      _exit(3); // no atexit, no flush: the event must be on disk already
    });
    io.run();
  }
  return 0;
}
