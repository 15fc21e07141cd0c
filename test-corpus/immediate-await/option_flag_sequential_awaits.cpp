// CHECKS: async-immediate-await
// CONFIG: {CheckOptions: {async-immediate-await.FlagSequentialAwaits: true}}
// With FlagSequentialAwaits, lazy coroutines awaited one after another are
// reported too when none uses an earlier result: they could run together
// with when_all.
#include <minitask/task.hpp>

#include <chrono>
#include <cstdio>

minitask::task<int> fetch(int id) {
  co_await minitask::sleep_for(std::chrono::milliseconds(id));
  co_return id;
}

minitask::task<int> add_one(int x) { co_return x + 1; }

minitask::task<int> independent() {
  int a = co_await fetch(1); // expect: async-immediate-await {{coroutine 'fetch' is awaited before the next independent one starts: the 2 coroutines run one after another}}
  int b = co_await fetch(2); // expect-note: {{the next task starts here}}
  co_return a + b;
}

minitask::task<int> dependent() {
  int a = co_await fetch(1);   // ok: async-immediate-await
  int b = co_await add_one(a); // ok: async-immediate-await
  co_return b;
}

minitask::task<int> grouped() {
  auto [a, b] = co_await minitask::when_all(fetch(1), fetch(2)); // ok: async-immediate-await
  auto [c, d] = co_await minitask::when_all(fetch(3), fetch(4)); // ok: async-immediate-await
  co_return a + b + c + d;
}

minitask::task<int> library_operations_are_not_tasks() {
  co_await minitask::sleep_for(std::chrono::milliseconds(1)); // ok: async-immediate-await
  co_await minitask::sleep_for(std::chrono::milliseconds(1)); // ok: async-immediate-await
  co_return 0;
}

struct Client {
  int sent = 0;
  minitask::task<int> send(int n) {
    sent += n;
    co_return sent;
  }
  minitask::task<int> session() {
    // Member coroutines share their object: the order may matter.
    co_await send(1);        // ok: async-immediate-await
    co_return co_await send(2); // ok: async-immediate-await
  }
};

// Under the option, the driver below is itself such a sequence: the five
// awaited coroutines are independent and could run under one when_all.
minitask::task<int> all() {
  Client client;
  int total = co_await independent(); // expect: async-immediate-await {{the 5 coroutines run one after another}}
  total += co_await dependent();
  total += co_await grouped();
  total += co_await library_operations_are_not_tasks();
  total += co_await client.session();
  co_return total;
}

int main() {
  minitask::scheduler loop;
  std::printf("%d\n", minitask::sync_wait(loop, all()));
}
