// CHECKS: async-stale-read-across-await
// NO-RUN
// Check-then-act on Asio: a decision taken on a read of shared state before a
// co_await and acted on after it, while other coroutines on the io_context
// may have changed the state during the suspension.
#include <asio.hpp>

#include <chrono>
#include <map>
#include <string>
#include <vector>

using asio::awaitable;
using asio::use_awaitable;

awaitable<void> round_trip() {
  asio::steady_timer timer(co_await asio::this_coro::executor, std::chrono::milliseconds(1));
  co_await timer.async_wait(use_awaitable);
}

awaitable<int> authenticate(std::string user) {
  co_await round_trip();
  co_return static_cast<int>(user.size());
}

std::map<std::string, int> sessions;

awaitable<void> login(std::string user) {
  if (!sessions.contains(user)) { // expect-note: {{'sessions' is checked here, before the co_await}}
    int id = co_await authenticate(user); // expect-note: {{'login' suspends here}}
    sessions[user] = id; // expect: async-stale-read-across-await {{'sessions' is changed on the strength of a check made before a co_await; other coroutines may change 'sessions' during the suspension, so the check may no longer hold (check-then-act); check again after the co_await, or serialise the whole sequence}}
  }
}

// Checked again after the suspension.
awaitable<void> login_checked_again(std::string user) {
  if (!sessions.contains(user)) {
    int id = co_await authenticate(user);
    if (!sessions.contains(user))
      sessions[user] = id; // ok: async-stale-read-across-await
  }
}

// try_emplace checks again itself: the first login wins, a second one
// changes nothing.
awaitable<void> login_try_emplace(std::string user) {
  if (!sessions.contains(user)) {
    int id = co_await authenticate(user);
    sessions.try_emplace(user, id); // ok: async-stale-read-across-await
  }
}

// A check of one key and a change of another: the check says nothing about it.
awaitable<void> login_as_guest(std::string user) {
  if (!sessions.contains(user)) {
    int id = co_await authenticate(user);
    sessions["guest"] = id; // ok: async-stale-read-across-await
  }
}

// Claimed before the suspension: the other coroutines see the placeholder.
awaitable<void> login_claiming(std::string user) {
  if (sessions.contains(user))
    co_return;
  sessions[user] = 0; // ok: async-stale-read-across-await
  int id = co_await authenticate(user);
  sessions[user] = id; // ok: async-stale-read-across-await
}

// Logging out erases: a different change from the login's insert, which the
// "not logged in" check cannot be undone by.
awaitable<void> logout(std::string user) {
  if (sessions.contains(user)) {
    co_await round_trip();
    sessions.erase(user); // ok: async-stale-read-across-await
  }
}

// The early exit checks for the rest of the block.
int in_use = 0;
constexpr int max_connections = 8;
awaitable<void> open_connection() {
  if (in_use >= max_connections) // expect-note: {{'in_use' is checked here, before the co_await}}
    co_return;
  co_await round_trip(); // expect-note: {{'open_connection' suspends here}}
  ++in_use; // expect: async-stale-read-across-await {{'in_use' is changed on the strength of a check made before a co_await}}
}
// Reserved in the same step as the check, released after the work.
awaitable<void> open_connection_reserved() {
  if (in_use >= max_connections)
    co_return;
  ++in_use; // ok: async-stale-read-across-await
  co_await round_trip();
  --in_use; // ok: async-stale-read-across-await
}

// A state machine: the flag set before the suspension is the claim.
enum class phase { idle, syncing };
phase sync_state = phase::idle;
awaitable<void> sync_claimed() {
  if (sync_state != phase::idle)
    co_return;
  sync_state = phase::syncing; // ok: async-stale-read-across-await
  co_await round_trip();
  sync_state = phase::idle; // ok: async-stale-read-across-await
}
awaitable<void> sync_late() {
  if (sync_state != phase::idle)
    co_return;
  co_await round_trip();
  sync_state = phase::syncing; // expect: async-stale-read-across-await
}

// continue in a loop checks for the rest of the iteration; the next
// iteration checks afresh.
std::map<std::string, std::string> page_cache;
awaitable<std::string> download(std::string url) {
  co_await round_trip();
  co_return url;
}
awaitable<void> prefetch(std::vector<std::string> urls) {
  for (const std::string &url : urls) {
    if (page_cache.count(url) != 0)
      continue;
    std::string body = co_await download(url);
    page_cache[url] = body; // expect: async-stale-read-across-await
  }
}

// A check held in a local is a check all the same.
bool warmed_up = false;
awaitable<void> warm_up() {
  bool needed = !warmed_up;
  if (needed) {
    co_await round_trip();
    warmed_up = true; // expect: async-stale-read-across-await
  }
}

// The condition itself suspends between the check and the act.
awaitable<bool> approved(std::string) {
  co_await round_trip();
  co_return true;
}
awaitable<void> register_user(std::string user) {
  if (!sessions.contains(user) && co_await approved(user))
    sessions[user] = 1; // expect: async-stale-read-across-await
}

// A loop condition is checked again before every iteration: not a decision
// the body relies on after its own suspension.
bool running = true;
awaitable<void> poll() {
  while (running) {
    co_await round_trip();
    running = false; // ok: async-stale-read-across-await
  }
}

int main() {
  asio::io_context io;
  for (std::string user : {"ann", "bob", "ann"}) {
    asio::co_spawn(io, login(user), asio::detached); // expect-note: {{'login' is started here in a loop, so several instances of it write 'sessions' at the same time}}
    asio::co_spawn(io, login_checked_again(user), asio::detached);
    asio::co_spawn(io, login_try_emplace(user), asio::detached);
    asio::co_spawn(io, login_claiming(user), asio::detached);
    asio::co_spawn(io, login_as_guest(user), asio::detached);
    asio::co_spawn(io, logout(user), asio::detached);
    asio::co_spawn(io, register_user(user), asio::detached);
  }
  for (int i = 0; i < 16; ++i) {
    asio::co_spawn(io, open_connection(), asio::detached);
    asio::co_spawn(io, open_connection_reserved(), asio::detached);
    asio::co_spawn(io, sync_claimed(), asio::detached);
    asio::co_spawn(io, sync_late(), asio::detached);
    asio::co_spawn(io, warm_up(), asio::detached);
    asio::co_spawn(io, poll(), asio::detached);
  }
  asio::co_spawn(io, prefetch({"a", "b"}), asio::detached);
  asio::co_spawn(io, prefetch({"b", "c"}), asio::detached);
  io.run();
}
