// A coroutine that blocks is reported here, in its own body; awaiting it
// from another unit (handlers.cpp) is not a second finding.
#include "audit.h"

#include <chrono>
#include <thread>

asio::awaitable<void> audit_access(int user_id) {
  if (user_id < 0)
    std::this_thread::sleep_for(std::chrono::milliseconds(1)); // expect: async-blocking-in-coroutine {{'std::this_thread::sleep_for' puts the thread to sleep inside coroutine 'audit_access'}}
  co_return;
}
