// CHECKS: async-stale-read-across-await
// NO-RUN
// folly::coro (mirror: include/folly/coro/Task.h): tasks started on an
// executor with co_withExecutor(ex, task).start() and the older
// std::move(task).scheduleOn(ex).start(), tasks run together by
// folly::coro::collectAll; the same under a folly::coro::Mutex held across the
// suspension; the one-statement update; a task started once; one object per
// start.
#include <folly/coro/Task.h>

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <utility>

using namespace std::chrono_literals;
using folly::coro::Task;

Task<void> take_a_break() { co_await folly::coro::sleep(1ms); }

// ---- Lost update: a task started per request, in a loop ----

long quota = 1000;
folly::coro::Mutex quota_mutex;

Task<void> charge(long cost) {
  long left = quota; // expect-note: {{'quota' is read here, before the co_await}}
  co_await take_a_break(); // expect-note: {{'charge' suspends here}}
  quota = left - cost; // expect: async-stale-read-across-await {{'quota' is written from a value read before a co_await; other coroutines that write 'quota' may run during the suspension and their updates are lost (stale read); read 'quota' again after the co_await, or update it in one step after it, or hold a folly::coro::Mutex across the read, the co_await and the write (auto lock = co_await mutex.co_scoped_lock();)}}
}
Task<void> charge_locked(long cost) {
  auto lock = co_await quota_mutex.co_scoped_lock();
  long left = quota;
  co_await take_a_break();
  quota = left - cost; // ok: async-stale-read-across-await (the folly::coro::Mutex is held across)
}
Task<void> charge_co_lock(long cost) {
  co_await quota_mutex.co_lock();
  long left = quota;
  co_await take_a_break();
  quota = left - cost; // ok: async-stale-read-across-await
  quota_mutex.unlock();
}
Task<void> charge_lock_too_late(long cost) {
  long left = quota;
  auto lock = co_await quota_mutex.co_scoped_lock();
  co_await take_a_break();
  quota = left - cost; // expect: async-stale-read-across-await
}
Task<void> charge_one_step(long cost) {
  co_await take_a_break();
  quota -= cost; // ok: async-stale-read-across-await (one statement after the co_await)
}

void on_requests(folly::CPUThreadPoolExecutor &pool) {
  for (long cost = 1; cost < 10; ++cost) {
    folly::coro::co_withExecutor(&pool, charge(cost)).start();
    folly::coro::co_withExecutor(&pool, charge_locked(cost)).start();
    folly::coro::co_withExecutor(&pool, charge_co_lock(cost)).start();
    charge_lock_too_late(cost).scheduleOn(&pool).start();
    charge_one_step(cost).scheduleOn(&pool).start();
  }
}

// ---- Check-then-act: a connection limit, tasks run with collectAll ----

int open_connections = 0;
constexpr int max_connections = 4;
folly::coro::Mutex connections_mutex;

Task<void> connect() {
  if (open_connections >= max_connections) // expect-note: {{'open_connections' is checked here, before the co_await}}
    co_return;
  co_await take_a_break();
  ++open_connections; // expect: async-stale-read-across-await {{'open_connections' is changed on the strength of a check made before a co_await}}
}
Task<void> connect_locked() {
  auto lock = co_await connections_mutex.co_scoped_lock();
  if (open_connections >= max_connections)
    co_return;
  co_await take_a_break();
  ++open_connections; // ok: async-stale-read-across-await (checked and changed under the lock)
}
Task<void> connect_claim_first() {
  if (open_connections >= max_connections)
    co_return;
  ++open_connections; // ok: async-stale-read-across-await (claimed before the co_await)
  co_await take_a_break();
}
Task<void> connect_all() {
  co_await folly::coro::collectAll(connect(), connect());
  co_await folly::coro::collectAll(connect_locked(), connect_locked());
  co_await folly::coro::collectAll(connect_claim_first(), connect_claim_first());
}

// ---- Started once; one object per start ----

long epoch = 0;
Task<void> advance_epoch() {
  long e = epoch;
  co_await take_a_break();
  epoch = e + 1; // ok: async-stale-read-across-await (only one task writes it)
}

struct request_state {
  std::map<std::string, std::string> headers;
  Task<void> parse() {
    if (!headers.contains("host")) {
      co_await take_a_break();
      headers["host"] = "localhost"; // ok: async-stale-read-across-await (one state per request)
    }
  }
};
Task<void> on_request(std::shared_ptr<request_state> state) { co_await state->parse(); }

void start_background(folly::CPUThreadPoolExecutor &pool) {
  folly::coro::co_withExecutor(&pool, advance_epoch()).start();
  for (int i = 0; i < 8; ++i)
    folly::coro::co_withExecutor(&pool, on_request(std::make_shared<request_state>())).start();
}

int main() {
  folly::CPUThreadPoolExecutor pool(4);
  on_requests(pool);
  start_background(pool);
  folly::coro::blockingWait(connect_all());
}
