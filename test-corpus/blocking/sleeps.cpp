// Every catalogued sleep, in Asio and minitask coroutines, against look-alikes
// that are not the C library's sleep.
#include <asio.hpp>
#include <minitask/task.hpp>

#include <chrono>
#include <thread>
#include <time.h>
#include <unistd.h>

using namespace std::chrono_literals;

namespace mylib {
// A library's own sleep that returns an awaitable: not ::sleep.
inline auto sleep(std::chrono::milliseconds d) { return minitask::sleep_for(d); }
} // namespace mylib

// A global overload of sleep with C++ linkage: not the C library's.
inline auto sleep(std::chrono::milliseconds d) { return minitask::sleep_for(d); }

asio::awaitable<void> asio_sleeps() {
  std::this_thread::sleep_for(10ms); // expect: async-blocking-in-coroutine {{'std::this_thread::sleep_for' puts the thread to sleep}}
  std::this_thread::sleep_until(std::chrono::steady_clock::now() + 1ms); // expect: async-blocking-in-coroutine {{sleep_until}}
  ::sleep(1); // expect: async-blocking-in-coroutine {{'sleep' puts the thread to sleep inside coroutine 'asio_sleeps'}}
  usleep(100); // expect: async-blocking-in-coroutine {{'usleep'}}
  timespec ts{0, 1000};
  nanosleep(&ts, nullptr); // expect: async-blocking-in-coroutine {{'nanosleep'}}
  co_return;
}

// The advice names Asio's timer for an asio::awaitable.
asio::awaitable<void> asio_advice() {
  std::this_thread::sleep_for(1ms); // expect: async-blocking-in-coroutine {{co_await asio::steady_timer}}
  co_return;
}

minitask::task<> minitask_sleeps() {
  std::this_thread::sleep_for(10ms); // expect: async-blocking-in-coroutine {{inside coroutine 'minitask_sleeps'}}
  co_await minitask::sleep_for(10ms); // ok: async-blocking-in-coroutine
  co_await mylib::sleep(10ms);        // ok: async-blocking-in-coroutine
  co_await sleep(10ms);               // ok: async-blocking-in-coroutine
}

// Sleeping where no event loop waits is fine.
void worker_thread_body() {
  std::this_thread::sleep_for(1ms); // ok: async-blocking-in-coroutine
  ::usleep(10);                     // ok: async-blocking-in-coroutine
}

minitask::task<int> not_blocking_at_all(int x) {
  co_await minitask::sleep_for(0ms); // ok: async-blocking-in-coroutine
  co_return x + 1;
}

int main() {
  minitask::scheduler loop;
  minitask::sync_wait(loop, minitask_sleeps());
  minitask::sync_wait(loop, not_blocking_at_all(1));
  worker_thread_body();
  asio::io_context io;
  asio::co_spawn(io, asio_sleeps(), asio::detached);
  asio::co_spawn(io, asio_advice(), asio::detached);
  io.run();
}
