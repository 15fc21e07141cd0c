// CHECKS: async-stale-read-across-await
// NO-RUN
// async_simple (mirror: include/async_simple/coro/Lazy.h): Lazies started
// with .via(executor).start(callback) and .start(callback), run together by
// collectAll; the same under an async_simple::coro::Mutex held across the
// suspension; the one-statement update; a Lazy started once; one object per
// start.
#include <async_simple/coro/Lazy.h>

#include <chrono>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>

using namespace std::chrono_literals;
using async_simple::coro::Lazy;

Lazy<void> backoff() { co_await async_simple::coro::sleep(1ms); }

// ---- Lost update: a Lazy started per message, in a loop ----

long offset = 0;
async_simple::coro::Mutex offset_mutex;

Lazy<void> append(long size) {
  long at = offset; // expect-note: {{'offset' is read here, before the co_await}}
  co_await backoff(); // expect-note: {{'append' suspends here}}
  offset = at + size; // expect: async-stale-read-across-await {{'offset' is written from a value read before a co_await; other coroutines that write 'offset' may run during the suspension and their updates are lost (stale read); read 'offset' again after the co_await, or update it in one step after it, or hold an async_simple::coro::Mutex across the read, the co_await and the write (auto lock = co_await mutex.coScopedLock();)}}
}
Lazy<void> append_locked(long size) {
  auto lock = co_await offset_mutex.coScopedLock();
  long at = offset;
  co_await backoff();
  offset = at + size; // ok: async-stale-read-across-await (the Mutex is held across)
}
Lazy<void> append_co_lock(long size) {
  co_await offset_mutex.coLock();
  long at = offset;
  co_await backoff();
  offset = at + size; // ok: async-stale-read-across-await
  offset_mutex.unlock();
}
Lazy<void> append_unlocked_early(long size) {
  co_await offset_mutex.coLock();
  long at = offset;
  offset_mutex.unlock();
  co_await backoff();
  offset = at + size; // expect: async-stale-read-across-await
}
Lazy<void> append_one_step(long size) {
  co_await backoff();
  offset += size; // ok: async-stale-read-across-await (one statement after the co_await)
}

void on_messages(async_simple::Executor &ex) {
  for (long size = 1; size < 10; ++size) {
    append(size).via(&ex).start([](auto &&) {});
    append_locked(size).via(&ex).start([](auto &&) {});
    append_co_lock(size).via(&ex).start([](auto &&) {});
    append_unlocked_early(size).via(&ex).start([](auto &&) {});
    append_one_step(size).via(&ex).start([](auto &&) {});
  }
}

// ---- Check-then-act: a session table filled by Lazies run with collectAll ----

std::unordered_map<std::string, int> sessions;
async_simple::coro::Mutex sessions_mutex;

Lazy<int> authenticate(std::string user) {
  co_await backoff();
  co_return static_cast<int>(user.size());
}
Lazy<void> login(std::string user) {
  if (!sessions.contains(user)) { // expect-note: {{'sessions' is checked here, before the co_await}}
    int id = co_await authenticate(user);
    sessions[user] = id; // expect: async-stale-read-across-await {{'sessions' is changed on the strength of a check made before a co_await}}
  }
}
Lazy<void> login_locked(std::string user) {
  auto lock = co_await sessions_mutex.coScopedLock();
  if (!sessions.contains(user)) {
    int id = co_await authenticate(user);
    sessions[user] = id; // ok: async-stale-read-across-await (checked and changed under the lock)
  }
}
Lazy<void> login_checked_again(std::string user) {
  int id = co_await authenticate(user);
  if (!sessions.contains(user))
    sessions[user] = id; // ok: async-stale-read-across-await (checked after the co_await)
}
Lazy<void> login_all() {
  co_await async_simple::coro::collectAll(login("ann"), login("bob"));
  co_await async_simple::coro::collectAll(login_locked("ann"), login_locked("bob"));
  co_await async_simple::coro::collectAll(login_checked_again("ann"), login_checked_again("bob"));
}

// ---- Started once; one object per start ----

long heartbeats = 0;
Lazy<void> heartbeat() {
  long h = heartbeats;
  co_await backoff();
  heartbeats = h + 1; // ok: async-stale-read-across-await (only one Lazy writes it)
}

struct upload {
  long received = 0;
  Lazy<void> receive(long chunk) {
    long r = received;
    co_await backoff();
    received = r + chunk; // ok: async-stale-read-across-await (one upload per Lazy)
  }
};
Lazy<void> on_upload(std::shared_ptr<upload> own) { co_await own->receive(64); }

void start_background(async_simple::Executor &ex) {
  heartbeat().via(&ex).start([](auto &&) {});
  for (int i = 0; i < 8; ++i)
    on_upload(std::make_shared<upload>()).via(&ex).start([](auto &&) {});
}

int main() {
  async_simple::executors::SimpleExecutor ex(4);
  on_messages(ex);
  start_background(ex);
  async_simple::coro::syncAwait(login_all().via(&ex));
}
