// CHECKS: async-unguarded-shared-state
// std::async tasks, pthread entries and the helpers they call.
#include <pthread.h>
#include <sched.h>

#include <atomic>
#include <cstdio>
#include <future>
#include <mutex>

long requests = 0;
long served = 0;
std::mutex served_mutex;

// A helper called from both tasks: it runs on their threads too.
void count_request() {
  ++requests; // expect: async-unguarded-shared-state {{'requests' is written in a thread running 'handle' without a lock}}
}

// The caller holds the lock at every call: the helper's access is guarded.
void count_served() {
  ++served; // ok: async-unguarded-shared-state
}

int handle(int n) {
  for (int i = 0; i < 20000; ++i) count_request(); // a window wide enough to overlap
  std::lock_guard<std::mutex> lock(served_mutex);
  count_served();
  return n;
}

int serve_async() {
  auto a = std::async(std::launch::async, handle, 1); // expect-note: {{'handle' starts on another thread here}}
  auto b = std::async(std::launch::async, handle, 2);
  return a.get() + b.get();
}

// std::launch::deferred runs the task in the thread that waits for it.
long deferred_total = 0;
int add_deferred(int n) {
  deferred_total += n; // ok: async-unguarded-shared-state
  return n;
}
int serve_deferred() {
  auto a = std::async(std::launch::deferred, add_deferred, 1);
  auto b = std::async(std::launch::deferred, add_deferred, 2);
  return a.get() + b.get();
}

// One task at a time: each future is waited for before the next starts.
long sequential_total = 0;
int add_sequential(int n) {
  sequential_total += n; // ok: async-unguarded-shared-state
  return n;
}
int serve_sequential() {
  int sum = std::async(std::launch::async, add_sequential, 1).get();
  sum += std::async(std::launch::async, add_sequential, 2).get();
  return sum;
}

// pthread entries, with the C mutex API.
pthread_mutex_t jobs_mutex = PTHREAD_MUTEX_INITIALIZER;
long jobs_done = 0;
long jobs_failed = 0;

// When run, the four jobs start together (a relaxed gate orders nothing),
// so on a loaded machine one job cannot end before the next one starts and
// the unguarded writes still overlap.
std::atomic<int> jobs_started{0};

void *job(void *) {
  jobs_started.fetch_add(1, std::memory_order_relaxed);
  while (jobs_started.load(std::memory_order_relaxed) < 4)
    sched_yield();
  pthread_mutex_lock(&jobs_mutex);
  ++jobs_done; // ok: async-unguarded-shared-state
  pthread_mutex_unlock(&jobs_mutex);
  ++jobs_failed; // expect: async-unguarded-shared-state {{'jobs_failed' is written in a thread running 'job' without a lock}}
  return nullptr;
}

void run_jobs() {
  pthread_t threads[4];
  for (pthread_t &t : threads)
    pthread_create(&t, nullptr, job, nullptr); // expect-note: {{'job' starts on another thread here, more than once}}
  for (pthread_t &t : threads)
    pthread_join(t, nullptr);
  std::printf("%ld %ld\n", jobs_done, jobs_failed); // ok: async-unguarded-shared-state
}

// atomic and atomic_ref make every access atomic; thread_local gives each
// thread its own copy; a const global is only read.
std::atomic<long> atomic_hits{0};
long plain_hits = 0;
thread_local long per_thread = 0;
const long limit = 100;

void *count(void *) {
  atomic_hits.fetch_add(1);                     // ok: async-unguarded-shared-state
  std::atomic_ref<long>(plain_hits).fetch_add(1); // ok: async-unguarded-shared-state
  per_thread += limit;                          // ok: async-unguarded-shared-state
  return nullptr;
}

void run_counts() {
  pthread_t a, b;
  pthread_create(&a, nullptr, count, nullptr);
  pthread_create(&b, nullptr, count, nullptr);
  pthread_join(a, nullptr);
  pthread_join(b, nullptr);
}

int main() {
  serve_async();
  serve_deferred();
  serve_sequential();
  run_jobs();
  run_counts();
}
