// CHECKS: async-stale-read-across-await
// NO-RUN
// Lost updates on Asio: a value read from shared state before a co_await and
// written back after it, while other coroutines on the same io_context (one
// thread, no data race) write the state during the suspension.
#include <asio.hpp>

#include <atomic>
#include <chrono>
#include <map>
#include <string>

using asio::awaitable;
using asio::use_awaitable;

// A payment round trip: the coroutine suspends, others run.
awaitable<void> settle() {
  asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(1));
  co_await timer.async_wait(use_awaitable);
}

long balance = 1000;

awaitable<void> pay(long amount) {
  long cur = balance; // expect-note: {{'balance' is read here, before the co_await}}
  co_await settle(); // expect-note: {{'pay' suspends here; other coroutines run until it resumes}}
  balance = cur - amount; // expect: async-stale-read-across-await {{'balance' is written from a value read before a co_await; other coroutines that write 'balance' may run during the suspension and their updates are lost (stale read); read 'balance' again after the co_await, or update it in one step after it, or serialise the whole sequence: Asio has no async mutex}}
}

// The update in one statement after the co_await: nothing runs in between.
awaitable<void> pay_in_one_step(long amount) {
  co_await settle();
  balance -= amount; // ok: async-stale-read-across-await
}

// Read again after the co_await.
awaitable<void> pay_after_reading_again(long amount) {
  long cur = balance;
  co_await settle();
  cur = balance;
  balance = cur - amount; // ok: async-stale-read-across-await
}

// Checked again: written only if nobody changed it meanwhile.
awaitable<void> pay_if_unchanged(long amount) {
  long cur = balance;
  co_await settle();
  if (balance == cur)
    balance = cur - amount; // ok: async-stale-read-across-await
}

// A local belongs to one coroutine.
awaitable<long> running_sum(long n) {
  long sum = 0;
  for (long i = 0; i < n; ++i) {
    long before = sum;
    co_await settle();
    sum = before + i; // ok: async-stale-read-across-await
  }
  co_return sum;
}

// Only read, never written: nothing to lose.
long rate = 3;
awaitable<long> quote(long amount) {
  long r = rate;
  co_await settle();
  co_return amount * r + rate; // ok: async-stale-read-across-await
}

// In a helper coroutine every session awaits.
long fees = 0;
awaitable<void> charge_fee(long fee) {
  long collected = fees; // expect-note: {{'fees' is read here, before the co_await}}
  co_await settle();
  fees = collected + fee; // expect: async-stale-read-across-await {{'fees' is written from a value read before a co_await}}
}
awaitable<void> session(long amount) {
  co_await pay_in_one_step(amount);
  co_await charge_fee(1);
}

// A suspension on one path: stale on that path.
long audits = 0;
awaitable<void> audit(bool remote) {
  long seen = audits;
  if (remote)
    co_await settle();
  audits = seen + 1; // expect: async-stale-read-across-await
}
// The path that suspends leaves before the write.
awaitable<void> audit_or_leave(bool remote) {
  long seen = audits;
  if (remote) {
    co_await settle();
    co_return;
  }
  audits = seen + 1; // ok: async-stale-read-across-await
}
// The read and the suspension are on different paths.
awaitable<void> wait_or_audit(bool remote) {
  long seen = 0;
  if (remote)
    co_await settle();
  else
    seen = audits;
  audits = seen + 1; // ok: async-stale-read-across-await
}

// Awaits that do not suspend: this_coro::executor, a coroutine that only
// computes (it runs to its end inside the co_await).
awaitable<long> doubled(long x) { co_return 2 * x; }
long ticks = 0;
awaitable<void> tick() {
  long t = ticks;
  auto executor = co_await asio::this_coro::executor;
  long d = co_await doubled(t);
  ticks = t + d; // ok: async-stale-read-across-await
  (void)executor;
}

// A co_await inside the statement that writes back.
long points = 0;
awaitable<long> bonus() {
  co_await settle();
  co_return 5;
}
awaitable<void> award() {
  points = points + co_await bonus(); // expect: async-stale-read-across-await
}
// A compound assignment evaluates its right side first: one step after it.
awaitable<void> award_in_one_step() {
  points += co_await bonus(); // ok: async-stale-read-across-await
}

// Carried round a loop: read before it, written in it after a suspension.
long processed = 0;
awaitable<void> drain(int n) {
  long done = processed;
  for (int i = 0; i < n; ++i) {
    co_await settle();
    processed = ++done; // expect: async-stale-read-across-await
  }
}
awaitable<void> drain_counting_in_one_step(int n) {
  for (int i = 0; i < n; ++i) {
    co_await settle();
    ++processed; // ok: async-stale-read-across-await
  }
}

// A static local is shared like a global.
awaitable<void> count_calls() {
  static long calls = 0;
  long c = calls;
  co_await settle();
  calls = c + 1; // expect: async-stale-read-across-await
}

// std::atomic makes each access atomic, not the read, the co_await and the write.
std::atomic<long> visits{0};
awaitable<void> visit() {
  long v = visits.load();
  co_await settle();
  visits.store(v + 1); // expect: async-stale-read-across-await
}
awaitable<void> visit_in_one_step() {
  co_await settle();
  visits.fetch_add(1); // ok: async-stale-read-across-await
}

// An element written back from a read of the same element; an element
// written from a read of the container as a whole (its size) loses nothing.
std::map<std::string, long> per_user;
awaitable<void> credit(std::string user) {
  long seen = per_user[user];
  co_await settle();
  per_user[user] = seen + 1; // expect: async-stale-read-across-await {{'per_user' is written from a value read before a co_await}}
}
awaitable<void> number_user(std::string user) {
  long count = static_cast<long>(per_user.size());
  co_await settle();
  per_user[user] = count; // ok: async-stale-read-across-await
}

// Started once, and nothing else writes it: no other coroutine to interleave.
long reconciled = 0;
awaitable<void> reconcile() {
  long r = reconciled;
  co_await settle();
  reconciled = r + 1; // ok: async-stale-read-across-await
}

// Never started in this program: nothing runs concurrently with it.
long reported = 0;
awaitable<void> report() {
  long r = reported;
  co_await settle();
  reported = r + 1; // ok: async-stale-read-across-await
}

int main() {
  asio::io_context io;
  for (int i = 0; i < 10; ++i) {
    asio::co_spawn(io, pay(10), asio::detached); // expect-note: {{'pay' is started here in a loop, so several instances of it write 'balance' at the same time}}
    asio::co_spawn(io, pay_in_one_step(10), asio::detached);
    asio::co_spawn(io, pay_after_reading_again(10), asio::detached);
    asio::co_spawn(io, pay_if_unchanged(10), asio::detached);
    asio::co_spawn(io, running_sum(3), asio::detached);
    asio::co_spawn(io, quote(5), asio::detached);
    asio::co_spawn(io, session(5), asio::detached); // expect-note: {{'session' is started here in a loop}}
    asio::co_spawn(io, audit(i % 2 == 0), asio::detached);
    asio::co_spawn(io, audit_or_leave(i % 2 == 0), asio::detached);
    asio::co_spawn(io, wait_or_audit(i % 2 == 0), asio::detached);
    asio::co_spawn(io, tick(), asio::detached);
    asio::co_spawn(io, award(), asio::detached);
    asio::co_spawn(io, award_in_one_step(), asio::detached);
    asio::co_spawn(io, drain(3), asio::detached);
    asio::co_spawn(io, drain_counting_in_one_step(3), asio::detached);
    asio::co_spawn(io, count_calls(), asio::detached);
    asio::co_spawn(io, visit(), asio::detached);
    asio::co_spawn(io, visit_in_one_step(), asio::detached);
    asio::co_spawn(io, credit("ann"), asio::detached);
    asio::co_spawn(io, number_user("bob"), asio::detached);
  }
  asio::co_spawn(io, reconcile(), asio::detached);
  io.run();
}
