// Coroutines that block in their own body. Whether that stalls an event loop
// depends on where they run, which only the units that start them know:
// main (handlers.cpp) starts compact_profiles on the thread pool only, and
// rebuild_index on the pool and on the io_context.
#include "maintenance.h"

#include <chrono>
#include <thread>

asio::awaitable<void> compact_profiles(const profiles::ProfileStore &store) {
  for (int user_id = 0; user_id < store.size_hint(); ++user_id)
    std::this_thread::sleep_for(std::chrono::milliseconds(1)); // ok: async-blocking-in-coroutine
  co_return;
}

asio::awaitable<void> rebuild_index(const profiles::ProfileStore &store) {
  if (store.size_hint() > 100)
    std::this_thread::sleep_for(std::chrono::milliseconds(1)); // expect: async-blocking-in-coroutine {{'std::this_thread::sleep_for' puts the thread to sleep inside coroutine 'rebuild_index'}}
  co_return;
}
