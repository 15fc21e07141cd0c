// CHECKS: async-unguarded-shared-state
// Guards that are not built from their mutex on the line that uses them: a
// std::try_to_lock guard tested with `!lock || ...` (the shape of
// async_simple's util::Queue::try_pop), a guard returned by a helper or by
// a coroutine mutex (`auto lock = co_await mutex_.scoped_lock();`, the shape
// of libcoro's coro::mutex and async_simple's coScopedLock), a guard moved
// into another or handed to a function by value. Each holds the lock; the
// same code once the guard has let go of it races with the guarded writes.
#include <coroutine>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "minitask/task.hpp"

// Shape of async_simple's util::Queue: try_pop takes the lock only if it is
// free, and reads the queue only where it got it.
template <typename T> class TryQueue {
public:
  void push(T item) {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(std::move(item)); // expect-note: {{is written holding 'TryQueue::mutex_' here}}
  }
  bool try_pop(T &item) {
    std::unique_lock<std::mutex> lock(mutex_, std::try_to_lock);
    if (!lock || queue_.empty()) // ok: async-unguarded-shared-state
      return false;
    item = std::move(queue_.front()); // ok: async-unguarded-shared-state
    queue_.pop_front();
    return true;
  }
  bool try_pop_if(T &item, bool (*predicate)(T &)) {
    std::unique_lock<std::mutex> lock(mutex_, std::try_to_lock);
    if (lock.owns_lock() && !queue_.empty() &&
        predicate(queue_.front())) { // ok: async-unguarded-shared-state
      item = std::move(queue_.front());
      queue_.pop_front();
      return true;
    }
    return false;
  }
  // The try is made but its outcome never tested.
  bool try_pop_untested(T &item) {
    std::unique_lock<std::mutex> lock(mutex_, std::try_to_lock);
    if (queue_.empty()) // expect: async-unguarded-shared-state {{'TryQueue::queue_' is read in
                        // 'TryQueue<int>::try_pop_untested' without holding 'TryQueue::mutex_'}}
      return false;
    item = std::move(queue_.front());
    queue_.pop_front();
    return true;
  }
  // `||` where `&&` was meant: the queue is read when the lock was not taken.
  bool try_pop_inverted(T &item) {
    std::unique_lock<std::mutex> lock(mutex_, std::try_to_lock);
    if (lock || queue_.size() > 8) // expect: async-unguarded-shared-state {{'TryQueue::queue_' is
                                   // read in 'TryQueue<int>::try_pop_inverted' without holding}}
      return false;
    return true;
  }

private:
  std::mutex mutex_;
  std::deque<T> queue_;
};

template class TryQueue<int>;

// A guard returned by a helper, moved on, or handed to a function by value.
class Journal {
public:
  void append(std::string line) {
    std::lock_guard<std::mutex> lock(mutex_);
    lines_.push_back(std::move(line)); // expect-note: {{'Journal::lines_' is written holding 'Journal::mutex_' here}}
  }
  void append_twice(const std::string &line) {
    auto lock = acquire();
    lines_.push_back(line); // ok: async-unguarded-shared-state
    lines_.push_back(line);
  }
  std::size_t size() {
    std::unique_lock<std::mutex> lock(mutex_);
    auto kept = std::move(lock);
    return lines_.size(); // ok: async-unguarded-shared-state
  }
  void rotate() { finish_rotation(acquire()); }
  void truncate() {
    auto lock = acquire();
    lock.unlock();
    lines_.clear(); // expect: async-unguarded-shared-state {{'Journal::lines_' is written in
                    // 'Journal::truncate' without holding 'Journal::mutex_'}}
  }
  std::size_t size_after_hand_off() {
    std::unique_lock<std::mutex> lock(mutex_);
    auto kept = std::move(lock);
    kept.unlock();
    return lines_.size(); // expect: async-unguarded-shared-state {{'Journal::lines_' is read in
                          // 'Journal::size_after_hand_off' without holding}}
  }

private:
  std::unique_lock<std::mutex> acquire() { return std::unique_lock<std::mutex>(mutex_); }
  void finish_rotation(std::unique_lock<std::mutex> lock) {
    lines_.clear(); // ok: async-unguarded-shared-state
    lock.unlock();
    lines_.shrink_to_fit(); // expect: async-unguarded-shared-state {{'Journal::lines_' is written
                            // in 'Journal::finish_rotation' without holding}}
  }

  std::mutex mutex_;
  std::vector<std::string> lines_;
};

// Shape of libcoro's coro::mutex: lock() is awaited, scoped_lock() resumes
// with a guard that unlocks in its destructor.
class CoMutex;
class CoScopedLock {
public:
  explicit CoScopedLock(CoMutex &mutex) : mutex_(&mutex) {}
  CoScopedLock(CoScopedLock &&other) noexcept : mutex_(std::exchange(other.mutex_, nullptr)) {}
  ~CoScopedLock();
  void unlock();

private:
  CoMutex *mutex_;
};

class CoMutex {
public:
  struct LockOperation {
    CoMutex &mutex;
    bool await_ready() const noexcept { return mutex.try_lock(); }
    void await_suspend(std::coroutine_handle<> waiter) noexcept { mutex.waiter_ = waiter; }
    CoScopedLock await_resume() noexcept { return CoScopedLock(mutex); }
  };
  LockOperation scoped_lock() { return LockOperation{*this}; }
  LockOperation lock() { return LockOperation{*this}; }
  bool try_lock() { return !std::exchange(locked_, true); }
  void unlock() {
    locked_ = false;
    if (auto waiter = std::exchange(waiter_, nullptr))
      waiter.resume();
  }

private:
  bool locked_ = false;
  std::coroutine_handle<> waiter_;
};

CoScopedLock::~CoScopedLock() { unlock(); }
void CoScopedLock::unlock() {
  if (mutex_)
    std::exchange(mutex_, nullptr)->unlock();
}

class Inventory {
public:
  minitask::task<> add(int item) {
    auto lock = co_await mutex_.scoped_lock();
    items_.push_back(item); // expect-note: {{'Inventory::items_' is written holding 'Inventory::mutex_' here}}
  }
  minitask::task<std::size_t> count() {
    auto lock = co_await mutex_.scoped_lock();
    co_return items_.size(); // ok: async-unguarded-shared-state
  }
  minitask::task<> clear() {
    auto lock = co_await mutex_.scoped_lock();
    lock.unlock();
    items_.clear(); // expect: async-unguarded-shared-state {{'Inventory::items_' is written in
                    // 'Inventory::clear' without holding 'Inventory::mutex_'}}
  }

private:
  CoMutex mutex_;
  std::vector<int> items_;
};
