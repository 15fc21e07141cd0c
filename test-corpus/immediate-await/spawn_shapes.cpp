// CHECKS: async-immediate-await
// NO-RUN
// A project's own task library: its spawn is in no catalog and no option, and
// is recognised by its shape (docs/checks/async-immediate-await.md, "Spawns
// the catalog does not name"): a function returning the result of a known
// spawn, or one taking a coroutine object and returning an awaitable handle
// that is not a coroutine. Lazy transformers (task in, task out), functions
// with other parameters (a duration, a callable) and plain awaits are not.
#include <minitask/task.hpp>

#include <chrono>
#include <coroutine>
#include <exception>
#include <future>
#include <utility>

namespace rt {
// The project's own runtime: a spawn that enqueues the task and hands back a
// handle to await (as a Rust-style JoinHandle).
template <typename T> struct join_handle {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  T await_resume() { return T{}; }
};
struct scheduler {
  template <typename T> join_handle<T> spawn(minitask::task<T> task) { return {}; } // expect-note: {{'rt::scheduler::spawn' is taken for a spawn because it takes a coroutine 'task' and returns an awaitable handle 'join_handle' that is not a coroutine itself}}
};
template <typename T> join_handle<T> spawn(minitask::task<T> task) { return {}; }
template <typename T> join_handle<T> spawn_on(scheduler &where, minitask::task<T> &&task) { return {}; }

// A wrapper around a catalogued spawn.
template <typename T> minitask::join_handle<T> go(minitask::task<T> task) {
  return minitask::spawn(std::move(task)); // ok: async-immediate-await
}
inline std::future<int> start_job(int (*job)(int), int x) {
  return std::async(std::launch::async, job, x); // ok: async-immediate-await
}

// Not spawns.
template <typename T> minitask::task<T> with_retry(minitask::task<T> task) { // a lazy transformer
  co_return co_await std::move(task);
}
template <typename T> join_handle<T> with_timeout(minitask::task<T> task, std::chrono::milliseconds d) {
  return {};
}
template <typename T> join_handle<T> inspect(const minitask::task<T> &task) { return {}; }
template <typename... Ts> join_handle<int> all_of(minitask::task<Ts>... tasks) { return {}; }
} // namespace rt

minitask::task<int> fetch(int id) { co_return id; }
int compute(int x) { return x * 2; }

minitask::task<int> own_spawns() {
  int a = co_await rt::spawn(fetch(1)); // expect: async-immediate-await {{the task started by 'rt::spawn' ('fetch') is awaited before the next independent one starts: the 2 tasks run one after another}}
  int b = co_await rt::spawn(fetch(2));
  co_return a + b;
}

minitask::task<int> own_scheduler(rt::scheduler &sched) {
  int c = co_await sched.spawn(fetch(3)); // expect: async-immediate-await {{the task started by 'rt::scheduler::spawn' ('fetch') is awaited before the next independent one starts: the 2 tasks}}
  int d = co_await rt::spawn_on(sched, fetch(4));
  co_return c + d;
}

minitask::task<int> own_spawn_in_a_loop() {
  int total = 0;
  for (int i = 0; i < 3; ++i)
    total += co_await rt::spawn(fetch(i)); // expect: async-immediate-await {{the task started by 'rt::spawn' ('fetch') is awaited in the same loop iteration}}
  co_return total;
}

minitask::task<int> wrapper(minitask::scheduler &loop) {
  int a = co_await rt::go(fetch(1)); // expect: async-immediate-await {{the task started by 'rt::go' ('fetch') is awaited before the next independent one starts}}
  int b = co_await rt::go(fetch(2));
  co_return a + b;
}

int started_and_waited() {
  return rt::start_job(compute, 1).get(); // expect: async-immediate-await {{'rt::start_job' starts 'compute' concurrently, but it is waited for at once with 'get'}}
}

// ---- Not the mistake, or not a spawn ----

minitask::task<int> spawned_first() {
  auto a = rt::spawn(fetch(1)); // ok: async-immediate-await
  auto b = rt::spawn(fetch(2)); // ok: async-immediate-await
  co_return co_await a + co_await b;
}

minitask::task<int> transformers_and_helpers() {
  int a = co_await rt::with_retry(fetch(1));                 // ok: async-immediate-await
  int b = co_await rt::with_retry(fetch(2));                 // ok: async-immediate-await
  int c = co_await rt::with_timeout(fetch(3), std::chrono::milliseconds(5)); // ok: async-immediate-await
  int d = co_await rt::with_timeout(fetch(4), std::chrono::milliseconds(5)); // ok: async-immediate-await
  auto t = fetch(5);
  int e = co_await rt::inspect(t);                           // ok: async-immediate-await
  int f = co_await rt::inspect(t);                           // ok: async-immediate-await
  int g = co_await rt::all_of(fetch(6), fetch(7));           // ok: async-immediate-await
  int h = co_await rt::all_of(fetch(8));                     // ok: async-immediate-await
  co_return a + b + c + d + e + f + g + h;
}

minitask::task<int> dependent() {
  int a = co_await rt::spawn(fetch(1)); // ok: async-immediate-await
  int b = co_await rt::spawn(fetch(a)); // ok: async-immediate-await
  co_return b;
}

int main() {
  minitask::scheduler loop;
  rt::scheduler sched;
  int total = minitask::sync_wait(loop, own_spawns()) + minitask::sync_wait(loop, own_scheduler(sched));
  total += minitask::sync_wait(loop, wrapper(loop));
  total += minitask::sync_wait(loop, own_spawn_in_a_loop()) + started_and_waited();
  total += minitask::sync_wait(loop, spawned_first()) + minitask::sync_wait(loop, transformers_and_helpers());
  return total + minitask::sync_wait(loop, dependent());
}
