// CHECKS: async-immediate-await
// CONFIG: {CheckOptions: {async-immediate-await.SpawnFunctions: 'mylib::start;mylib::Executor::launch'}}
// A project's own spawn functions, named in the SpawnFunctions option, are
// treated like the catalog's.
#include <minitask/task.hpp>

#include <chrono>
#include <cstdio>
#include <utility>

namespace mylib {
template <typename T> minitask::join_handle<T> start(minitask::task<T> t) {
  return minitask::spawn(std::move(t));
}
struct Executor {
  template <typename T> minitask::join_handle<T> launch(minitask::task<T> t) {
    return minitask::spawn(std::move(t));
  }
};
} // namespace mylib

// Same name, other namespace, and not a spawn: it runs the task in place
// (a coroutine awaiting it), so nothing is started.
namespace other {
template <typename T> minitask::task<T> start(minitask::task<T> t) { co_return co_await std::move(t); }
} // namespace other

minitask::task<int> fetch(int id) {
  co_await minitask::sleep_for(std::chrono::milliseconds(id));
  co_return id;
}

minitask::task<int> configured() {
  int a = co_await mylib::start(fetch(1)); // expect: async-immediate-await {{the task started by 'mylib::start' ('fetch')}}
  int b = co_await mylib::start(fetch(2));
  co_return a + b;
}

minitask::task<int> configured_member(mylib::Executor &executor) {
  int total = 0;
  for (int i = 1; i < 3; ++i)
    total += co_await executor.launch(fetch(i)); // expect: async-immediate-await {{the task started by 'mylib::Executor::launch' ('fetch') is awaited in the same loop iteration}}
  co_return total;
}

minitask::task<int> not_configured() {
  int a = co_await other::start(fetch(1)); // ok: async-immediate-await
  int b = co_await other::start(fetch(2)); // ok: async-immediate-await
  co_return a + b;
}

minitask::task<int> all() {
  mylib::Executor executor;
  int total = co_await configured();
  total += co_await configured_member(executor);
  total += co_await not_configured();
  co_return total;
}

int main() {
  minitask::scheduler loop;
  std::printf("%d\n", minitask::sync_wait(loop, all()));
}
