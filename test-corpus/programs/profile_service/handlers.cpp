// The coroutines: each runs on the io_context's one thread, so a call that
// blocks anywhere down its chain of helpers stalls every other request.
#include "audit.h"
#include "maintenance.h"
#include "profile_store.h"

#include <asio.hpp>

#include <string>

asio::awaitable<void> serve_profile(const profiles::ProfileStore &store, int user_id) {
  std::string raw = store.load(user_id); // expect: async-blocking-in-coroutine {{call to 'profiles::ProfileStore::load' blocks inside coroutine 'serve_profile': it reaches 'std::basic_ifstream', which does blocking I/O}}
  std::string page = profiles::render(raw); // ok: async-blocking-in-coroutine
  int hint = store.size_hint();              // ok: async-blocking-in-coroutine
  co_await audit_access(user_id);            // ok: async-blocking-in-coroutine
  (void)page;
  (void)hint;
}

asio::awaitable<void> serve_with_retries(const profiles::ProfileStore &store, int user_id) {
  for (int attempt = 0; attempt < 3; ++attempt) {
    if (store.size_hint() > attempt)
      co_return;
    profiles::backoff(attempt); // expect: async-blocking-in-coroutine {{call to 'profiles::backoff' blocks inside coroutine 'serve_with_retries': it reaches 'std::this_thread::sleep_for'}}
  }
}

asio::awaitable<void> serve_quietly(const profiles::ProfileStore &store, int user_id) {
  // A finding the user has looked at and accepted.
  std::string raw = store.load(user_id); // NOLINT(async-blocking-in-coroutine) ok: async-blocking-in-coroutine
  co_return;
}

// Runs only on the pool: blocking there is the fix, not the mistake.
asio::awaitable<void> export_profiles(const profiles::ProfileStore &store) {
  for (int user_id = 0; user_id < 10; ++user_id)
    store.load(user_id); // ok: async-blocking-in-coroutine
  co_return;
}

int main() {
  asio::io_context io;
  asio::thread_pool pool(2);
  profiles::ProfileStore store("/tmp/profiles");
  asio::co_spawn(io, serve_profile(store, 1), asio::detached);
  asio::co_spawn(io, serve_with_retries(store, 2), asio::detached);
  asio::co_spawn(io, serve_quietly(store, 3), asio::detached);
  asio::co_spawn(pool, export_profiles(store), asio::detached);
  asio::co_spawn(pool, compact_profiles(store), asio::detached);
  asio::co_spawn(pool, rebuild_index(store), asio::detached);
  asio::co_spawn(io, rebuild_index(store), asio::detached);
  io.run();
  pool.join();
}
