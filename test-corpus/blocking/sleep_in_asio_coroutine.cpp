// The seed lesson's first mistake (003, 002): a sleep inside a coroutine runs the
// coroutines one after another. 100 requests that each sleep 1 s take 100 s.
#include <asio.hpp>

#include <chrono>
#include <thread>

using namespace std::chrono_literals;

asio::awaitable<void> visit_url_blocking(int response_time) {
  std::this_thread::sleep_for(std::chrono::seconds(response_time)); // expect: async-blocking-in-coroutine {{'std::this_thread::sleep_for' puts the thread to sleep inside coroutine 'visit_url_blocking'}}
  co_return;
}

// The fix: the timer suspends the coroutine, the loop runs the other requests.
asio::awaitable<void> visit_url(int response_time) {
  asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::seconds(response_time));
  co_await timer.async_wait(asio::use_awaitable); // ok: async-blocking-in-coroutine
}

// Not a coroutine: a sleep on a worker thread stalls no event loop.
void worker() {
  std::this_thread::sleep_for(10ms); // ok: async-blocking-in-coroutine
}

int main() {
  asio::io_context io;
  for (int i = 0; i < 3; ++i)
    asio::co_spawn(io, visit_url(0), asio::detached);
  asio::co_spawn(io, visit_url_blocking(0), asio::detached);
  io.run();
  worker();
}
