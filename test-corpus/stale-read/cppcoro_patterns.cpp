// CHECKS: async-stale-read-across-await
// NO-RUN
// cppcoro (mirror: include/cppcoro/cppcoro.hpp): requests spawned into a
// cppcoro::async_scope, tasks run together by cppcoro::when_all; the same
// under a cppcoro::async_mutex held across the suspension; the one-statement
// update; a task spawned once; one object per spawn.
#include <cppcoro/cppcoro.hpp>

#include <map>
#include <string>
#include <vector>

cppcoro::task<void> hop(cppcoro::static_thread_pool &tp) { co_await tp.schedule(); }

// ---- Lost update: one task per request, spawned into one async_scope ----

long in_flight = 0;
cppcoro::async_mutex in_flight_mutex;

cppcoro::task<void> handle(cppcoro::static_thread_pool &tp) {
  long n = in_flight; // expect-note: {{'in_flight' is read here, before the co_await}}
  co_await hop(tp); // expect-note: {{'handle' suspends here}}
  in_flight = n + 1; // expect: async-stale-read-across-await {{'in_flight' is written from a value read before a co_await; other coroutines that write 'in_flight' may run during the suspension and their updates are lost (stale read); read 'in_flight' again after the co_await, or update it in one step after it, or hold a cppcoro::async_mutex across the read, the co_await and the write (auto lock = co_await mutex.scoped_lock_async();)}}
}
cppcoro::task<void> handle_scoped(cppcoro::static_thread_pool &tp) {
  auto lock = co_await in_flight_mutex.scoped_lock_async();
  long n = in_flight;
  co_await hop(tp);
  in_flight = n + 1; // ok: async-stale-read-across-await (the async_mutex is held across)
}
cppcoro::task<void> handle_lock_async(cppcoro::static_thread_pool &tp) {
  co_await in_flight_mutex.lock_async();
  long n = in_flight;
  co_await hop(tp);
  in_flight = n + 1; // ok: async-stale-read-across-await
  in_flight_mutex.unlock();
}
cppcoro::task<void> handle_unlocked_early(cppcoro::static_thread_pool &tp) {
  co_await in_flight_mutex.lock_async();
  long n = in_flight;
  in_flight_mutex.unlock();
  co_await hop(tp);
  in_flight = n + 1; // expect: async-stale-read-across-await
}
cppcoro::task<void> handle_one_step(cppcoro::static_thread_pool &tp) {
  co_await hop(tp);
  in_flight -= 1; // ok: async-stale-read-across-await (one statement after the co_await)
}

cppcoro::task<void> serve(cppcoro::static_thread_pool &tp) {
  cppcoro::async_scope scope;
  for (int i = 0; i < 8; ++i) {
    scope.spawn(handle(tp));
    scope.spawn(handle_scoped(tp));
    scope.spawn(handle_lock_async(tp));
    scope.spawn(handle_unlocked_early(tp));
    scope.spawn(handle_one_step(tp));
  }
  co_await scope.join();
}

// ---- Check-then-act: a registry filled by tasks run with when_all ----

std::map<std::string, int> registry;
cppcoro::async_mutex registry_mutex;

cppcoro::task<int> resolve(cppcoro::static_thread_pool &tp, std::string name) {
  co_await tp.schedule();
  co_return static_cast<int>(name.size());
}
cppcoro::task<void> enrol(cppcoro::static_thread_pool &tp, std::string name) {
  if (registry.find(name) == registry.end()) { // expect-note: {{'registry' is checked here, before the co_await}}
    int id = co_await resolve(tp, name);
    registry[name] = id; // expect: async-stale-read-across-await {{'registry' is changed on the strength of a check made before a co_await}}
  }
}
cppcoro::task<void> enrol_locked(cppcoro::static_thread_pool &tp, std::string name) {
  auto lock = co_await registry_mutex.scoped_lock_async();
  if (registry.find(name) == registry.end()) {
    int id = co_await resolve(tp, name);
    registry[name] = id; // ok: async-stale-read-across-await (checked and changed under the lock)
  }
}
cppcoro::task<void> enrol_try_emplace(cppcoro::static_thread_pool &tp, std::string name) {
  if (registry.find(name) == registry.end()) {
    int id = co_await resolve(tp, name);
    registry.try_emplace(name, id); // ok: async-stale-read-across-await (try_emplace checks again)
  }
}
cppcoro::task<void> enrol_all(cppcoro::static_thread_pool &tp) {
  co_await cppcoro::when_all(enrol(tp, "a"), enrol(tp, "b"));
  co_await cppcoro::when_all(enrol_locked(tp, "a"), enrol_locked(tp, "b"));
  co_await cppcoro::when_all(enrol_try_emplace(tp, "a"), enrol_try_emplace(tp, "b"));
}

// ---- Spawned once; one object per spawn ----

long generation = 0;
cppcoro::task<void> rotate(cppcoro::static_thread_pool &tp) {
  long g = generation;
  co_await hop(tp);
  generation = g + 1; // ok: async-stale-read-across-await (only one task writes it)
}

struct connection {
  std::vector<std::string> pending;
  long sent = 0;
  cppcoro::task<void> flush(cppcoro::static_thread_pool &tp) {
    if (pending.empty())
      co_return;
    co_await hop(tp);
    pending.clear(); // ok: async-stale-read-across-await (one connection per task)
    long s = sent;
    co_await hop(tp);
    sent = s + 1; // ok: async-stale-read-across-await
  }
};
cppcoro::task<void> per_connection(cppcoro::static_thread_pool &tp) {
  connection own;
  co_await own.flush(tp);
}

cppcoro::task<void> run_background(cppcoro::static_thread_pool &tp) {
  cppcoro::async_scope scope;
  scope.spawn(rotate(tp));
  for (int i = 0; i < 8; ++i)
    scope.spawn(per_connection(tp));
  co_await scope.join();
}

// ---- Tasks under two sync_waits never overlap ----

long runs = 0;
cppcoro::task<void> count_run(cppcoro::static_thread_pool &tp) {
  long r = runs;
  co_await hop(tp);
  runs = r + 1; // ok: async-stale-read-across-await (one sync_wait after the other)
}

int main() {
  cppcoro::static_thread_pool tp;
  cppcoro::sync_wait(serve(tp));
  cppcoro::sync_wait(enrol_all(tp));
  cppcoro::sync_wait(run_background(tp));
  cppcoro::sync_wait(count_run(tp));
  cppcoro::sync_wait(count_run(tp));
}
