// Seed 002: two hello() coroutines on one event loop. With asyncio.sleep they
// overlap (one thread, 1 s in all); with time.sleep they run one after the
// other. The minitask version, and the same with a cppcoro-style
// thread-pool switch (asyncio.to_thread).
#include <minitask/task.hpp>

#include <chrono>
#include <cstdio>
#include <thread>

using namespace std::chrono_literals;

minitask::task<> hello_blocking() {
  std::puts("Hello world!");
  std::this_thread::sleep_for(1ms); // expect: async-blocking-in-coroutine {{'std::this_thread::sleep_for' puts the thread to sleep inside coroutine 'hello_blocking'}}
  std::puts("Hello again!");
  co_return;
}

minitask::task<> hello() {
  std::puts("Hello world!");              // ok: async-blocking-in-coroutine
  co_await minitask::sleep_for(1ms);      // ok: async-blocking-in-coroutine
  std::puts("Hello again!");
}

minitask::task<> hello_on_pool(minitask::thread_pool &pool) {
  co_await minitask::schedule_on(pool);
  std::this_thread::sleep_for(1ms); // ok: async-blocking-in-coroutine
}

minitask::task<> main_task(minitask::thread_pool &pool) {
  co_await minitask::when_all(hello(), hello());
  co_await minitask::when_all(hello_blocking(), hello_blocking());
  co_await hello_on_pool(pool);
}

int main() {
  minitask::scheduler loop;
  minitask::thread_pool pool(1);
  minitask::sync_wait(loop, main_task(pool));
}
