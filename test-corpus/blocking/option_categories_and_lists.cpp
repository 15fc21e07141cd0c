// EnabledCategories turns on the mutex category (off by default);
// DisabledCategories turns blocking-io off; BlockingFunctions adds a user's
// function; AllowedFunctions exempts one (it is neither reported nor followed).
// CHECKS: async-blocking-in-coroutine
// CONFIG: {CheckOptions: {async-blocking-in-coroutine.EnabledCategories: 'mutex', async-blocking-in-coroutine.DisabledCategories: 'blocking-io', async-blocking-in-coroutine.BlockingFunctions: 'app::fetch_sync', async-blocking-in-coroutine.AllowedFunctions: 'app::warm_cache;usleep'}}
// NO-RUN
#include <minitask/task.hpp>

#include <cstdio>
#include <mutex>
#include <unistd.h>

namespace app {
inline int fetch_sync() { return 1; }
inline void warm_cache() { ::sleep(1); }
} // namespace app

std::mutex m;

minitask::task<int> serve() {
  std::lock_guard<std::mutex> guard(m);            // expect: async-blocking-in-coroutine {{'std::lock_guard' may wait for a mutex held by another thread}}
  m.lock();                                        // expect: async-blocking-in-coroutine {{'std::mutex::lock'}}
  m.unlock();                                      // ok: async-blocking-in-coroutine
  std::unique_lock<std::mutex> later(m, std::defer_lock); // ok: async-blocking-in-coroutine
  bool got = m.try_lock();                         // ok: async-blocking-in-coroutine
  int n = app::fetch_sync();                       // expect: async-blocking-in-coroutine {{'app::fetch_sync' is listed as blocking in the check's BlockingFunctions option}}
  app::warm_cache();                               // ok: async-blocking-in-coroutine
  ::usleep(1);                                     // ok: async-blocking-in-coroutine
  std::FILE *f = std::fopen("/dev/null", "r");     // ok: async-blocking-in-coroutine
  std::fclose(f);
  ::sleep(0);                                      // expect: async-blocking-in-coroutine {{'sleep'}}
  co_return n + got;
}

int main() { return 0; }
