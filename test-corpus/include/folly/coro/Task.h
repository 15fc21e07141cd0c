// A declaration mirror of folly::coro (github.com/facebook/folly, main at
// commit 01d01155, 2025), for the asynclint test corpus: the namespaces,
// classes, templates and signatures below are the library's own, as declared
// in folly/Executor.h, folly/futures/Future.h,
// folly/executors/CPUThreadPoolExecutor.h and folly/coro/ (Task.h,
// BlockingWait.h, Collect.h, Mutex.h, Sleep.h), gathered in one header;
// co_withExecutor and blockingWait are customization point objects, as in
// folly. Bodies are placeholders that only make the corpus compile: this is
// not a working library, and no corpus program that includes it is run
// (// NO-RUN).
#pragma once

#include <chrono>
#include <coroutine>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace folly {

struct Unit {};

// Executor.h
class Executor {
public:
  virtual ~Executor() = default;
  virtual void add(std::function<void()>) = 0;

  template <typename ExecutorT = Executor> class KeepAlive {
  public:
    KeepAlive() = default;
    /* implicit */ KeepAlive(ExecutorT *executor) : executor_(executor) {}
    template <typename OtherExecutor>
    /* implicit */ KeepAlive(KeepAlive<OtherExecutor> &&other) noexcept {}
    ExecutorT *get() const { return executor_; }

  private:
    ExecutorT *executor_ = nullptr;
  };
};

// executors/CPUThreadPoolExecutor.h
class CPUThreadPoolExecutor : public Executor {
public:
  explicit CPUThreadPoolExecutor(size_t numThreads) {}
  void add(std::function<void()>) override {}
};

// futures/Future.h
template <class T> class SemiFuture {
public:
  SemiFuture(SemiFuture &&) noexcept = default;
  T get() && { std::terminate(); }
  SemiFuture<T> &wait() & { return *this; }
  SemiFuture<T> &&wait() && { return std::move(*this); }
  bool isReady() const { return true; }
};
template <class T> class Future {
public:
  Future(Future &&) noexcept = default;
  T get() && { std::terminate(); }
  Future<T> &wait() & { return *this; }
};

namespace coro {

template <typename T = void> class Task;
template <typename T = void> class TaskWithExecutor;

// Traits.h (simplified: every awaitable of the mirror has a member co_await)
template <typename Awaitable>
using semi_await_result_t = decltype(std::declval<Awaitable>().operator co_await().await_resume());

namespace detail {
template <typename T> struct ReadyAwaiter {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  T await_resume() { std::terminate(); }
};
class TaskPromiseBase {
public:
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept {}
};
template <typename T> class TaskPromise final : public TaskPromiseBase {
public:
  Task<T> get_return_object() noexcept;
  template <typename U = T> void return_value(U &&value) {}
};
template <> class TaskPromise<void> final : public TaskPromiseBase {
public:
  Task<void> get_return_object() noexcept;
  void return_void() noexcept {}
};

namespace adl {
struct WithExecutorFunction {
  template <typename Awaitable>
  auto operator()(Executor::KeepAlive<> executor, Awaitable awaitable) const {
    return TaskWithExecutor<semi_await_result_t<Awaitable>>{};
  }
};
} // namespace adl
} // namespace detail

// Task.h
template <typename T> class [[nodiscard]] Task {
public:
  using promise_type = detail::TaskPromise<T>;
  using handle_t = std::coroutine_handle<promise_type>;

  explicit Task(handle_t coro) noexcept : coro_(coro) {}
  Task(Task &&t) noexcept : coro_(std::exchange(t.coro_, {})) {}
  SemiFuture<T> semi() && { std::terminate(); }
  // Deprecated in favour of co_withExecutor, still in folly.
  [[nodiscard]] TaskWithExecutor<T> scheduleOn(Executor::KeepAlive<> executor) && noexcept {
    return TaskWithExecutor<T>{};
  }
  auto operator co_await() && { return detail::ReadyAwaiter<T>{}; }

private:
  handle_t coro_;
};

template <typename T> Task<T> detail::TaskPromise<T>::get_return_object() noexcept {
  return Task<T>{Task<T>::handle_t::from_promise(*this)};
}
inline Task<void> detail::TaskPromise<void>::get_return_object() noexcept {
  return Task<void>{Task<void>::handle_t::from_promise(*this)};
}

template <typename T> class [[nodiscard]] TaskWithExecutor {
public:
  TaskWithExecutor() = default;
  TaskWithExecutor(TaskWithExecutor &&t) noexcept = default;
  folly::Executor *executor() const noexcept { return nullptr; }
  SemiFuture<T> start() && { std::terminate(); }
  auto operator co_await() && { return detail::ReadyAwaiter<T>{}; }
};

// Semi-awaitables like `Task` use this CPO to attach executors.
inline constexpr detail::adl::WithExecutorFunction co_withExecutor{};

// BlockingWait.h
struct blocking_wait_fn {
  template <typename Awaitable> auto operator()(Awaitable &&awaitable) const {
    using Result = semi_await_result_t<Awaitable>;
    if constexpr (!std::is_void_v<Result>)
      return detail::ReadyAwaiter<Result>{}.await_resume();
  }
};
inline constexpr blocking_wait_fn blocking_wait{};
static constexpr blocking_wait_fn const &blockingWait = blocking_wait; // backcompat

// Collect.h (collectAll collects a void result as folly::Unit)
namespace detail {
template <typename SemiAwaitable>
using collect_all_component_t =
    std::conditional_t<std::is_void_v<semi_await_result_t<SemiAwaitable>>, Unit,
                       std::decay_t<semi_await_result_t<SemiAwaitable>>>;
} // namespace detail
template <typename... SemiAwaitables>
auto collectAll(SemiAwaitables... awaitables)
    -> Task<std::tuple<detail::collect_all_component_t<SemiAwaitables>...>> {
  co_return std::tuple<detail::collect_all_component_t<SemiAwaitables>...>{};
}
template <typename SemiAwaitable>
auto collectAllRange(std::vector<SemiAwaitable> awaitables)
    -> Task<std::vector<semi_await_result_t<SemiAwaitable>>> {
  co_return std::vector<semi_await_result_t<SemiAwaitable>>{};
}

// Sleep.h (HighResDuration is std::chrono::nanoseconds)
inline Task<void> sleep(std::chrono::nanoseconds d) { co_return; }

// Mutex.h
class Mutex {
  class LockAwaiter {
  public:
    explicit LockAwaiter(Mutex &mutex) noexcept : mutex_(mutex) {}
    bool await_ready() noexcept { return true; }
    bool await_suspend(std::coroutine_handle<>) noexcept { return false; }
    void await_resume() noexcept {}

  protected:
    Mutex &mutex_;
  };
  class ScopedLockAwaiter : public LockAwaiter {
  public:
    using LockAwaiter::LockAwaiter;
    std::unique_lock<Mutex> await_resume() noexcept {
      return std::unique_lock<Mutex>{mutex_, std::adopt_lock};
    }
  };

public:
  Mutex() noexcept {}
  Mutex(const Mutex &) = delete;
  bool try_lock() noexcept { return true; }
  [[nodiscard]] ScopedLockAwaiter co_scoped_lock() noexcept { return ScopedLockAwaiter{*this}; }
  [[nodiscard]] LockAwaiter co_lock() noexcept { return LockAwaiter{*this}; }
  void unlock() noexcept {}
};

} // namespace coro
} // namespace folly
