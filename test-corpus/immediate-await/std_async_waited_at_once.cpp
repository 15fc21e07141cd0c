// CHECKS: async-immediate-await
// std::async starts work on another thread; waiting for its future before the
// caller does anything else makes the call synchronous, only slower.
#include <chrono>
#include <cstdio>
#include <future>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

int compute(int x) {
  std::this_thread::sleep_for(5ms);
  return x * 2;
}

void log_line(const char *text) { std::puts(text); }

int waited_in_the_same_expression() {
  return std::async(std::launch::async, compute, 1).get(); // expect: async-immediate-await {{'std::async' starts 'compute' concurrently, but it is waited for at once with 'get'}}
}

int stored_then_waited() {
  auto f = std::async(std::launch::async, compute, 2); // expect: async-immediate-await {{but 'f' is waited for right after, with no other work in between}}
  int unused = 0;
  (void)unused;
  return f.get(); // expect-note: {{'f' is waited for here}}
}

void stored_then_waited_without_result() {
  std::future<int> f = std::async(std::launch::async, compute, 3); // expect: async-immediate-await {{'f' is waited for right after}}
  f.wait();
}

void discarded() {
  std::async(std::launch::async, compute, 4); // expect: async-immediate-await {{the future returned by 'std::async' is discarded, and its destructor waits for 'compute': the call runs synchronously}}
  (void)std::async(std::launch::async, compute, 5); // expect: async-immediate-await {{is discarded}}
}

void discarded_deferred() {
  std::async(std::launch::deferred, compute, 6); // expect: async-immediate-await {{with a deferred launch policy is discarded: deferred work runs only when its future is waited for, so 'compute' never runs}}
}

void destroyed_at_the_end_of_the_scope() {
  auto f = std::async(std::launch::async, compute, 7); // expect: async-immediate-await {{'f' is destroyed right after, with no other work in between, and its destructor waits}}
} // expect-note: {{'f' is destroyed here}}

int loop_waits_each_iteration() {
  int total = 0;
  for (int i = 0; i < 3; ++i)
    total += std::async(std::launch::async, compute, i).get(); // expect: async-immediate-await {{each loop iteration waits before the next starts; collect the futures in the loop}}
  for (int i = 0; i < 3; ++i) {
    auto f = std::async(std::launch::async, compute, i); // expect: async-immediate-await {{each loop iteration waits}}
    total += f.get();
  }
  return total;
}

// ---- The fixes, and what is not the mistake ----

int create_all_then_wait() {
  auto a = std::async(std::launch::async, compute, 1); // ok: async-immediate-await
  auto b = std::async(std::launch::async, compute, 2); // ok: async-immediate-await
  return a.get() + b.get();                            // ok: async-immediate-await
}

int waited_in_reverse_order() {
  auto a = std::async(std::launch::async, compute, 12); // ok: async-immediate-await
  auto b = std::async(std::launch::async, compute, 13); // ok: async-immediate-await
  int rb = b.get();
  return rb + a.get();
}

void destroyed_together() {
  auto a = std::async(std::launch::async, compute, 14); // ok: async-immediate-await
  auto b = std::async(std::launch::async, compute, 15); // ok: async-immediate-await
}

int work_between_start_and_wait() {
  auto f = std::async(std::launch::async, compute, 3); // ok: async-immediate-await
  int mine = compute(4);
  return mine + f.get(); // ok: async-immediate-await
}

int logging_counts_as_work() {
  auto f = std::async(std::launch::async, compute, 3); // ok: async-immediate-await
  log_line("started");
  return f.get();
}

std::future<int> returned_for_later() {
  return std::async(std::launch::async, compute, 5); // ok: async-immediate-await
}

struct Holder {
  std::future<int> pending;
  void start() {
    pending = std::async(std::launch::async, compute, 6); // ok: async-immediate-await
  }
};

int collected_and_waited_after_the_loop() {
  std::vector<std::future<int>> futures;
  for (int i = 0; i < 3; ++i)
    futures.push_back(std::async(std::launch::async, compute, i)); // ok: async-immediate-await
  int total = 0;
  for (auto &f : futures)
    total += f.get(); // ok: async-immediate-await
  return total;
}

int deferred_waited_at_once_runs_in_place() {
  // Nothing was meant to overlap: deferred work runs in the waiting thread.
  return std::async(std::launch::deferred, compute, 7).get(); // ok: async-immediate-await
}

bool polled_not_waited() {
  auto f = std::async(std::launch::async, compute, 8); // ok: async-immediate-await
  bool ready = f.wait_for(0s) == std::future_status::ready;
  f.get();
  return ready;
}

int waited_only_on_one_branch(bool now) {
  auto f = std::async(std::launch::async, compute, 9); // ok: async-immediate-await
  if (now)
    return f.get();
  return compute(10) + f.get();
}

int moved_away() {
  auto f = std::async(std::launch::async, compute, 11); // ok: async-immediate-await
  std::future<int> g = std::move(f);
  return g.get();
}

int main() {
  int total = waited_in_the_same_expression() + stored_then_waited();
  stored_then_waited_without_result();
  discarded();
  discarded_deferred();
  destroyed_at_the_end_of_the_scope();
  total += loop_waits_each_iteration() + create_all_then_wait() + work_between_start_and_wait();
  // A function that returns std::async's future is a spawn too (its shape).
  total += logging_counts_as_work();
  total += returned_for_later().get(); // expect: async-immediate-await {{'returned_for_later' starts its work concurrently, but it is waited for at once with 'get'}}
  Holder h;
  h.start();
  total += h.pending.get() + collected_and_waited_after_the_loop();
  total += deferred_waited_at_once_runs_in_place() + polled_not_waited();
  total += waited_only_on_one_branch(true) + moved_away() + waited_in_reverse_order();
  destroyed_together();
  std::printf("%d\n", total);
}
