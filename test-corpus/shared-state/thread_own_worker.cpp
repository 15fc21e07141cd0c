// CHECKS: async-unguarded-shared-state
// The shape of concurrencpp's worker_thread_executor (and of work-stealing
// pools): a task enqueued from the worker's own thread goes to a private
// queue without the lock; the worker swaps the public queue into it under
// the lock. A thread-local names the current thread's worker, so
// `if (tl_this_worker == this)` runs only on the thread that owns the
// private queue. Without that test, another thread would push to it
// concurrently.
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

using Task = std::function<void()>;

class Worker;
static thread_local Worker *tl_this_worker = nullptr;

struct ThreadData {
  Worker *this_worker = nullptr;
};
static thread_local ThreadData tl_data;

class Worker {
public:
  void start() {
    thread_ = std::thread([this] { work_loop(); });
  }
  ~Worker() {
    if (thread_.joinable())
      thread_.join();
  }
  void enqueue(Task task) {
    if (tl_this_worker == this)
      return enqueue_local(std::move(task)); // ok: async-unguarded-shared-state
    enqueue_foreign(std::move(task));
  }
  void enqueue_from_pool(Task task) {
    if (this != tl_data.this_worker) {
      enqueue_foreign(std::move(task));
      return;
    }
    private_queue_.push_back(std::move(task)); // ok: async-unguarded-shared-state
  }
  // The same push, believed local because of a flag any thread can read.
  void enqueue_hinted(Task task) {
    if (local_hint_)
      private_queue_.push_back(std::move(task)); // expect: async-unguarded-shared-state {{'Worker::private_queue_' is written in 'Worker::enqueue_hinted' without holding 'Worker::mutex_'}}
    else
      enqueue_foreign(std::move(task));
  }

private:
  void work_loop() {
    tl_this_worker = this;
    while (drain()) {
    }
  }
  bool drain() {
    std::unique_lock<std::mutex> lock(mutex_);
    std::swap(private_queue_, public_queue_); // expect-note: {{'Worker::private_queue_' is written holding 'Worker::mutex_' here}}
    lock.unlock();
    for (Task &task : private_queue_) // ok: async-unguarded-shared-state
      task();
    private_queue_.clear();
    return true;
  }
  void enqueue_local(Task task) { private_queue_.push_back(std::move(task)); } // ok: async-unguarded-shared-state
  void enqueue_foreign(Task task) {
    std::lock_guard<std::mutex> lock(mutex_);
    public_queue_.push_back(std::move(task));
  }

  std::mutex mutex_;
  std::deque<Task> public_queue_;
  std::deque<Task> private_queue_;
  bool local_hint_ = false;
  std::thread thread_;
};
