// CHECKS: async-unguarded-shared-state
// The shape of Asio's scheduler, written with Asio's own private types (the
// real headers): asio::detail::mutex and its scoped_lock, op_queue, and
// posix_event, which waits and signals under a lock it is given. No catalog
// entry names them: the mutex is a mutex by its lock()/unlock(), the lock a
// guard by its constructor, the event a synchronisation object by its
// condition variable. Neither the mutex nor the event is shared state.
#include <asio/detail/mutex.hpp>
#include <asio/detail/op_queue.hpp>
#include <asio/detail/posix_event.hpp>
#include <asio/detail/scoped_lock.hpp>

#include <cstddef>
#include <cstdio>
#include <thread>

struct operation {
  operation *next_ = nullptr;
  void (*func_)(operation *) = nullptr;
  void destroy() {}
  void complete() {
    if (func_)
      func_(this);
  }
};

class scheduler {
public:
  void post(operation *op) {
    asio::detail::mutex::scoped_lock lock(mutex_); // ok: async-unguarded-shared-state
    op_queue_.push(op);                            // ok: async-unguarded-shared-state
    ++outstanding_work_;                           // ok: async-unguarded-shared-state
    wake_one_and_unlock(lock);                     // ok: async-unguarded-shared-state
  }

  bool run_one() {
    asio::detail::mutex::scoped_lock lock(mutex_);
    // As asio's scheduler does: a signalled event stays signalled until it
    // is cleared, and wait() on it returns at once (the loop would spin
    // holding the lock, and no other thread could post or stop).
    while (op_queue_.empty() && !stopped_) { // ok: async-unguarded-shared-state
      wakeup_event_.clear(lock);             // ok: async-unguarded-shared-state
      wakeup_event_.wait(lock);              // ok: async-unguarded-shared-state
    }
    if (stopped_)                          // ok: async-unguarded-shared-state
      return false;
    operation *op = op_queue_.front(); // ok: async-unguarded-shared-state
    op_queue_.pop();                   // ok: async-unguarded-shared-state
    --outstanding_work_;               // ok: async-unguarded-shared-state
    lock.unlock();
    op->complete();
    return true;
  }

  void stop() {
    asio::detail::mutex::scoped_lock lock(mutex_);
    stopped_ = true;                  // ok: async-unguarded-shared-state
    wakeup_event_.signal_all(lock);   // ok: async-unguarded-shared-state
  }

  // The shapes with the lock forgotten.
  void post_forgetting_the_lock(operation *op) {
    op_queue_.push(op); // expect: async-unguarded-shared-state {{'main::sched.op_queue_' is written in a thread running the lambda started in 'main' without holding 'main::sched.mutex_', which guards its other accesses}}
  }
  std::size_t outstanding_work() const {
    return outstanding_work_; // expect: async-unguarded-shared-state {{'scheduler::outstanding_work_' is read in 'scheduler::outstanding_work' without holding 'scheduler::mutex_', which 'scheduler::post' holds to write it}}
  }

private:
  // Given the lock: the caller holds it (asio's wake_one_thread_and_unlock).
  void wake_one_and_unlock(asio::detail::mutex::scoped_lock &lock) {
    wakeup_event_.unlock_and_signal_one(lock); // ok: async-unguarded-shared-state
  }

  asio::detail::mutex mutex_;
  asio::detail::posix_event wakeup_event_;
  asio::detail::op_queue<operation> op_queue_;
  std::size_t outstanding_work_ = 0;
  bool stopped_ = false;
};

int main() {
  scheduler sched;
  operation ops[4];
  std::thread runner([&sched] {
    while (sched.run_one())
      ;
  });
  std::thread poster([&sched, &ops] { // expect-note: {{starts on another thread here}}
    sched.post(&ops[0]);
    sched.post_forgetting_the_lock(&ops[1]);
  });
  sched.post(&ops[2]);
  poster.join();
  sched.stop();
  runner.join();
  std::printf("%zu\n", sched.outstanding_work()); // ok: async-unguarded-shared-state
}
