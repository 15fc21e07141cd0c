// CHECKS: async-unguarded-shared-state
// A lambda runs where it is called, not where it is written. One that runs
// in place (called at once, given to std::call_once, to an algorithm, or to
// a condition variable's wait as its predicate) holds the locks of the
// method around it. One given to a thread or stored in a member for later
// holds none of them: its access to a member the class writes under its
// lock races.
#include <algorithm>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

class Registry {
public:
  void add(int id) {
    std::lock_guard<std::mutex> lock(mutex_);
    ids_.push_back(id);
    changed_.notify_all();
  }
  bool contains(int id) {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::any_of(ids_.begin(), ids_.end(), [this, id](int x) {
      return x == id && x != last_removed_; // ok: async-unguarded-shared-state
    });
  }
  void wait_for(int id) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [this, id] {
      return std::find(ids_.begin(), ids_.end(), id) != ids_.end(); // ok: async-unguarded-shared-state
    });
  }
  void clear_now() {
    std::lock_guard<std::mutex> lock(mutex_);
    [this] { ids_.clear(); }(); // ok: async-unguarded-shared-state
  }
  void load_once() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::call_once(loaded_, [this] {
      ids_.assign(3, 0); // ok: async-unguarded-shared-state
    });
  }
  void remove_async(int id) {
    std::thread([this, id] {
      std::lock_guard<std::mutex> lock(mutex_);
      ids_.erase(std::remove(ids_.begin(), ids_.end(), id), ids_.end()); // ok: async-unguarded-shared-state
      last_removed_ = id; // expect-note: {{'Registry::last_removed_' is written holding 'Registry::mutex_' here}}
    }).detach();
  }
  // The thread runs after clear_later() has released its lock.
  void clear_later() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::thread([this] {
      ids_.clear(); // expect: async-unguarded-shared-state {{'Registry::ids_' is written in a thread running the lambda started in 'Registry::clear_later' without holding 'Registry::mutex_'}}
    }).detach();
  }
  // Stored for later: whoever calls it does not hold the lock.
  void arm_reset() {
    std::lock_guard<std::mutex> lock(mutex_);
    on_reset_ = [this] {
      last_removed_ = -1; // expect: async-unguarded-shared-state {{'Registry::last_removed_' is written in a lambda in 'Registry::arm_reset' without holding 'Registry::mutex_', which a lambda in 'Registry::remove_async' holds}}
    };
  }
  void reset() {
    std::function<void()> reset_now;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      reset_now = on_reset_;
    }
    if (reset_now)
      reset_now();
  }

private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::once_flag loaded_;
  std::vector<int> ids_;
  int last_removed_ = -1;
  std::function<void()> on_reset_;
};
