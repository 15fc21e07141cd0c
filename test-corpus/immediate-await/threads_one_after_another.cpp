// CHECKS: async-immediate-await
// NO-RUN
// Two threads each joined right after it starts: each one is serialised,
// and the second is no less serialised because a thread was started earlier
// in the block (that one had already been joined). A thread started earlier
// and still running is different: the caller waits for both together.
#include <future>
#include <thread>

void f() {}
void g() {}
int compute(int x) { return x * 2; }

void two_threads_each_joined_at_once() {
  std::thread t1(f); // expect: async-immediate-await {{'std::thread' starts 'f' concurrently, but 't1' is waited for right after}}
  t1.join();
  std::thread t2(g); // expect: async-immediate-await {{'std::thread' starts 'g' concurrently, but 't2' is waited for right after}}
  t2.join();
}

int two_futures_each_waited_at_once() {
  auto a = std::async(std::launch::async, compute, 1); // expect: async-immediate-await {{'a' is waited for right after}}
  int x = a.get();
  auto b = std::async(std::launch::async, compute, 2); // expect: async-immediate-await {{'b' is waited for right after}}
  return x + b.get();
}

void first_still_running() {
  std::thread t1(f); // ok: async-immediate-await
  std::thread t2(g); // ok: async-immediate-await (t1 runs while t2 is joined)
  t2.join();
  t1.join();
}

void first_joined_in_a_branch(bool early) {
  std::thread t1(f); // ok: async-immediate-await
  if (early)
    t1.join();
  std::thread t2(g); // ok: async-immediate-await (t1 may still be running)
  t2.join();
  if (t1.joinable())
    t1.join();
}

void first_handed_away(std::thread &keep) {
  std::thread t1(f);      // ok: async-immediate-await
  keep = std::move(t1);   // still running, joined elsewhere
  std::thread t2(g);      // ok: async-immediate-await
  t2.join();
}

int main() {
  two_threads_each_joined_at_once();
  int x = two_futures_each_waited_at_once();
  first_still_running();
  first_joined_in_a_branch(true);
  std::thread keep;
  first_handed_away(keep);
  keep.join();
  return x;
}
