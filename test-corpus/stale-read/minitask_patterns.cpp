// CHECKS: async-stale-read-across-await
// NO-RUN
// The same mistakes with a cppcoro/libcoro-style task library (minitask):
// tasks started with spawn and when_all, an async mutex held across the
// suspension, tasks under two sync_waits that never overlap.
#include <minitask/task.hpp>

#include <chrono>
#include <map>
#include <string>
#include <vector>

using namespace std::chrono_literals;
using minitask::task;

task<void> fetch() { co_await minitask::sleep_for(1ms); }

long balance = 100;
minitask::async_mutex balance_mutex;

task<void> withdraw(long amount) {
  long cur = balance; // expect-note: {{'balance' is read here, before the co_await}}
  co_await fetch(); // expect-note: {{'withdraw' suspends here}}
  balance = cur - amount; // expect: async-stale-read-across-await {{'balance' is written from a value read before a co_await; other coroutines that write 'balance' may run during the suspension and their updates are lost (stale read); read 'balance' again after the co_await, or update it in one step after it, or hold a minitask::async_mutex across the read, the co_await and the write}}
}

// The async mutex held across the whole sequence.
task<void> withdraw_locked(long amount) {
  auto guard = co_await balance_mutex.scoped_lock();
  long cur = balance;
  co_await fetch();
  balance = cur - amount; // ok: async-stale-read-across-await
}
task<void> withdraw_lock_unlock(long amount) {
  co_await balance_mutex.lock();
  long cur = balance;
  co_await fetch();
  balance = cur - amount; // ok: async-stale-read-across-await
  balance_mutex.unlock();
}
// Taken after the read.
task<void> withdraw_lock_too_late(long amount) {
  long cur = balance;
  auto guard = co_await balance_mutex.scoped_lock();
  co_await fetch();
  balance = cur - amount; // expect: async-stale-read-across-await
}
// The guard's scope ends before the suspension.
task<void> withdraw_released_early(long amount) {
  long cur = 0;
  {
    auto guard = co_await balance_mutex.scoped_lock();
    cur = balance;
  }
  co_await fetch();
  balance = cur - amount; // expect: async-stale-read-across-await
}
// Unlocked before the suspension.
task<void> withdraw_unlocked_early(long amount) {
  co_await balance_mutex.lock();
  long cur = balance;
  balance_mutex.unlock();
  co_await fetch();
  balance = cur - amount; // expect: async-stale-read-across-await
}

// when_all runs its tasks at the same time.
long stock = 10;
task<void> reserve() {
  long s = stock;
  co_await fetch();
  stock = s - 1; // expect: async-stale-read-across-await
}
task<void> reserve_two() { co_await minitask::when_all(reserve(), reserve()); }

// Check-then-act on a cache.
std::map<std::string, int> cache;
task<int> compute(std::string key) {
  co_await fetch();
  co_return static_cast<int>(key.size());
}
task<void> lookup(std::string key) {
  if (cache.find(key) == cache.end()) {
    int value = co_await compute(key);
    cache[key] = value; // expect: async-stale-read-across-await {{'cache' is changed on the strength of a check made before a co_await}}
  }
}
task<void> lookup_checked_again(std::string key) {
  if (cache.find(key) == cache.end()) {
    int value = co_await compute(key);
    if (cache.find(key) == cache.end())
      cache[key] = value; // ok: async-stale-read-across-await
  }
}

// Each task its own object.
struct job {
  int attempts = 0;
  task<void> run() {
    int a = attempts;
    co_await fetch();
    attempts = a + 1; // ok: async-stale-read-across-await
  }
};
task<void> run_own_job() {
  job mine;
  co_await mine.run();
}

// Awaited one after the other by one task: never concurrent.
long steps = 0;
task<void> step() {
  long s = steps;
  co_await fetch();
  steps = s + 1; // ok: async-stale-read-across-await
}
task<void> pipeline() {
  co_await step();
  co_await step();
}

// Each task awaited before the loop starts the next: one at a time.
long sequenced = 0;
task<void> bump_sequenced() {
  long s = sequenced;
  co_await fetch();
  sequenced = s + 1; // ok: async-stale-read-across-await
}
task<void> one_after_another() {
  for (int i = 0; i < 3; ++i) {
    auto handle = minitask::spawn(bump_sequenced());
    co_await handle;
  }
}

// Each sync_wait runs its tasks to the end before the next starts.
long runs = 0;
task<void> count_run() {
  long r = runs;
  co_await fetch();
  runs = r + 1; // ok: async-stale-read-across-await
}

task<void> start_all() {
  std::vector<minitask::join_handle<void>> handles;
  for (int i = 0; i < 3; ++i) {
    handles.push_back(minitask::spawn(withdraw(1))); // expect-note: {{'withdraw' is started here in a loop, so several instances of it write 'balance' at the same time}}
    handles.push_back(minitask::spawn(withdraw_locked(1)));
    handles.push_back(minitask::spawn(withdraw_lock_unlock(1)));
    handles.push_back(minitask::spawn(withdraw_lock_too_late(1)));
    handles.push_back(minitask::spawn(withdraw_released_early(1)));
    handles.push_back(minitask::spawn(withdraw_unlocked_early(1)));
    handles.push_back(minitask::spawn(lookup("a")));
    handles.push_back(minitask::spawn(lookup_checked_again("a")));
    handles.push_back(minitask::spawn(run_own_job()));
  }
  handles.push_back(minitask::spawn(reserve_two()));
  handles.push_back(minitask::spawn(pipeline()));
  handles.push_back(minitask::spawn(one_after_another()));
  for (auto &handle : handles)
    co_await handle;
}

int main() {
  minitask::scheduler loop;
  minitask::sync_wait(loop, start_all());
  minitask::sync_wait(loop, count_run());
  minitask::sync_wait(loop, count_run());
}
