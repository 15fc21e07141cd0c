// CHECKS: async-unguarded-shared-state
// Work posted to an Asio executor runs concurrently only on a multi-threaded
// one: a thread_pool, not a strand, not an io_context run on one thread.
#include <asio.hpp>

#include <cstdio>
#include <mutex>

long pool_jobs = 0;
long strand_jobs = 0;
long loop_jobs = 0;
long locked_jobs = 0;
std::mutex locked_mutex;

void on_pool() {
  asio::thread_pool pool(4);
  for (int i = 0; i < 8; ++i)
    asio::post(pool, [] { ++pool_jobs; }); // expect: async-unguarded-shared-state {{'pool_jobs' is written in a thread running the lambda started in 'on_pool' without a lock}}
  pool.join();
  std::printf("%ld\n", pool_jobs); // ok: async-unguarded-shared-state
}

// A strand runs one handler at a time, even on a pool.
void on_strand() {
  asio::thread_pool pool(4);
  auto strand = asio::make_strand(pool);
  for (int i = 0; i < 8; ++i)
    asio::post(strand, [] { ++strand_jobs; }); // ok: async-unguarded-shared-state
  pool.join();
}

// One thread runs the io_context: its handlers never overlap.
void on_loop() {
  asio::io_context io;
  for (int i = 0; i < 8; ++i)
    asio::post(io, [] { ++loop_jobs; }); // ok: async-unguarded-shared-state
  io.run();
}

void on_pool_locked() {
  asio::thread_pool pool(4);
  for (int i = 0; i < 8; ++i)
    asio::post(pool.get_executor(), [] {
      std::lock_guard<std::mutex> lock(locked_mutex);
      ++locked_jobs; // ok: async-unguarded-shared-state
    });
  pool.join();
}

// The seed lesson's fix (run_in_executor): offload to the pool and await it;
// the awaiting coroutine goes on only when the pool's work is done.
long offloaded = 0;
asio::awaitable<void> compute() {
  ++offloaded; // ok: async-unguarded-shared-state
  co_return;
}
asio::awaitable<void> handler(asio::thread_pool &pool) {
  co_await asio::co_spawn(pool, compute(), asio::use_awaitable);
  ++offloaded; // ok: async-unguarded-shared-state
}

void offload() {
  asio::thread_pool pool(2);
  asio::io_context io;
  asio::co_spawn(io, handler(pool), asio::detached);
  io.run();
  pool.join();
}

int main() {
  on_pool();
  on_strand();
  on_loop();
  on_pool_locked();
  offload();
}
