// Synchronous waits for other threads inside coroutines, against the
// non-blocking forms (zero timeouts, try_ operations, readiness checks).
#include <asio.hpp>
#include <minitask/task.hpp>

#include <barrier>
#include <chrono>
#include <condition_variable>
#include <future>
#include <latch>
#include <mutex>
#include <pthread.h>
#include <semaphore>
#include <thread>

using namespace std::chrono_literals;

std::mutex m;
std::condition_variable cv;
bool ready = false;

asio::awaitable<int> waits(std::future<int> f, std::shared_future<int> sf, std::thread &t) {
  int a = f.get();  // expect: async-blocking-in-coroutine {{'std::future::get' waits synchronously for another thread}}
  sf.wait();        // expect: async-blocking-in-coroutine {{'std::shared_future::wait'}}
  t.join();         // expect: async-blocking-in-coroutine {{'std::thread::join'}}
  std::unique_lock<std::mutex> lock(m);
  cv.wait(lock, [] { return ready; }); // expect: async-blocking-in-coroutine {{'std::condition_variable::wait'}}
  co_return a;
}

minitask::task<> more_waits(std::future<void> f, std::counting_semaphore<4> &sem, std::latch &l,
                            std::barrier<> &b, pthread_t th) {
  f.wait_for(100ms);        // expect: async-blocking-in-coroutine {{'std::future::wait_for'}}
  sem.acquire();            // expect: async-blocking-in-coroutine {{'std::counting_semaphore::acquire'}}
  l.wait();                 // expect: async-blocking-in-coroutine {{'std::latch::wait'}}
  b.arrive_and_wait();      // expect: async-blocking-in-coroutine {{'std::barrier::arrive_and_wait'}}
  pthread_join(th, nullptr); // expect: async-blocking-in-coroutine {{'pthread_join'}}
  co_return;
}

// Polls and non-blocking attempts are not waits.
minitask::task<bool> polls(std::future<int> &f, std::counting_semaphore<4> &sem, std::latch &l) {
  bool done = f.wait_for(0s) == std::future_status::ready;                     // ok: async-blocking-in-coroutine
  done = done && f.wait_for(std::chrono::milliseconds(0)) != std::future_status::timeout; // ok: async-blocking-in-coroutine
  done = done && f.wait_for(std::chrono::seconds::zero()) == std::future_status::ready;  // ok: async-blocking-in-coroutine
  done = done && sem.try_acquire();                                            // ok: async-blocking-in-coroutine
  done = done && l.try_wait();                                                 // ok: async-blocking-in-coroutine
  done = done && f.valid();                                                    // ok: async-blocking-in-coroutine
  co_return done;
}

// The same waits on a plain thread are what threads are for.
int plain_thread(std::future<int> f, std::thread &t) {
  t.join();       // ok: async-blocking-in-coroutine
  return f.get(); // ok: async-blocking-in-coroutine
}

// Runs the coroutines so that the runtime can confirm each wait: a helper
// thread releases one wait every 80 ms, in the order the coroutines wait.
int main() {
  std::promise<int> first, second;
  std::promise<void> third;
  std::counting_semaphore<4> sem(0);
  std::latch l(1);
  std::barrier<> b(2);
  std::thread sleeper([] { std::this_thread::sleep_for(240ms); });
  pthread_t last;
  pthread_create(&last, nullptr, [](void *) -> void * {
    std::this_thread::sleep_for(720ms);
    return nullptr;
  }, nullptr);
  std::thread releaser([&] {
    auto stage = [] { std::this_thread::sleep_for(80ms); };
    stage();
    first.set_value(1);
    stage();
    second.set_value(2);
    stage(); // the sleeper ends: join returns
    stage();
    {
      std::lock_guard<std::mutex> lock(m);
      ready = true;
    }
    cv.notify_all();
    stage(); // wait_for(100ms) times out meanwhile
    stage();
    sem.release();
    stage();
    l.count_down();
    stage();
    b.arrive_and_wait();
  });
  asio::io_context io;
  asio::co_spawn(io, waits(first.get_future(), second.get_future().share(), sleeper), asio::detached);
  io.run();
  minitask::scheduler loop;
  minitask::sync_wait(loop, more_waits(third.get_future(), sem, l, b, last));
  releaser.join();

  std::promise<int> p;
  p.set_value(1);
  std::future<int> f = p.get_future();
  std::thread idle([] {});
  return plain_thread(std::move(f), idle) == 1 ? 0 : 1;
}
