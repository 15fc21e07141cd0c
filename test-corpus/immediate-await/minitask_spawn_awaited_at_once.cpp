// CHECKS: async-immediate-await
// In a coroutine, awaiting a spawn does not block the thread, so one spawn
// awaited at once (moving work elsewhere) is fine. Two spawns each awaited
// before the next is created run one after another: 1 + 2 time units, not 2.
#include <minitask/task.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace std::chrono_literals;

minitask::task<int> fetch(int id) {
  co_await minitask::sleep_for(std::chrono::milliseconds(id));
  co_return id;
}

minitask::task<int> add_one(int x) { co_return x + 1; }

minitask::task<int> two_in_a_row() {
  int a = co_await minitask::spawn(fetch(1)); // expect: async-immediate-await {{the task started by 'minitask::spawn' ('fetch') is awaited before the next independent one starts: the 2 tasks run one after another instead of concurrently; spawn all the tasks first}}
  int b = co_await minitask::spawn(fetch(2)); // expect-note: {{the next task starts here, only after the previous one has finished}}
  co_return a + b;
}

minitask::task<int> three_in_a_row_with_printing() {
  int a = co_await minitask::spawn(fetch(1)); // expect: async-immediate-await {{the 3 tasks run one after another}}
  std::printf("%d\n", a);
  int b = co_await minitask::spawn(fetch(2));
  std::printf("%d\n", b);
  co_await minitask::spawn(fetch(3));
  co_return a + b;
}

minitask::task<int> handles_awaited_at_once() {
  auto first = minitask::spawn(fetch(1)); // expect: async-immediate-await {{the 2 tasks run one after another}}
  int a = co_await first;
  auto second = minitask::spawn(fetch(2));
  int b = co_await second;
  co_return a + b;
}

minitask::task<int> results_into_a_local_vector() {
  std::vector<int> results;
  results.push_back(co_await minitask::spawn(fetch(1))); // expect: async-immediate-await {{the 2 tasks}}
  results.push_back(co_await minitask::spawn(fetch(2)));
  co_return results[0] + results[1];
}

minitask::task<int> awaited_in_each_iteration(std::vector<int> ids) {
  int total = 0;
  for (int id : ids)
    total += co_await minitask::spawn(fetch(id)); // expect: async-immediate-await {{the task started by 'minitask::spawn' ('fetch') is awaited in the same loop iteration that starts it: the iterations run one after another instead of concurrently; spawn the tasks in the loop, keep the join_handles}}
  for (int i = 0; i < 2; ++i) {
    auto h = minitask::spawn(fetch(i)); // expect: async-immediate-await {{awaited in the same loop iteration}}
    total += co_await h;
  }
  co_return total;
}

// ---- The fixes, and what is not the mistake ----

minitask::task<int> one_spawn_awaited_at_once() {
  // Like asyncio.to_thread: the work runs elsewhere, the coroutine suspends.
  co_return co_await minitask::spawn(fetch(1)); // ok: async-immediate-await
}

minitask::task<int> spawn_all_then_await() {
  auto a = minitask::spawn(fetch(1)); // ok: async-immediate-await
  auto b = minitask::spawn(fetch(2)); // ok: async-immediate-await
  co_return co_await a + co_await b;  // ok: async-immediate-await
}

minitask::task<int> when_all() {
  auto [a, b] = co_await minitask::when_all(fetch(1), fetch(2)); // ok: async-immediate-await
  co_return a + b;
}

minitask::task<int> dependent_chain() {
  int a = co_await minitask::spawn(fetch(1));      // ok: async-immediate-await
  int b = co_await minitask::spawn(add_one(a));    // ok: async-immediate-await
  int c = a + b;
  co_return co_await minitask::spawn(add_one(c));  // ok: async-immediate-await
}

minitask::task<int> paced_on_purpose() {
  int a = co_await minitask::spawn(fetch(1)); // ok: async-immediate-await
  co_await minitask::sleep_for(1ms);
  int b = co_await minitask::spawn(fetch(2)); // ok: async-immediate-await
  co_return a + b;
}

int g_last = 0;

minitask::task<int> result_published_before_the_next_start() {
  g_last = co_await minitask::spawn(fetch(1)); // ok: async-immediate-await
  co_return co_await minitask::spawn(fetch(2)); // ok: async-immediate-await
}

minitask::task<int> iterations_depend_on_each_other() {
  int x = 0;
  for (int i = 0; i < 3; ++i)
    x = co_await minitask::spawn(add_one(x)); // ok: async-immediate-await
  co_return x;
}

minitask::task<int> loop_stops_on_a_result() {
  int total = 0;
  for (int i = 0; i < 5; ++i) {
    int r = co_await minitask::spawn(fetch(i)); // ok: async-immediate-await
    if (r > 2)
      break;
    total += r;
  }
  co_return total;
}

minitask::task<int> paced_loop() {
  int total = 0;
  for (int i = 0; i < 3; ++i) {
    total += co_await minitask::spawn(fetch(i)); // ok: async-immediate-await
    co_await minitask::sleep_for(1ms);
  }
  co_return total;
}

// An endless loop follows events one by one (defined, not run).
minitask::task<void> serve_forever() {
  for (;;)
    co_await minitask::spawn(fetch(1)); // ok: async-immediate-await
}

minitask::task<int> while_loop_with_a_counter() {
  int i = 0, total = 0;
  while (i < 3) {
    total += co_await minitask::spawn(fetch(i)); // ok: async-immediate-await
    ++i;
  }
  co_return total;
}

minitask::task<int> spawned_in_the_loop_awaited_after() {
  std::vector<minitask::join_handle<int>> handles;
  for (int i = 0; i < 3; ++i)
    handles.push_back(minitask::spawn(fetch(i))); // ok: async-immediate-await
  int total = 0;
  for (auto &h : handles)
    total += co_await h; // ok: async-immediate-await
  co_return total;
}

minitask::task<int> sequential_lazy_awaits_are_not_spawns() {
  int a = co_await fetch(1); // ok: async-immediate-await
  int b = co_await fetch(2); // ok: async-immediate-await
  co_return a + b;
}

minitask::task<int> all() {
  int total = co_await two_in_a_row();
  total += co_await three_in_a_row_with_printing();
  total += co_await handles_awaited_at_once();
  total += co_await results_into_a_local_vector();
  total += co_await awaited_in_each_iteration({1, 2});
  total += co_await one_spawn_awaited_at_once();
  total += co_await spawn_all_then_await();
  total += co_await when_all();
  total += co_await dependent_chain();
  total += co_await paced_on_purpose();
  total += co_await result_published_before_the_next_start();
  total += co_await iterations_depend_on_each_other();
  total += co_await loop_stops_on_a_result();
  total += co_await paced_loop();
  total += co_await while_loop_with_a_counter();
  total += co_await spawned_in_the_loop_awaited_after();
  total += co_await sequential_lazy_awaits_are_not_spawns();
  co_return total;
}

int main() {
  minitask::scheduler loop;
  std::printf("%d\n", minitask::sync_wait(loop, all()));
}
