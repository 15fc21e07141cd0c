// CHECKS: async-stale-read-across-await
// The seed lesson (004) says coroutines on one thread need no lock
// (因为协程在线程内，所以协程没有锁). That holds for one statement, not across a
// co_await: every suspension lets the other coroutines on the loop run, which
// is why Python has asyncio.Lock. Here 100 coroutines on one io_context, run
// by one thread (no data race anywhere), each add 1 to a total. The total
// updated in one statement after the co_await ends at 100; the one written
// back from a value read before the co_await ends at 1: every coroutine read
// 0 before any of them wrote. The program prints both (a ctest checks it).
#include <asio.hpp>

#include <cstdio>

long added_in_one_step = 0;
long added_from_a_stale_read = 0;

// What any I/O does: suspend, and let the other coroutines on the loop run.
asio::awaitable<void> let_others_run() {
  co_await asio::post(co_await asio::this_coro::executor, asio::use_awaitable);
}

asio::awaitable<void> add_in_one_step() {
  co_await let_others_run();
  added_in_one_step += 1; // ok: async-stale-read-across-await
}

asio::awaitable<void> add_from_a_stale_read() {
  long seen = added_from_a_stale_read; // expect-note: {{'added_from_a_stale_read' is read here, before the co_await}}
  co_await let_others_run(); // expect-note: {{'add_from_a_stale_read' suspends here; other coroutines run until it resumes}}
  added_from_a_stale_read = seen + 1; // expect: async-stale-read-across-await {{'added_from_a_stale_read' is written from a value read before a co_await; other coroutines that write 'added_from_a_stale_read' may run during the suspension and their updates are lost (stale read); read 'added_from_a_stale_read' again after the co_await, or update it in one step after it, or serialise the whole sequence}}
}

// The same fix as asyncio.Lock's, without a lock: read again after the co_await.
long added_after_reading_again = 0;
asio::awaitable<void> add_after_reading_again() {
  long seen = added_after_reading_again;
  co_await let_others_run();
  seen = added_after_reading_again;
  added_after_reading_again = seen + 1; // ok: async-stale-read-across-await
}

int main() {
  asio::io_context io;
  for (int i = 0; i < 100; ++i) {
    asio::co_spawn(io, add_in_one_step(), asio::detached);
    asio::co_spawn(io, add_from_a_stale_read(), asio::detached); // expect-note: {{'add_from_a_stale_read' is started here in a loop, so several instances of it write 'added_from_a_stale_read' at the same time}}
    asio::co_spawn(io, add_after_reading_again(), asio::detached);
  }
  io.run();
  std::printf("one statement: %ld, re-read: %ld, read-suspend-write: %ld\n", added_in_one_step,
              added_after_reading_again, added_from_a_stale_read);
}
