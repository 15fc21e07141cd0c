// Runtime test program: the C++ waits that block in a futex or a
// clock-based condition wait, inside Asio coroutines (async context) and on
// a plain thread. Each wait blocks about 100 ms for a helper thread.
#include <asio.hpp>

#include <atomic>
#include <barrier>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <future>
#include <latch>
#include <mutex>
#include <semaphore>
#include <string>
#include <thread>

using namespace std::chrono_literals;

namespace {

std::string mode;
/// Joined by main after the loop: a join inside the coroutine would be a
/// wait of its own.
std::thread helper;

/// Runs \p release on the helper thread after 100 ms. The objects it
/// releases are static: they outlive the helper.
template <typename F> void after_a_while(F release) {
  helper = std::thread([release] {
    std::this_thread::sleep_for(100ms);
    release();
  });
}

void wait_once() {
  if (mode == "future-get") {
    static std::promise<int> p;
    std::future<int> f = p.get_future();
    after_a_while([] { p.set_value(1); });
    f.get();
  } else if (mode == "future-ready") {
    std::promise<int> p;
    p.set_value(1);
    p.get_future().get(); // ready: returns without waiting
  } else if (mode == "condition-wait") {
    static std::mutex m;
    static std::condition_variable cv;
    static bool ready = false;
    after_a_while([] {
      std::lock_guard<std::mutex> lock(m);
      ready = true;
      cv.notify_all();
    });
    std::unique_lock<std::mutex> lock(m);
    cv.wait(lock, [] { return ready; });
  } else if (mode == "condition-wait-for") {
    std::mutex m;
    std::condition_variable cv;
    std::unique_lock<std::mutex> lock(m);
    cv.wait_for(lock, 100ms); // times out on the steady clock
  } else if (mode == "latch") {
    static std::latch done(1);
    after_a_while([] { done.count_down(); });
    done.wait();
  } else if (mode == "barrier") {
    static std::barrier<> both(2);
    after_a_while([] { both.arrive_and_wait(); });
    both.arrive_and_wait();
  } else if (mode == "semaphore") {
    static std::counting_semaphore<4> slots(0);
    after_a_while([] { slots.release(); });
    slots.acquire();
  } else if (mode == "atomic-wait") {
    static std::atomic<int> flag{0};
    after_a_while([] {
      flag = 1;
      flag.notify_all();
    });
    flag.wait(0);
  }
}

asio::awaitable<void> waiting_coroutine() {
  wait_once();
  co_return;
}

} // namespace

int main(int argc, char **argv) {
  mode = argc > 1 ? argv[1] : "";
  bool on_plain_thread = argc > 2 && !std::strcmp(argv[2], "plain");
  if (on_plain_thread) {
    wait_once(); // a thread's own wait: not async context
  } else {
    asio::io_context io;
    asio::co_spawn(io, waiting_coroutine(), asio::detached);
    io.run();
  }
  if (helper.joinable())
    helper.join();
  return 0;
}
