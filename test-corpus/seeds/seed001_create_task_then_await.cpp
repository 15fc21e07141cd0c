// CHECKS: async-immediate-await
// Seed 001 (并发执行的三种方式): greetings('刘德华', 1) and greetings('张学友', 2).
//   错误写法: res1 = await asyncio.create_task(...); res2 = await asyncio.create_task(...)
//   "still 3 s": each task is awaited the moment it is created.
//   The fixes: create both tasks, then await them (2 s); asyncio.TaskGroup;
//   asyncio.gather; asyncio.to_thread for a blocking function.
// Time units are milliseconds here so the program runs fast.
#include <minitask/task.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <tuple>

using namespace std::chrono_literals;

minitask::task<std::string> greetings(std::string name, std::chrono::milliseconds delay) {
  co_await minitask::sleep_for(delay);
  co_return "Hello! " + name;
}

// 错误写法: 创建好 task 任务对象后立马 await, 还是会消耗3秒
minitask::task<void> wrong() {
  std::string res1 = co_await minitask::spawn(greetings("Andy Lau", 10ms)); // expect: async-immediate-await {{the task started by 'minitask::spawn' ('greetings') is awaited before the next independent one starts: the 2 tasks run one after another instead of concurrently}}
  std::printf("%s\n", res1.c_str());
  std::string res2 = co_await minitask::spawn(greetings("Jacky Cheung", 20ms)); // expect-note: {{the next task starts here, only after the previous one has finished}}
  std::printf("%s\n", res2.c_str());
}

// 并发运行: 先创建好任务, 再分别 await (2 s)
minitask::task<void> create_then_await() {
  auto task1 = minitask::spawn(greetings("Andy Lau", 10ms));     // ok: async-immediate-await
  auto task2 = minitask::spawn(greetings("Jacky Cheung", 20ms)); // ok: async-immediate-await
  std::string res1 = co_await task1;                              // ok: async-immediate-await
  std::printf("%s\n", res1.c_str());
  std::string res2 = co_await task2; // ok: async-immediate-await
  std::printf("%s\n", res2.c_str());
}

// asyncio.gather / TaskGroup: run them together, results in order.
minitask::task<void> gather() {
  auto [res1, res2] = co_await minitask::when_all(greetings("Andy Lau", 10ms), // ok: async-immediate-await
                                                  greetings("Jacky Cheung", 20ms));
  std::printf("%s\n%s\n", res1.c_str(), res2.c_str());
}

// 同步运行 (3 s) with plain awaits: sequential by design, not a spawn.
minitask::task<void> synchronous() {
  std::string res1 = co_await greetings("Andy Lau", 10ms); // ok: async-immediate-await
  std::string res2 = co_await greetings("Jacky Cheung", 20ms); // ok: async-immediate-await
  std::printf("%s\n%s\n", res1.c_str(), res2.c_str());
}

// asyncio.to_thread(block_function, ...) next to asyncio.sleep(1): the
// blocking function goes to a pool while the loop goes on.
std::string block_function(std::string url) {
  std::this_thread::sleep_for(20ms);
  return "sync function done: " + url;
}

minitask::task<std::string> on_pool(minitask::thread_pool &pool, std::string url) {
  co_await minitask::schedule_on(pool);
  co_return block_function(url);
}

minitask::task<void> to_thread(minitask::thread_pool &pool) {
  auto [result, slept] = co_await minitask::when_all(on_pool(pool, "localhost:5173"), // ok: async-immediate-await
                                                     greetings("sleep", 10ms));
  std::printf("%s / %s\n", result.c_str(), slept.c_str());
}

minitask::task<void> main_task(minitask::thread_pool &pool) {
  co_await wrong();
  co_await create_then_await();
  co_await gather();
  co_await synchronous();
  co_await to_thread(pool);
}

int main() {
  minitask::thread_pool pool(2);
  minitask::scheduler loop;
  minitask::sync_wait(loop, main_task(pool));
}
