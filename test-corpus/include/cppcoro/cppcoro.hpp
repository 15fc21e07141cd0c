// A declaration mirror of cppcoro (github.com/lewissbaker/cppcoro, master at
// commit 3912152, 2022-09-03; the project has no release tags), for the
// asynclint test corpus: the namespaces, classes, templates and signatures
// below are the library's own, as declared in include/cppcoro/ (task.hpp,
// sync_wait.hpp, when_all.hpp, when_all_ready.hpp, static_thread_pool.hpp,
// schedule_on.hpp, async_mutex.hpp, async_scope.hpp), gathered in one header.
// Bodies are placeholders that only make the corpus compile: this is not a
// working library, and no corpus program that includes it is run (// NO-RUN).
#pragma once

#include <coroutine>
#include <cstdint>
#include <exception>
#include <mutex>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace cppcoro {

template <typename T = void> class task;

namespace detail {
template <typename T> class task_promise {
public:
  task<T> get_return_object() noexcept;
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept {}
  template <typename VALUE> void return_value(VALUE &&value) {}
};
template <> class task_promise<void> {
public:
  task<void> get_return_object() noexcept;
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept {}
  void return_void() noexcept {}
};
template <typename T> struct ready_awaiter {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  T await_resume() { std::terminate(); }
};
} // namespace detail

// awaitable_traits.hpp
template <typename T, typename = void> struct awaitable_traits {};
template <typename T>
struct awaitable_traits<T, std::void_t<decltype(std::declval<T>().operator co_await())>> {
  using awaiter_t = decltype(std::declval<T>().operator co_await());
  using await_result_t = decltype(std::declval<awaiter_t>().await_resume());
};

// task.hpp
template <typename T> class [[nodiscard]] task {
public:
  using promise_type = detail::task_promise<T>;
  using value_type = T;

  task() noexcept = default;
  explicit task(std::coroutine_handle<promise_type> coroutine) : m_coroutine(coroutine) {}
  task(task &&t) noexcept : m_coroutine(std::exchange(t.m_coroutine, nullptr)) {}
  task(const task &) = delete;
  task &operator=(task &&other) noexcept {
    m_coroutine = std::exchange(other.m_coroutine, nullptr);
    return *this;
  }
  bool is_ready() const noexcept { return true; }
  auto operator co_await() const & noexcept { return detail::ready_awaiter<T>{}; }
  auto operator co_await() const && noexcept { return detail::ready_awaiter<T>{}; }
  auto when_ready() const noexcept { return detail::ready_awaiter<void>{}; }

private:
  std::coroutine_handle<promise_type> m_coroutine;
};

template <typename T> task<T> detail::task_promise<T>::get_return_object() noexcept {
  return task<T>{std::coroutine_handle<task_promise>::from_promise(*this)};
}
inline task<void> detail::task_promise<void>::get_return_object() noexcept {
  return task<void>{std::coroutine_handle<task_promise>::from_promise(*this)};
}

// sync_wait.hpp
template <typename AWAITABLE>
auto sync_wait(AWAITABLE &&awaitable) -> typename cppcoro::awaitable_traits<AWAITABLE &&>::await_result_t {
  std::terminate();
}

// when_all_ready.hpp, when_all.hpp
template <typename TASK_CONTAINER> class when_all_ready_awaitable {
public:
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  TASK_CONTAINER await_resume() { std::terminate(); }
};
template <typename... AWAITABLES>
[[nodiscard]] auto when_all_ready(AWAITABLES &&...awaitables) {
  return when_all_ready_awaitable<std::tuple<int>>{};
}
template <typename... AWAITABLES> [[nodiscard]] auto when_all(AWAITABLES &&...awaitables) {
  struct fmap_awaitable {
    auto operator co_await() && { return detail::ready_awaiter<std::tuple<int, int>>{}; }
  };
  return fmap_awaitable{};
}

// static_thread_pool.hpp
class static_thread_pool {
public:
  static_thread_pool() {}
  explicit static_thread_pool(std::uint32_t threadCount) {}
  class schedule_operation {
  public:
    schedule_operation(static_thread_pool *tp) noexcept : m_threadPool(tp) {}
    bool await_ready() noexcept { return false; }
    void await_suspend(std::coroutine_handle<> awaitingCoroutine) noexcept {}
    void await_resume() noexcept {}

  private:
    static_thread_pool *m_threadPool;
  };
  std::uint32_t thread_count() const noexcept { return 1; }
  [[nodiscard]] schedule_operation schedule() noexcept { return schedule_operation{this}; }
};

// schedule_on.hpp
template <typename SCHEDULER, typename AWAITABLE>
auto schedule_on(SCHEDULER &scheduler, AWAITABLE awaitable)
    -> task<typename awaitable_traits<AWAITABLE>::await_result_t> {
  co_await scheduler.schedule();
  co_return co_await std::move(awaitable);
}

// async_mutex.hpp
class async_mutex;
class async_mutex_lock {
public:
  explicit async_mutex_lock(async_mutex &mutex, std::adopt_lock_t) noexcept : m_mutex(&mutex) {}
  async_mutex_lock(async_mutex_lock &&other) noexcept
      : m_mutex(std::exchange(other.m_mutex, nullptr)) {}
  ~async_mutex_lock();

private:
  async_mutex *m_mutex;
};
class async_mutex_lock_operation {
public:
  explicit async_mutex_lock_operation(async_mutex &mutex) noexcept : m_mutex(mutex) {}
  bool await_ready() const noexcept { return true; }
  bool await_suspend(std::coroutine_handle<> awaiter) noexcept { return false; }
  void await_resume() const noexcept {}

protected:
  async_mutex &m_mutex;
};
class async_mutex_scoped_lock_operation : public async_mutex_lock_operation {
public:
  using async_mutex_lock_operation::async_mutex_lock_operation;
  [[nodiscard]] async_mutex_lock await_resume() const noexcept {
    return async_mutex_lock{m_mutex, std::adopt_lock};
  }
};
class async_mutex {
public:
  async_mutex() noexcept {}
  bool try_lock() noexcept { return true; }
  async_mutex_lock_operation lock_async() noexcept { return async_mutex_lock_operation{*this}; }
  async_mutex_scoped_lock_operation scoped_lock_async() noexcept {
    return async_mutex_scoped_lock_operation{*this};
  }
  void unlock() {}
};
inline async_mutex_lock::~async_mutex_lock() {
  if (m_mutex != nullptr)
    m_mutex->unlock();
}

// async_scope.hpp (spawn starts the awaitable in a oneway_task coroutine
// of the library's own; join waits until every spawned one has finished)
class async_scope {
public:
  async_scope() noexcept {}
  ~async_scope() {}
  template <typename AWAITABLE> void spawn(AWAITABLE &&awaitable) {}
  [[nodiscard]] auto join() noexcept {
    struct awaiter {
      bool await_ready() noexcept { return true; }
      bool await_suspend(std::coroutine_handle<> continuation) noexcept { return false; }
      void await_resume() noexcept {}
    };
    return awaiter{};
  }
};

} // namespace cppcoro
