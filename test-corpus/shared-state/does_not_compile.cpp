// CHECKS: async-unguarded-shared-state
// EXPECT-COMPILE-ERRORS
// NO-RUN
// Broken code must not crash the check: unknown entries, missing members,
// a thread started with something that is not callable.
#include <mutex>
#include <thread>

int counter = 0;
std::mutex m;

void worker() {
  std::lock_guard<std::mutex> lock(undeclared_mutex);
  ++counter; // ok: async-unguarded-shared-state
  counter.reset();
}

int main() {
  std::thread a(missing_function);
  std::thread b(worker, 1, 2, 3);
  std::thread c(42);
  std::thread d([&] { ++counter; no_such_call(); }); // ok: async-unguarded-shared-state
  a.join();
  b.join();
  c.join();
  d.join();
}
