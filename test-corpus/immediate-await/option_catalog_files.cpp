// CHECKS: async-immediate-await
// CONFIG: {CheckOptions: {CatalogFiles: '%S/data/spawn-catalog.json'}}
// A catalog file adds a library's spawn function and its advice: no C++
// change.
#include <minitask/task.hpp>

#include <chrono>
#include <cstdio>
#include <utility>

namespace acme {
template <typename T> minitask::join_handle<T> go(minitask::task<T> t) {
  return minitask::spawn(std::move(t));
}
} // namespace acme

minitask::task<int> job(int id) {
  co_await minitask::sleep_for(std::chrono::milliseconds(id));
  co_return id;
}

minitask::task<int> jobs() {
  int a = co_await acme::go(job(1)); // expect: async-immediate-await {{the task started by 'acme::go' ('job') is awaited before the next independent one starts: the 2 tasks run one after another instead of concurrently; call acme::go for every job first, then co_await the handles}}
  int b = co_await acme::go(job(2));
  co_return a + b;
}

minitask::task<int> jobs_together() {
  auto a = acme::go(job(1)); // ok: async-immediate-await
  auto b = acme::go(job(2)); // ok: async-immediate-await
  co_return co_await a + co_await b;
}

minitask::task<int> all() { co_return co_await jobs() + co_await jobs_together(); }

int main() {
  minitask::scheduler loop;
  std::printf("%d\n", minitask::sync_wait(loop, all()));
}
