// CHECKS: async-stale-read-across-await
// NO-RUN
// libcoro 0.16.0 (mirror: include/coro/coro.hpp), in the shapes of its
// examples: tasks spawned with scheduler->spawn_detached in an accept loop,
// a coro::task_group, coro::when_all; the same under a coro::mutex held across
// the suspension; the one-statement update; one object per spawn.
#include <coro/coro.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <string>

using namespace std::chrono_literals;

coro::task<void> round_trip(coro::scheduler &s) { co_await s.yield_for(1ms); }

// ---- Lost update: one task per connection, spawned in the accept loop ----

long served = 0;
coro::mutex served_mutex;

coro::task<void> on_connection(coro::scheduler &s) {
  long n = served; // expect-note: {{'served' is read here, before the co_await}}
  co_await round_trip(s); // expect-note: {{'on_connection' suspends here}}
  served = n + 1; // expect: async-stale-read-across-await {{'served' is written from a value read before a co_await; other coroutines that write 'served' may run during the suspension and their updates are lost (stale read); read 'served' again after the co_await, or update it in one step after it, or hold a coro::mutex across the read, the co_await and the write (auto lock = co_await mutex.scoped_lock();)}}
}
coro::task<void> on_connection_locked(coro::scheduler &s) {
  auto lock = co_await served_mutex.scoped_lock();
  long n = served;
  co_await round_trip(s);
  served = n + 1; // ok: async-stale-read-across-await (the coro::mutex is held across)
}
coro::task<void> on_connection_lock_unlock(coro::scheduler &s) {
  co_await served_mutex.lock();
  long n = served;
  co_await round_trip(s);
  served = n + 1; // ok: async-stale-read-across-await
  served_mutex.unlock();
}
coro::task<void> on_connection_one_step(coro::scheduler &s) {
  co_await round_trip(s);
  served += 1; // ok: async-stale-read-across-await (one statement after the co_await)
}
coro::task<void> on_connection_guard_released(coro::scheduler &s) {
  long n = 0;
  {
    auto lock = co_await served_mutex.scoped_lock();
    n = served;
  }
  co_await round_trip(s);
  served = n + 1; // expect: async-stale-read-across-await
}

void accept_loop(std::unique_ptr<coro::scheduler> &scheduler) {
  for (int i = 0; i < 16; ++i) {
    scheduler->spawn_detached(on_connection(*scheduler));
    scheduler->spawn_detached(on_connection_locked(*scheduler));
    scheduler->spawn_detached(on_connection_lock_unlock(*scheduler));
    scheduler->spawn_detached(on_connection_one_step(*scheduler));
    scheduler->spawn_detached(on_connection_guard_released(*scheduler));
  }
}

// ---- Check-then-act: a cache filled by tasks of one task_group ----

std::map<std::string, int> cache;
coro::mutex cache_mutex;

coro::task<int> load(coro::thread_pool &pool, std::string key) {
  co_await pool.schedule();
  co_return static_cast<int>(key.size());
}
coro::task<void> fill(coro::thread_pool &pool, std::string key) {
  if (!cache.contains(key)) { // expect-note: {{'cache' is checked here, before the co_await}}
    int value = co_await load(pool, key);
    cache[key] = value; // expect: async-stale-read-across-await {{'cache' is changed on the strength of a check made before a co_await}}
  }
}
coro::task<void> fill_locked(coro::thread_pool &pool, std::string key) {
  auto lock = co_await cache_mutex.scoped_lock();
  if (!cache.contains(key)) {
    int value = co_await load(pool, key);
    cache[key] = value; // ok: async-stale-read-across-await (checked and changed under the lock)
  }
}
coro::task<void> fill_checked_again(coro::thread_pool &pool, std::string key) {
  int value = co_await load(pool, key);
  if (!cache.contains(key))
    cache[key] = value; // ok: async-stale-read-across-await (checked after the co_await)
}

coro::task<void> warm_up(std::unique_ptr<coro::thread_pool> &pool) {
  coro::task_group<coro::thread_pool> group{pool};
  for (std::string key : {"a", "b", "c"}) {
    (void)group.start(fill(*pool, key));
    (void)group.start(fill_locked(*pool, key));
    (void)group.start(fill_checked_again(*pool, key));
  }
  co_await group;
}

// ---- when_all runs its tasks together ----

long stock = 10;
coro::task<void> reserve(coro::scheduler &s) {
  long left = stock; // expect-note: {{'stock' is checked here, before the co_await}}
  if (left <= 0)
    co_return;
  co_await round_trip(s);
  --stock; // expect: async-stale-read-across-await {{'stock' is changed on the strength of a check made before a co_await}}
}
coro::task<void> reserve_two(coro::scheduler &s) {
  co_await coro::when_all(reserve(s), reserve(s));
}

// ---- Spawned once; one object per spawn ----

long uptime = 0;
coro::task<void> tick(coro::scheduler &s) {
  long u = uptime;
  co_await round_trip(s);
  uptime = u + 1; // ok: async-stale-read-across-await (only one task writes it)
}

struct session {
  long bytes = 0;
  coro::task<void> serve(coro::scheduler &s) {
    long b = bytes;
    co_await round_trip(s);
    bytes = b + 512; // ok: async-stale-read-across-await (one session per task)
  }
};
coro::task<void> make_on_connection_task(coro::scheduler &s) {
  session own;
  co_await own.serve(s);
}

void start_once(std::unique_ptr<coro::scheduler> &scheduler) {
  scheduler->spawn_detached(tick(*scheduler));
  for (int i = 0; i < 16; ++i)
    scheduler->spawn_detached(make_on_connection_task(*scheduler));
}

// ---- Tasks under two sync_waits never overlap ----

long counted = 0;
coro::task<void> count_one(coro::scheduler &s) {
  long c = counted;
  co_await round_trip(s);
  counted = c + 1; // ok: async-stale-read-across-await (one sync_wait after the other)
}

int main() {
  auto scheduler = coro::scheduler::make_unique();
  auto pool = coro::thread_pool::make_unique();
  accept_loop(scheduler);
  start_once(scheduler);
  coro::sync_wait(warm_up(pool));
  coro::sync_wait(reserve_two(*scheduler));
  coro::sync_wait(count_one(*scheduler));
  coro::sync_wait(count_one(*scheduler));
}
