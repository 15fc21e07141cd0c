// CHECKS: async-immediate-await
// Seed 000 (异步/协程的基础使用): visit_url(url, response_time).
//   Two visits of 2 s and 3 s should take 3 s together, not 5 s:
//   asyncio.gather(task, task_2), and five create_task(...) in a list
//   comprehension followed by gather(*tasks).
// The C++ twin of awaiting each visit as soon as it is created is the loop
// below that spawns and awaits in the same iteration. Milliseconds, not
// seconds, keep the program fast.
#include <minitask/task.hpp>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

minitask::task<std::string> visit_url(std::string url, int response_ms) {
  co_await minitask::sleep_for(std::chrono::milliseconds(response_ms));
  co_return "visited " + url;
}

// run_task(): gather the two visits.
minitask::task<void> run_task() {
  auto [a, b] = co_await minitask::when_all(visit_url("https://www.baidu.com", 2), // ok: async-immediate-await
                                            visit_url("https://www.baidu.com", 3));
  std::printf("%s\n%s\n", a.c_str(), b.c_str());
}

// main(): tasks = [asyncio.create_task(visit_url(...)) for _ in range(5)],
// then results = await asyncio.gather(*tasks).
minitask::task<void> five_then_gather() {
  std::vector<minitask::join_handle<std::string>> tasks;
  for (int i = 0; i < 5; ++i)
    tasks.push_back(minitask::spawn(visit_url("https://www.baidu.com", 2))); // ok: async-immediate-await
  for (auto &task : tasks) {
    std::string result = co_await task; // ok: async-immediate-await
    std::printf("%s\n", result.c_str());
  }
}

// The mistake: each visit awaited in the iteration that creates it (5 x 2).
minitask::task<void> five_one_by_one() {
  for (int i = 0; i < 5; ++i) {
    std::string result = co_await minitask::spawn(visit_url("https://www.baidu.com", 2)); // expect: async-immediate-await {{the task started by 'minitask::spawn' ('visit_url') is awaited in the same loop iteration that starts it}}
    std::printf("%s\n", result.c_str());
  }
}

minitask::task<void> main_task() {
  co_await run_task();
  co_await five_then_gather();
  co_await five_one_by_one();
}

int main() {
  minitask::scheduler loop;
  minitask::sync_wait(loop, main_task());
}
