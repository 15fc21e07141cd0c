// CHECKS: async-immediate-await
// A thread joined right after it starts, or a std::jthread that dies at once,
// runs its function while the caller only waits: nothing overlaps.
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

std::atomic<int> done{0};

void work(int n) {
  std::this_thread::sleep_for(2ms);
  done += n;
}

void joined_right_after_start() {
  std::thread t(work, 1); // expect: async-immediate-await {{'std::thread' starts 'work' concurrently, but 't' is waited for right after, with no other work in between}}
  t.join(); // expect-note: {{'t' is waited for here}}
}

void joined_in_the_same_expression() {
  std::thread(work, 2).join(); // expect: async-immediate-await {{'std::thread' starts 'work' concurrently, but it is waited for at once with 'join'}}
}

void jthread_temporary() {
  std::jthread{work, 3}; // expect: async-immediate-await {{a temporary 'std::jthread' joins 'work' at the end of the full-expression}}
  std::jthread([] { work(4); }); // expect: async-immediate-await {{a temporary 'std::jthread' joins a lambda}}
}

void jthread_per_iteration() {
  for (int i = 0; i < 3; ++i) {
    std::jthread t(work, i); // expect: async-immediate-await {{'t' is destroyed right after, with no other work in between, and its destructor waits}}
  }
}

void thread_joined_in_each_iteration() {
  for (int i = 0; i < 3; ++i) {
    auto t = std::thread(work, i); // expect: async-immediate-await {{each loop iteration waits before the next starts; start the threads in the loop}}
    t.join();
  }
}

// ---- The fixes, and what is not the mistake ----

void caller_works_before_join() {
  std::thread t(work, 5); // ok: async-immediate-await
  work(6);
  t.join(); // ok: async-immediate-await
}

void detached() {
  std::thread t(work, 7); // ok: async-immediate-await
  t.detach();
}

void started_in_the_loop_joined_after() {
  std::vector<std::thread> threads;
  for (int i = 0; i < 3; ++i)
    threads.emplace_back(work, i); // ok: async-immediate-await
  for (auto &t : threads)
    t.join(); // ok: async-immediate-await
}

void jthreads_outlive_other_work() {
  std::jthread a(work, 8); // ok: async-immediate-await
  std::jthread b(work, 9); // ok: async-immediate-await
  work(10);
}

void jthreads_at_the_end_of_the_block() {
  std::jthread a(work, 13); // ok: async-immediate-await
  std::jthread b(work, 14); // ok: async-immediate-await
}

void joined_in_reverse_order() {
  std::thread a(work, 15); // ok: async-immediate-await
  std::thread b(work, 16); // ok: async-immediate-await
  b.join();
  a.join();
}

void jthreads_kept_in_a_container() {
  std::vector<std::jthread> threads;
  for (int i = 0; i < 3; ++i)
    threads.push_back(std::jthread(work, i)); // ok: async-immediate-await
}

void moved_thread_is_not_a_start() {
  std::thread t(work, 11);            // ok: async-immediate-await
  std::thread owner(std::move(t));    // ok: async-immediate-await
  owner.join();
}

void temporary_jthread_detached() {
  std::jthread(work, 12).detach(); // ok: async-immediate-await
}

void default_jthread_runs_nothing() {
  std::jthread idle; // ok: async-immediate-await
}

int main() {
  joined_right_after_start();
  joined_in_the_same_expression();
  jthread_temporary();
  jthread_per_iteration();
  thread_joined_in_each_iteration();
  caller_works_before_join();
  detached();
  started_in_the_loop_joined_after();
  jthreads_outlive_other_work();
  jthreads_kept_in_a_container();
  jthreads_at_the_end_of_the_block();
  joined_in_reverse_order();
  moved_thread_is_not_a_start();
  default_jthread_runs_nothing();
  temporary_jthread_detached();
  std::this_thread::sleep_for(20ms); // the detached thread
  std::printf("%d\n", done.load());
}
