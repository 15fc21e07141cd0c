// CHECKS: async-unguarded-shared-state
// The shape of concurrencpp's thread_pool_executor (and of work-stealing
// pools): each worker keeps a private queue that only its own thread
// touches without the lock. The worker's thread registers itself in a
// thread-local held by another structure (`tl_data.this_worker = this`), and
// the pool reaches the private queue only through that thread-local
// (`tl_data.this_worker->enqueue_local(task)`): the call runs on the thread
// that owns the worker. The same queue also reached from another thread
// (through the pool's list of workers) without the lock races.
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

using Task = std::function<void()>;

class Worker;
class LeakyWorker;

namespace {
struct PerThreadData {
  Worker *this_worker = nullptr;
  LeakyWorker *this_leaky_worker = nullptr;
  std::size_t this_index = static_cast<std::size_t>(-1);
};
thread_local PerThreadData tl_data;
} // namespace

class Worker {
public:
  void enqueue_foreign(Task task) {
    std::unique_lock<std::mutex> lock(lock_);
    public_queue_.push_back(std::move(task));
  }
  void enqueue_local(Task task) {
    private_queue_.push_back(std::move(task)); // ok: async-unguarded-shared-state
  }
  bool appears_empty() const {
    return private_queue_.empty(); // ok: async-unguarded-shared-state
  }
  void work_loop() {
    tl_data.this_worker = this;
    while (drain_queue()) {
    }
  }

private:
  bool drain_queue() {
    std::unique_lock<std::mutex> lock(lock_);
    std::swap(private_queue_, public_queue_);
    lock.unlock();
    while (!private_queue_.empty()) {
      Task task = std::move(private_queue_.back());
      private_queue_.pop_back();
      task();
    }
    return true;
  }

  std::mutex lock_;
  std::deque<Task> public_queue_;
  std::deque<Task> private_queue_;
};

class Pool {
public:
  void enqueue(Task task) {
    const auto this_worker = tl_data.this_worker;
    if (this_worker != nullptr && this_worker->appears_empty())
      return this_worker->enqueue_local(std::move(task));
    if (tl_data.this_worker != nullptr)
      return tl_data.this_worker->enqueue_local(std::move(task));
    workers_[next_++ % workers_.size()].enqueue_foreign(std::move(task));
  }

private:
  std::vector<Worker> workers_;
  std::size_t next_ = 0;
};

// The same worker, but the pool also pushes to a worker's private queue
// from whatever thread calls it, and reads its size for statistics.
class LeakyWorker {
public:
  void enqueue_foreign(Task task) {
    std::unique_lock<std::mutex> lock(lock_);
    public_queue_.push_back(std::move(task));
  }
  void enqueue_local(Task task) {
    private_queue_.push_back(std::move(task)); // expect: async-unguarded-shared-state {{'LeakyWorker::private_queue_' is written in 'LeakyWorker::enqueue_local' without holding 'LeakyWorker::lock_'}}
  }
  std::size_t private_size() const {
    return private_queue_.size(); // expect: async-unguarded-shared-state {{'LeakyWorker::private_queue_' is read in 'LeakyWorker::private_size' without holding 'LeakyWorker::lock_'}}
  }
  void work_loop() {
    tl_data.this_leaky_worker = this;
    while (drain_queue()) {
    }
  }

private:
  bool drain_queue() {
    std::unique_lock<std::mutex> lock(lock_);
    std::swap(private_queue_, public_queue_); // expect-note: {{'LeakyWorker::private_queue_' is written holding 'LeakyWorker::lock_' here}}
    lock.unlock();
    return !private_queue_.empty();
  }

  std::mutex lock_;
  std::deque<Task> public_queue_;
  std::deque<Task> private_queue_;
};

class LeakyPool {
public:
  void enqueue(Task task) {
    if (tl_data.this_leaky_worker != nullptr)
      return tl_data.this_leaky_worker->enqueue_local(std::move(task));
    // From any thread, on any worker: not the calling thread's own.
    workers_[0].enqueue_local(std::move(task));
  }
  std::size_t backlog() const {
    LeakyWorker *worker = tl_data.this_leaky_worker;
    if (worker == nullptr)
      worker = first_;
    return worker->private_size();
  }

private:
  std::vector<LeakyWorker> workers_;
  LeakyWorker *first_ = nullptr;
};

void run_pools() {
  Pool pool;
  pool.enqueue([] {});
  LeakyPool leaky;
  leaky.enqueue([] {});
}
