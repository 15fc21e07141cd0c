// NOLINT and NOLINTNEXTLINE silence one finding; the others stay.
// NO-RUN
#include <minitask/task.hpp>

#include <unistd.h>

minitask::task<> startup() {
  ::usleep(1); // NOLINT(async-blocking-in-coroutine) ok: async-blocking-in-coroutine
  // NOLINTNEXTLINE(async-blocking-in-coroutine)
  ::usleep(2); // ok: async-blocking-in-coroutine
  ::usleep(3); // expect: async-blocking-in-coroutine {{'usleep'}}
  co_return;
}

int main() { return 0; }
