// Mutex acquisition is a category of its own, off by default: short critical
// sections are common and rarely stall a loop. (Holding a lock across a
// co_await is upstream's misc-coroutine-hostile-raii, not duplicated here.)
#include <minitask/task.hpp>

#include <mutex>
#include <shared_mutex>

std::mutex m;
std::shared_mutex rw;
int counter = 0;

minitask::task<int> bump() {
  {
    std::lock_guard<std::mutex> guard(m); // ok: async-blocking-in-coroutine
    ++counter;
  }
  std::shared_lock reader(rw);            // ok: async-blocking-in-coroutine
  std::scoped_lock both(m);               // ok: async-blocking-in-coroutine
  co_return counter;
}

int main() {
  minitask::scheduler loop;
  return minitask::sync_wait(loop, bump()) == 1 ? 0 : 1;
}
