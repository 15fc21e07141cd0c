// CHECKS: async-stale-read-across-await
// CONFIG: {CheckOptions: {async-stale-read-across-await.SpawnFunctions: 'jobs::launch', async-stale-read-across-await.AsyncMutexTypes: 'jobs::turnstile'}}
// NO-RUN
// A project's own way to start tasks and its own async lock, named in the
// options: no catalog file needed. Without SpawnFunctions nothing here runs
// concurrently; without AsyncMutexTypes the turnstile protects nothing.
#include <minitask/task.hpp>

#include <chrono>
#include <utility>

namespace jobs {

// Starts a task on the scheduler the caller runs on; it runs concurrently.
template <typename T> void launch(minitask::task<T> work) {
  (void)minitask::spawn(std::move(work));
}

// An async lock: co_await enter(), then unlock().
class turnstile {
public:
  minitask::async_mutex::lock_awaiter enter() { return gate_.lock(); }
  void unlock() { gate_.unlock(); }

private:
  minitask::async_mutex gate_;
};

} // namespace jobs

minitask::task<void> fetch() { co_await minitask::sleep_for(std::chrono::milliseconds(1)); }

long orders = 0;
jobs::turnstile orders_gate;

minitask::task<void> place_order() {
  long o = orders;
  co_await fetch();
  orders = o + 1; // expect: async-stale-read-across-await {{'orders' is written from a value read before a co_await}}
}

minitask::task<void> place_order_through_turnstile() {
  co_await orders_gate.enter();
  long o = orders;
  co_await fetch();
  orders = o + 1; // ok: async-stale-read-across-await
  orders_gate.unlock();
}

minitask::task<void> place_order_leaving_early() {
  co_await orders_gate.enter();
  long o = orders;
  orders_gate.unlock();
  co_await fetch();
  orders = o + 1; // expect: async-stale-read-across-await
}

minitask::task<void> all_orders() {
  for (int i = 0; i < 3; ++i) {
    jobs::launch(place_order()); // expect-note: {{'place_order' is started here in a loop}}
    jobs::launch(place_order_through_turnstile());
    jobs::launch(place_order_leaving_early());
  }
  co_await fetch();
}

int main() {
  minitask::scheduler loop;
  minitask::sync_wait(loop, all_orders());
}
