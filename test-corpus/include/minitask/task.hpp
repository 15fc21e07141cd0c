// minitask: a small cppcoro/libcoro-style coroutine library for the asynclint
// test corpus. Lazy tasks with symmetric transfer, a single-threaded scheduler
// with timers, spawn/join_handle, when_all, sync_wait and a thread pool.
//
//   minitask::scheduler s;
//   int r = minitask::sync_wait(s, main_task());
//
// A task does nothing until it is awaited. spawn() starts a task on the
// scheduler at once (it runs concurrently with its creator); co_await on the
// join_handle waits for its result. sleep_for() suspends on the timer of the
// scheduler or thread pool the coroutine runs on, never blocking the thread.
// async_mutex is a lock a coroutine may hold across its suspensions.
#ifndef MINITASK_TASK_HPP
#define MINITASK_TASK_HPP

#include <chrono>
#include <condition_variable>
#include <coroutine>
#include <cstddef>
#include <deque>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <queue>
#include <stdexcept>
#include <thread>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace minitask {

template <typename T = void> class task;
class scheduler;
class thread_pool;

namespace detail {

// Ready coroutines and timers, shared by the scheduler and the thread pool.
// Thread-safe: work completing on another thread posts its continuation here.
class run_queue {
public:
  using clock = std::chrono::steady_clock;

  // Notifications happen under the lock: once the last piece of work is
  // reported, the owner of this queue may return from run() and destroy it.
  void post(std::coroutine_handle<> h) {
    std::lock_guard lk(m_);
    ready_.push_back(h);
    cv_.notify_one();
  }

  void post_at(clock::time_point when, std::coroutine_handle<> h) {
    std::lock_guard lk(m_);
    timers_.push(timer{when, seq_++, h});
    cv_.notify_all();
  }

  // Outstanding work keeps run() alive while nothing is ready here, e.g. a
  // spawned task that was moved to a thread pool for a while.
  void work_started() {
    std::lock_guard lk(m_);
    ++outstanding_;
  }
  void work_finished() {
    std::lock_guard lk(m_);
    --outstanding_;
    cv_.notify_all();
  }

  void stop() {
    std::lock_guard lk(m_);
    stopping_ = true;
    cv_.notify_all();
  }

  // Runs ready coroutines and due timers until there is no work left (or,
  // once stop() was called, until what was queued has run).
  void run() {
    std::unique_lock lk(m_);
    for (;;) {
      if (!ready_.empty()) {
        auto h = ready_.front();
        ready_.pop_front();
        lk.unlock();
        h.resume();
        lk.lock();
        continue;
      }
      if (!timers_.empty() && timers_.top().when <= clock::now()) {
        ready_.push_back(timers_.top().handle);
        timers_.pop();
        continue;
      }
      if (timers_.empty() && (keep_alive_ ? stopping_ : outstanding_ == 0))
        return;
      if (timers_.empty())
        cv_.wait(lk);
      else
        cv_.wait_until(lk, timers_.top().when);
    }
  }

  // A pool's workers wait for work until stop(); a scheduler returns when idle.
  void keep_alive(bool on) {
    std::lock_guard lk(m_);
    keep_alive_ = on;
  }

private:
  struct timer {
    clock::time_point when;
    std::size_t seq;
    std::coroutine_handle<> handle;
    bool operator>(const timer &o) const { return when != o.when ? when > o.when : seq > o.seq; }
  };

  std::mutex m_;
  std::condition_variable cv_;
  std::deque<std::coroutine_handle<>> ready_;
  std::priority_queue<timer, std::vector<timer>, std::greater<>> timers_;
  std::size_t seq_ = 0;
  std::size_t outstanding_ = 0;
  bool stopping_ = false;
  bool keep_alive_ = false;
};

inline thread_local run_queue *current_queue = nullptr;
inline thread_local scheduler *current_scheduler = nullptr;

struct current_guard {
  run_queue *old_queue;
  scheduler *old_scheduler;
  current_guard(run_queue *q, scheduler *s)
      : old_queue(current_queue), old_scheduler(current_scheduler) {
    current_queue = q;
    current_scheduler = s;
  }
  ~current_guard() {
    current_queue = old_queue;
    current_scheduler = old_scheduler;
  }
  current_guard(const current_guard &) = delete;
  current_guard &operator=(const current_guard &) = delete;
};

// The value a void result contributes to when_all's tuple.
template <typename T> using non_void_t = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

template <typename T> class result {
public:
  void set_value(T v) { value_.template emplace<1>(std::move(v)); }
  void set_exception(std::exception_ptr e) { value_.template emplace<2>(e); }
  T get() {
    if (value_.index() == 2)
      std::rethrow_exception(std::get<2>(value_));
    return std::move(std::get<1>(value_));
  }

private:
  std::variant<std::monostate, T, std::exception_ptr> value_;
};

template <> class result<void> {
public:
  void set_value() {}
  void set_exception(std::exception_ptr e) { error_ = e; }
  void get() {
    if (error_)
      std::rethrow_exception(error_);
  }

private:
  std::exception_ptr error_;
};

template <typename T> struct promise_base {
  std::coroutine_handle<> continuation = std::noop_coroutine();
  result<T> outcome;

  std::suspend_always initial_suspend() noexcept { return {}; }
  struct final_awaiter {
    bool await_ready() noexcept { return false; }
    template <typename P>
    std::coroutine_handle<> await_suspend(std::coroutine_handle<P> h) noexcept {
      return h.promise().continuation;
    }
    void await_resume() noexcept {}
  };
  final_awaiter final_suspend() noexcept { return {}; }
  void unhandled_exception() { outcome.set_exception(std::current_exception()); }
};

template <typename T> struct task_promise : promise_base<T> {
  task<T> get_return_object() noexcept;
  void return_value(T v) { this->outcome.set_value(std::move(v)); }
};

template <> struct task_promise<void> : promise_base<void> {
  task<void> get_return_object() noexcept;
  void return_void() { outcome.set_value(); }
};

} // namespace detail

// A lazy coroutine: it starts when awaited and resumes its awaiter when done.
template <typename T> class [[nodiscard]] task {
public:
  using promise_type = detail::task_promise<T>;
  using value_type = T;

  task() = default;
  explicit task(std::coroutine_handle<promise_type> h) : h_(h) {}
  task(task &&o) noexcept : h_(std::exchange(o.h_, nullptr)) {}
  task &operator=(task &&o) noexcept {
    if (this != &o) {
      if (h_)
        h_.destroy();
      h_ = std::exchange(o.h_, nullptr);
    }
    return *this;
  }
  task(const task &) = delete;
  task &operator=(const task &) = delete;
  ~task() {
    if (h_)
      h_.destroy();
  }

  bool await_ready() const noexcept { return !h_ || h_.done(); }
  std::coroutine_handle<> await_suspend(std::coroutine_handle<> awaiter) {
    h_.promise().continuation = awaiter;
    return h_;
  }
  T await_resume() {
    if (!h_)
      throw std::logic_error("minitask: awaiting an empty task");
    return h_.promise().outcome.get();
  }

private:
  std::coroutine_handle<promise_type> h_;
};

namespace detail {
template <typename T> task<T> task_promise<T>::get_return_object() noexcept {
  return task<T>(std::coroutine_handle<task_promise<T>>::from_promise(*this));
}
inline task<void> task_promise<void>::get_return_object() noexcept {
  return task<void>(std::coroutine_handle<task_promise<void>>::from_promise(*this));
}
} // namespace detail

// A single-threaded event loop: run() resumes ready coroutines and fires
// timers on the calling thread until no work is left.
class scheduler {
public:
  scheduler() = default;
  scheduler(const scheduler &) = delete;
  scheduler &operator=(const scheduler &) = delete;

  void run() {
    detail::current_guard g(&queue_, this);
    queue_.run();
  }

  // The scheduler whose run() is on this thread's stack, if any.
  static scheduler *current() noexcept { return detail::current_scheduler; }

  detail::run_queue &queue() noexcept { return queue_; }

private:
  detail::run_queue queue_;
};

// N threads that resume the coroutines moved to them with schedule_on(pool).
class thread_pool {
public:
  explicit thread_pool(std::size_t threads = 2) {
    queue_.keep_alive(true);
    for (std::size_t i = 0; i < threads; ++i)
      workers_.emplace_back([this] {
        detail::current_guard g(&queue_, nullptr);
        queue_.run();
      });
  }
  thread_pool(const thread_pool &) = delete;
  thread_pool &operator=(const thread_pool &) = delete;
  // Waits for the coroutines already on the pool, then stops the threads.
  ~thread_pool() {
    queue_.stop();
    for (auto &w : workers_)
      w.join();
  }

  std::size_t size() const noexcept { return workers_.size(); }
  detail::run_queue &queue() noexcept { return queue_; }

private:
  detail::run_queue queue_;
  std::vector<std::thread> workers_;
};

namespace detail {
struct schedule_awaiter {
  run_queue *target;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) { target->post(h); }
  void await_resume() const noexcept {}
};

struct sleep_awaiter {
  run_queue::clock::duration delay;
  bool await_ready() const noexcept { return delay <= delay.zero(); }
  void await_suspend(std::coroutine_handle<> h) {
    if (!current_queue)
      throw std::logic_error("minitask::sleep_for outside a scheduler or thread pool");
    current_queue->post_at(run_queue::clock::now() + delay, h);
  }
  void await_resume() const noexcept {}
};
} // namespace detail

// Resumes the awaiting coroutine on one of the pool's threads.
inline detail::schedule_awaiter schedule_on(thread_pool &pool) { return {&pool.queue()}; }
// Resumes the awaiting coroutine on the scheduler's thread.
inline detail::schedule_awaiter schedule_on(scheduler &s) { return {&s.queue()}; }

// Suspends for `d` on the current scheduler's (or pool's) timer.
template <typename Rep, typename Period>
detail::sleep_awaiter sleep_for(std::chrono::duration<Rep, Period> d) {
  return {std::chrono::duration_cast<detail::run_queue::clock::duration>(d)};
}

// A mutex that coroutines await instead of blocking their thread:
//
//   co_await m.lock(); ... m.unlock();
//   auto guard = co_await m.scoped_lock(); ...   // unlocks when guard goes
//
// The holder keeps it across its own suspensions; a coroutine waiting for it
// is resumed, owning it, on the scheduler or pool it waited on. Thread-safe.
class async_mutex {
  struct waiter {
    std::coroutine_handle<> handle;
    detail::run_queue *queue;
  };

public:
  class [[nodiscard]] guard {
  public:
    explicit guard(async_mutex &m) : m_(&m) {}
    guard(guard &&o) noexcept : m_(std::exchange(o.m_, nullptr)) {}
    guard(const guard &) = delete;
    guard &operator=(const guard &) = delete;
    guard &operator=(guard &&) = delete;
    ~guard() { unlock(); }
    void unlock() {
      if (m_)
        std::exchange(m_, nullptr)->unlock();
    }

  private:
    async_mutex *m_;
  };

  struct lock_awaiter {
    async_mutex &m;
    bool await_ready() { return m.try_lock(); }
    bool await_suspend(std::coroutine_handle<> h) {
      std::lock_guard lk(m.m_);
      if (!m.locked_) {
        m.locked_ = true;
        return false;
      }
      m.waiters_.push_back({h, detail::current_queue});
      return true;
    }
    void await_resume() const noexcept {}
  };

  struct scoped_lock_awaiter : lock_awaiter {
    guard await_resume() const noexcept { return guard(this->m); }
  };

  async_mutex() = default;
  async_mutex(const async_mutex &) = delete;
  async_mutex &operator=(const async_mutex &) = delete;

  bool try_lock() {
    std::lock_guard lk(m_);
    return !std::exchange(locked_, true);
  }
  // co_await it; the caller owns the mutex until unlock().
  lock_awaiter lock() { return {*this}; }
  // co_await it for a guard that unlocks when destroyed.
  scoped_lock_awaiter scoped_lock() { return {{*this}}; }

  // Hands the mutex to the first waiter, if any, still locked.
  void unlock() {
    waiter next{};
    {
      std::lock_guard lk(m_);
      if (waiters_.empty()) {
        locked_ = false;
        return;
      }
      next = waiters_.front();
      waiters_.pop_front();
    }
    if (next.queue)
      next.queue->post(next.handle);
    else
      next.handle.resume();
  }

private:
  std::mutex m_;
  bool locked_ = false;
  std::deque<waiter> waiters_;
};

namespace detail {
template <typename T> struct join_state {
  std::mutex m;
  bool done = false;
  result<T> outcome;
  std::coroutine_handle<> waiter;
};

// A fire-and-forget coroutine frame that drives a spawned task to its end.
struct driver {
  struct promise_type {
    driver get_return_object() noexcept {
      return driver{std::coroutine_handle<promise_type>::from_promise(*this)};
    }
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_never final_suspend() noexcept { return {}; }
    void return_void() noexcept {}
    void unhandled_exception() noexcept { std::terminate(); }
  };
  std::coroutine_handle<promise_type> handle;
};

template <typename T> void finish(join_state<T> &st, run_queue &q, result<T> &&r) {
  std::coroutine_handle<> waiter;
  {
    std::lock_guard lk(st.m);
    st.outcome = std::move(r);
    st.done = true;
    waiter = std::exchange(st.waiter, nullptr);
  }
  if (waiter)
    q.post(waiter);
}

template <typename T> driver drive(task<T> t, std::shared_ptr<join_state<T>> st, run_queue *q) {
  result<T> r;
  try {
    if constexpr (std::is_void_v<T>) {
      co_await std::move(t);
      r.set_value();
    } else {
      r.set_value(co_await std::move(t));
    }
  } catch (...) {
    r.set_exception(std::current_exception());
  }
  finish(*st, *q, std::move(r));
  q->work_finished();
}
} // namespace detail

// The handle of a spawned task: co_await it for the task's result. Dropping
// it detaches the task (it still runs to its end).
template <typename T> class [[nodiscard]] join_handle {
public:
  explicit join_handle(std::shared_ptr<detail::join_state<T>> st) : state_(std::move(st)) {}

  bool await_ready() const {
    std::lock_guard lk(state_->m);
    return state_->done;
  }
  bool await_suspend(std::coroutine_handle<> h) {
    std::lock_guard lk(state_->m);
    if (state_->done)
      return false;
    state_->waiter = h;
    return true;
  }
  T await_resume() { return state_->outcome.get(); }

  bool done() const { return await_ready(); }

private:
  std::shared_ptr<detail::join_state<T>> state_;
};

namespace detail {
template <typename T> join_handle<T> spawn_on(run_queue &q, task<T> t) {
  auto st = std::make_shared<join_state<T>>();
  q.work_started();
  q.post(drive(std::move(t), st, &q).handle);
  return join_handle<T>(std::move(st));
}
} // namespace detail

// Starts `t` on `s` now; it runs concurrently with the caller.
template <typename T> join_handle<T> spawn(scheduler &s, task<T> t) {
  return detail::spawn_on(s.queue(), std::move(t));
}

// Starts `t` on the pool now: it runs in parallel with the caller.
template <typename T> join_handle<T> spawn(thread_pool &pool, task<T> t) {
  return detail::spawn_on(pool.queue(), std::move(t));
}

// Starts `t` on the scheduler (or pool) this coroutine runs on.
template <typename T> join_handle<T> spawn(task<T> t) {
  if (!detail::current_queue)
    throw std::logic_error("minitask::spawn outside a scheduler");
  return detail::spawn_on(*detail::current_queue, std::move(t));
}

// Runs `t` on `s` (and every task spawned meanwhile) to the end and returns
// its result. Blocks the calling thread: call it from main, not a coroutine.
template <typename T> T sync_wait(scheduler &s, task<T> t) {
  join_handle<T> h = spawn(s, std::move(t));
  s.run();
  if (!h.done())
    throw std::logic_error("minitask::sync_wait: the task never finished");
  return h.await_resume();
}

namespace detail {
template <typename T> struct value_of {
  join_handle<T> &h;
  bool await_ready() const { return h.await_ready(); }
  bool await_suspend(std::coroutine_handle<> c) { return h.await_suspend(c); }
  non_void_t<T> await_resume() {
    if constexpr (std::is_void_v<T>) {
      h.await_resume();
      return {};
    } else {
      return h.await_resume();
    }
  }
};

template <typename... Ts, std::size_t... I>
task<std::tuple<non_void_t<Ts>...>> when_all_impl(std::index_sequence<I...>, task<Ts>... ts) {
  std::tuple<join_handle<Ts>...> hs{spawn(std::move(ts))...};
  // A braced list evaluates left to right: the results are collected in order
  // while all the tasks run at the same time.
  co_return std::tuple<non_void_t<Ts>...>{co_await value_of<Ts>{std::get<I>(hs)}...};
}
} // namespace detail

// Runs all tasks concurrently on the current scheduler and returns their
// results (std::monostate for a void task) once all have finished.
template <typename... Ts> task<std::tuple<detail::non_void_t<Ts>...>> when_all(task<Ts>... ts) {
  return detail::when_all_impl(std::index_sequence_for<Ts...>{}, std::move(ts)...);
}

} // namespace minitask

#endif // MINITASK_TASK_HPP
