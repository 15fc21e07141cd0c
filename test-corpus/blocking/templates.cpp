// Coroutine templates: a blocking call is reported once, however many times
// the template is instantiated; a call that blocks only for some template
// arguments is reported where it does.
#include <minitask/task.hpp>

#include <chrono>
#include <future>
#include <thread>

using namespace std::chrono_literals;

template <typename T> minitask::task<T> delayed(T value) {
  std::this_thread::sleep_for(1ms); // expect: async-blocking-in-coroutine {{'std::this_thread::sleep_for'}}
  co_return value;
}

struct Ready {
  int get() const { return 1; } // not a future: nothing waits
};

template <typename Source> minitask::task<int> read_from(Source source) {
  co_return source.get(); // expect: async-blocking-in-coroutine {{'std::future::get'}}
}

int main() {
  minitask::scheduler loop;
  int total = minitask::sync_wait(loop, delayed(1)) + static_cast<int>(minitask::sync_wait(loop, delayed(2.0)));
  total += minitask::sync_wait(loop, read_from(Ready{})); // ok: async-blocking-in-coroutine
  std::promise<int> p;
  p.set_value(3);
  total += minitask::sync_wait(loop, read_from(p.get_future()));
  return total == 7 ? 0 : 1;
}
