// CHECKS: async-stale-read-across-await
// NO-RUN
// What protects a read-suspend-write sequence on Asio, and what does not.
// Asio has no async mutex; its examples (cpp20/channels/mutual_exclusion_1.cpp)
// use a channel of capacity 1 as one: async_send takes it, try_receive gives
// it back. A strand runs one handler at a time, but a coroutine on a strand
// still lets the others run at each co_await. A std::mutex cannot be held
// across a co_await at all (upstream misc-coroutine-hostile-raii says why).
#include <asio.hpp>
#include <asio/experimental/channel.hpp>

#include <chrono>
#include <mutex>

using asio::awaitable;
using asio::use_awaitable;

awaitable<void> round_trip() {
  asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(1));
  co_await timer.async_wait(use_awaitable);
}

struct ledger {
  explicit ledger(asio::any_io_executor executor) : write_lock(executor, 1) {}

  // The channel lock held from before the read until after the write.
  awaitable<void> add_locked(long n) {
    co_await write_lock.async_send(use_awaitable);
    long seen = total;
    co_await round_trip();
    total = seen + n; // ok: async-stale-read-across-await
    write_lock.try_receive([](auto...) {});
  }

  // Taken only after the read: the value read may be stale already.
  awaitable<void> add_locked_too_late(long n) {
    long seen = total; // expect-note: {{'ledger::total' is read here, before the co_await}}
    co_await write_lock.async_send(use_awaitable); // expect-note: {{suspends here}}
    total = seen + n; // expect: async-stale-read-across-await {{'ledger::total' is written from a value read before a co_await}}
    write_lock.try_receive([](auto...) {});
  }

  // Given back before the suspension.
  awaitable<void> add_unlocked_early(long n) {
    co_await write_lock.async_send(use_awaitable);
    long seen = total;
    write_lock.try_receive([](auto...) {});
    co_await round_trip();
    total = seen + n; // expect: async-stale-read-across-await
  }

  asio::experimental::channel<void()> write_lock;
  long total = 0;
};

// Coroutines on one strand still interleave at every co_await.
long strand_total = 0;
awaitable<void> add_on_strand(long n) {
  long seen = strand_total;
  co_await round_trip();
  strand_total = seen + n; // expect: async-stale-read-across-await
}

// The strand-serialised fix: the read and the write in one handler with no
// co_await between them.
long handler_total = 0;
awaitable<void> add_in_handler(asio::strand<asio::io_context::executor_type> strand, long n) {
  co_await round_trip();
  co_await asio::post(strand, use_awaitable);
  long seen = handler_total;
  handler_total = seen + n; // ok: async-stale-read-across-await
}

// A std::mutex does not make it an async lock (and must not be held across
// a co_await): still reported.
std::mutex total_mutex;
long mutex_total = 0;
awaitable<void> add_under_std_mutex(long n) {
  std::unique_lock lock(total_mutex);
  long seen = mutex_total;
  lock.unlock();
  co_await round_trip();
  lock.lock();
  mutex_total = seen + n; // expect: async-stale-read-across-await
}

int main() {
  asio::io_context io;
  ledger l(io.get_executor());
  auto strand = asio::make_strand(io);
  for (int i = 0; i < 4; ++i) {
    asio::co_spawn(io, l.add_locked(1), asio::detached);
    asio::co_spawn(io, l.add_locked_too_late(1), asio::detached); // expect-note: {{'ledger::add_locked_too_late' is started here in a loop}}
    asio::co_spawn(io, l.add_unlocked_early(1), asio::detached);
    asio::co_spawn(strand, add_on_strand(1), asio::detached);
    asio::co_spawn(io, add_in_handler(strand, 1), asio::detached);
    asio::co_spawn(io, add_under_std_mutex(1), asio::detached);
  }
  io.run();
}
