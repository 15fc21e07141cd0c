// FollowHelpers=false: only direct calls are reported.
// CHECKS: async-blocking-in-coroutine
// CONFIG: {CheckOptions: {async-blocking-in-coroutine.FollowHelpers: false}}
// NO-RUN
#include <minitask/task.hpp>

#include <unistd.h>

void nap() { ::usleep(1); }

minitask::task<> handler() {
  nap();       // ok: async-blocking-in-coroutine
  ::usleep(1); // expect: async-blocking-in-coroutine {{'usleep'}}
  co_return;
}

int main() { return 0; }
