// The coroutines of the pipeline, on a single-threaded scheduler.
#include "stages.h"

#include <minitask/task.hpp>

namespace {

// A helper of this unit in front of the stage of another unit.
void drain_all() { pipeline::drain(4); } // expect-note: {{'(anonymous namespace)::drain_all' calls 'pipeline::drain' here}}

} // namespace

minitask::task<int> run_batches(int n) {
  drain_all(); // expect: async-blocking-in-coroutine {{call to '(anonymous namespace)::drain_all' blocks inside coroutine 'run_batches': it reaches 'usleep'}}
  co_return pipeline::count_down(n); // ok: async-blocking-in-coroutine
}

minitask::task<int> run_on_pool(minitask::thread_pool &pool, int n) {
  co_await minitask::schedule_on(pool);
  pipeline::drain(n); // ok: async-blocking-in-coroutine
  co_return n;
}

int main() {
  minitask::scheduler sched;
  minitask::thread_pool pool(2);
  auto batches = [&]() -> minitask::task<int> {
    pipeline::drain(2); // expect: async-blocking-in-coroutine {{call to 'pipeline::drain' blocks inside coroutine lambda}}
    co_return co_await run_batches(3);
  };
  int total = minitask::sync_wait(sched, batches()) + minitask::sync_wait(sched, run_on_pool(pool, 2));
  return total > 0 ? 0 : 1;
}
