// CHECKS: async-unguarded-shared-state
// The seed lesson (004): "coroutines run inside one thread, so coroutines need
// no lock" -- true on a single-threaded event loop, false on a thread pool.
#include <asio.hpp>

#include <atomic>
#include <cstdio>
#include <thread>

long on_loop = 0;
long on_pool = 0;

asio::awaitable<void> add_on_loop(long n) {
  for (long i = 0; i < n; ++i) {
    on_loop += i; // ok: async-unguarded-shared-state
    on_loop -= i; // ok: async-unguarded-shared-state
    co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
  }
}

// When run, the two pool coroutines start together, one on each pool thread
// (a relaxed gate orders nothing), so on a loaded machine one cannot finish
// before the other starts.
std::atomic<int> pool_started{0};

asio::awaitable<void> add_on_pool(long n) {
  pool_started.fetch_add(1, std::memory_order_relaxed);
  while (pool_started.load(std::memory_order_relaxed) < 2)
    std::this_thread::yield();
  for (long i = 0; i < n; ++i) {
    on_pool += i; // expect: async-unguarded-shared-state {{'on_pool' is written in a thread running 'add_on_pool' without a lock, while another thread running 'add_on_pool' writes it concurrently}}
    on_pool -= i;
    co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
  }
}

int main() {
  // Coroutines on one io_context, run by one thread: they interleave only at
  // co_await, never in the middle of `on_loop += i`.
  asio::io_context io;
  asio::co_spawn(io, add_on_loop(100000), asio::detached); // ok: async-unguarded-shared-state
  asio::co_spawn(io, add_on_loop(100000), asio::detached);
  io.run();

  // The same coroutines on a thread pool run on several threads at once.
  asio::thread_pool pool(2);
  asio::co_spawn(pool, add_on_pool(100000), asio::detached); // expect-note: {{'add_on_pool' starts on another thread here}}
  asio::co_spawn(pool, add_on_pool(100000), asio::detached);
  pool.join();
  std::printf("%ld %ld\n", on_loop, on_pool); // ok: async-unguarded-shared-state
}
