// CHECKS: async-stale-read-across-await
// NO-RUN
// A loop condition checks shared state before each iteration. A removal later
// in the same iteration, after a co_await, relies on it as much as on an if:
// two workers draining one queue pop a job the other one checked. Other
// changes in the body are not taken as acting on the loop condition (it is
// tested again before the next iteration, and most loops act on it that way).
#include <asio.hpp>

#include <chrono>
#include <deque>
#include <map>
#include <string>
#include <vector>

using asio::awaitable;
using asio::use_awaitable;

awaitable<void> round_trip() {
  asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(1));
  co_await timer.async_wait(use_awaitable);
}
awaitable<void> send(std::string) { co_await round_trip(); }

// ---- Several workers drain one queue ----

std::deque<std::string> jobs;

awaitable<void> drain() {
  while (!jobs.empty()) { // expect-note: {{'jobs' is checked here, before the co_await}}
    co_await send(jobs.front()); // expect-note: {{'drain' suspends here}}
    jobs.pop_front(); // expect: async-stale-read-across-await {{'jobs' is changed on the strength of a check made before a co_await; other coroutines may change 'jobs' during the suspension, so the check may no longer hold (check-then-act)}}
  }
}
// The job taken before the suspension: each worker pops its own.
awaitable<void> drain_claiming() {
  while (!jobs.empty()) {
    std::string job = std::move(jobs.front());
    jobs.pop_front(); // ok: async-stale-read-across-await (removed before the co_await)
    co_await send(job);
  }
}
// Checked again after the suspension.
awaitable<void> drain_checked_again() {
  while (!jobs.empty()) {
    co_await round_trip();
    if (!jobs.empty())
      jobs.pop_front(); // ok: async-stale-read-across-await (checked after the co_await)
  }
}
// A for loop whose condition reads the queue.
awaitable<void> drain_some() {
  for (int n = 0; n < 4 && !jobs.empty(); ++n) {
    co_await round_trip();
    jobs.pop_back(); // expect: async-stale-read-across-await
  }
}

// ---- A map flushed in a loop: erase by key checks again itself ----

std::map<int, std::string> pending;

awaitable<void> flush_by_key() {
  while (!pending.empty()) {
    auto first = pending.begin();
    int key = first->first;
    co_await send(first->second);
    pending.erase(key); // ok: async-stale-read-across-await (erasing a missing key does nothing)
  }
}
awaitable<void> flush_first() {
  while (!pending.empty()) {
    co_await round_trip();
    pending.erase(pending.begin()); // expect: async-stale-read-across-await
  }
}

// ---- Not removals, or nobody else removes ----

// Appends on a size condition: not taken as acting on the condition.
std::vector<int> samples;
awaitable<void> sample() {
  while (samples.size() < 100) {
    co_await round_trip();
    samples.push_back(1); // ok: async-stale-read-across-await (a loop condition bears on removals only)
  }
}

// A flag the loop tests before each iteration.
bool polling = true;
awaitable<void> poll() {
  while (polling) {
    co_await round_trip();
    polling = false; // ok: async-stale-read-across-await
  }
}

// One worker alone on its queue.
std::deque<std::string> audit_log;
awaitable<void> write_audit_log() {
  while (!audit_log.empty()) {
    co_await send(audit_log.front());
    audit_log.pop_front(); // ok: async-stale-read-across-await (only this task removes)
  }
}

int main() {
  asio::io_context io;
  for (int i = 0; i < 4; ++i) {
    asio::co_spawn(io, drain(), asio::detached); // expect-note: {{'drain' is started here in a loop, so several instances of it write 'jobs' at the same time}}
    asio::co_spawn(io, drain_claiming(), asio::detached);
    asio::co_spawn(io, drain_checked_again(), asio::detached);
    asio::co_spawn(io, drain_some(), asio::detached);
    asio::co_spawn(io, flush_by_key(), asio::detached);
    asio::co_spawn(io, flush_first(), asio::detached);
    asio::co_spawn(io, sample(), asio::detached);
    asio::co_spawn(io, poll(), asio::detached);
  }
  asio::co_spawn(io, write_audit_log(), asio::detached);
  io.run();
}
