// Blocking reached through helper functions of the translation unit: the
// warning sits on the call in the coroutine, notes walk down to the blocking
// call. Cycles, declarations without bodies and calls through pointers.
#include <minitask/task.hpp>

#include <chrono>
#include <cstdio>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;

void flush_to_disk() {
  std::FILE *f = std::fopen("/tmp/asynclint-helpers.txt", "w"); // expect-note: {{'flush_to_disk' calls 'fopen', which does blocking I/O}}
  if (f)
    std::fclose(f);
}
void save_state() { flush_to_disk(); } // expect-note: {{'save_state' calls 'flush_to_disk' here}}
void on_request() { save_state(); }    // expect-note: {{'on_request' calls 'save_state' here}}

// Mutual recursion that reaches a sleep.
void ping(int n);
void pong(int n) {
  if (n > 0)
    ping(n - 1);
  else
    ::usleep(1);
}
void ping(int n) { pong(n); }

// Mutual recursion that never blocks.
int even(int n);
int odd(int n) { return n == 0 ? 0 : even(n - 1); }
int even(int n) { return n == 0 ? 1 : odd(n - 1); }

// Declared only: nothing is known about it, so nothing is said.
void defined_elsewhere();

struct Repository {
  void load() { std::this_thread::sleep_for(1ms); }
  int size() const { return 3; }
};

minitask::task<> handle(Repository &repo) {
  on_request(); // expect: async-blocking-in-coroutine {{call to 'on_request' blocks inside coroutine 'handle': it reaches 'fopen', which does blocking I/O}}
  ping(3);      // expect: async-blocking-in-coroutine {{call to 'ping' blocks}}
  repo.load();  // expect: async-blocking-in-coroutine {{call to 'Repository::load' blocks}}
  int n = even(4) + odd(3) + repo.size(); // ok: async-blocking-in-coroutine
  (void)n;
  co_return;
}

// Calls the coroutine cannot see into.
minitask::task<> opaque(void (*callback)()) {
  callback();           // ok: async-blocking-in-coroutine
  defined_elsewhere();  // ok: async-blocking-in-coroutine
  co_return;
}

// A coroutine calling a blocking coroutine: the warning is inside the callee,
// where the call happens, not repeated at each caller.
minitask::task<> blocking_child() {
  ::sleep(0); // expect: async-blocking-in-coroutine {{inside coroutine 'blocking_child'}}
  co_return;
}
minitask::task<> parent() {
  co_await blocking_child(); // ok: async-blocking-in-coroutine
}

// Helpers called from plain functions are no concern of this check.
void plain() {
  on_request(); // ok: async-blocking-in-coroutine
  ping(2);      // ok: async-blocking-in-coroutine
}

int main() {
  minitask::scheduler loop;
  Repository repo;
  minitask::sync_wait(loop, handle(repo));
  minitask::sync_wait(loop, parent());
  minitask::sync_wait(loop, opaque(+[] {}));
  plain();
}

void defined_elsewhere() {}
