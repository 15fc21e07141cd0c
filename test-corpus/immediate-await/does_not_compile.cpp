// CHECKS: async-immediate-await
// EXPECT-COMPILE-ERRORS
// NO-RUN
// Broken code around starts and waits: clang reports errors, the check
// must neither crash nor guess.
#include <future>
#include <minitask/task.hpp>
#include <thread>

int compute(int);

void unknown_function() {
  auto f = std::async(std::launch::async, undeclared_function, 1); // ok: async-immediate-await
  f.get();
}

void wrong_member() {
  auto f = std::async(std::launch::async, compute, 1);
  f.no_such_wait();
}

template <typename T> void dependent(T value) {
  auto f = std::async(std::launch::async, value.run);
  f.get();
}

minitask::task<int> bad_await() {
  int a = co_await minitask::spawn(missing_task());
  int b = co_await minitask::spawn(42);
  co_return a + b;
}

void thread_of_nothing() {
  std::thread t(not_a_function);
  t.join();
}
