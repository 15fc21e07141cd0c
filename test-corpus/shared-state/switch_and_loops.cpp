// CHECKS: async-unguarded-shared-state
// Locks along `switch` cases and loops. A state machine that holds its lock
// across a `switch` and releases it in one case to call back: the other
// cases still hold it. A worker loop that takes the lock at the top of each
// round and leaves by a `break` while holding it (the shape of
// concurrencpp's wait_for_task and of leveldb's MakeRoomForWrite): the code
// after the loop holds it. A lock taken at the end of one round is held at
// the top of the next. The same shapes with the lock really released race.
#include <deque>
#include <functional>
#include <mutex>

using Task = std::function<void()>;

enum class State { Idle, Running, Draining, Stopping };

class Machine {
public:
  void step(const std::function<void()> &wake) {
    std::unique_lock<std::mutex> lock(mutex_);
    switch (state_) {
    case State::Idle:
      lock.unlock();
      wake();
      return;
    case State::Running:
      ++ticks_; // ok: async-unguarded-shared-state
      break;
    case State::Draining:
      lock.unlock();
      wake();
      return;
    case State::Stopping:
      stopped_ = true; // ok: async-unguarded-shared-state
      break;
    }
    ++steps_; // ok: async-unguarded-shared-state
  }
  // No lock at the switch: a case that takes it does not lend it to the
  // cases after it.
  void poke(int how) {
    std::unique_lock<std::mutex> lock(mutex_, std::defer_lock);
    switch (how) {
    case 0:
      lock.lock();
      ++ticks_; // ok: async-unguarded-shared-state
      break;
    case 1:
      ++pokes_; // expect: async-unguarded-shared-state {{'Machine::pokes_' is written in 'Machine::poke' without holding 'Machine::mutex_'}}
      break;
    default:
      lock.lock();
      ++pokes_; // expect-note: {{'Machine::pokes_' is written holding 'Machine::mutex_' here}}
      // Falls through holding the lock.
      [[fallthrough]];
    case 2:
      stopped_ = false; // ok: async-unguarded-shared-state
      break;
    }
  }
  void set(State state) {
    std::lock_guard<std::mutex> lock(mutex_);
    state_ = state;
    ticks_ = 0;
    steps_ = 0;
    stopped_ = false;
  }

private:
  std::mutex mutex_;
  State state_ = State::Idle;
  long ticks_ = 0;
  long steps_ = 0;
  long pokes_ = 0;
  bool stopped_ = false;
};

class Queue {
public:
  void push(Task task) {
    std::lock_guard<std::mutex> lock(mutex_);
    tasks_.push_back(std::move(task));
    idle_ = false;
    ++rounds_;
  }
  // Leaves the loop only by the break, holding the lock.
  void drain() {
    std::unique_lock<std::mutex> lock(mutex_, std::defer_lock);
    while (true) {
      lock.lock();
      if (tasks_.empty())
        break;
      Task task = std::move(tasks_.front());
      tasks_.pop_front();
      lock.unlock();
      task();
    }
    idle_ = true; // ok: async-unguarded-shared-state
  }
  // Each round but the first starts holding the lock the last one took.
  void drain_in_rounds() {
    std::unique_lock<std::mutex> lock(mutex_, std::defer_lock);
    for (int round = 0; round < 3; ++round) {
      if (round > 0) {
        ++rounds_; // ok: async-unguarded-shared-state
        lock.unlock();
      }
      lock.lock();
    }
    ++rounds_; // ok: async-unguarded-shared-state
  }
  // Leaves the loop only by the break, after releasing the lock.
  void drain_then_mark() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      lock.unlock();
      if (done_)
        break;
      lock.lock();
      tasks_.clear(); // ok: async-unguarded-shared-state
    }
    idle_ = true; // expect: async-unguarded-shared-state {{'Queue::idle_' is written in 'Queue::drain_then_mark' without holding 'Queue::mutex_'}}
  }

private:
  std::mutex mutex_;
  std::deque<Task> tasks_;
  bool idle_ = true;
  bool done_ = false;
  long rounds_ = 0;
};
