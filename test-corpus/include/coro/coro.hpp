// A declaration mirror of libcoro 0.16.0 (github.com/jbaldwin/libcoro, tag
// v0.16.0), for the asynclint test corpus: the namespaces, classes, templates
// and signatures below are the library's own, as declared in include/coro/
// (task.hpp, thread_pool.hpp, scheduler.hpp, sync_wait.hpp, when_all.hpp,
// when_any.hpp, mutex.hpp, event.hpp, task_group.hpp). Bodies are placeholders that only make
// the corpus compile: this is not a working library, and no corpus program
// that includes it is run (// NO-RUN).
#pragma once

#include <chrono>
#include <coroutine>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <thread>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace coro {

template <typename return_type = void> class task;

namespace detail {
template <typename return_type> struct promise {
  auto get_return_object() noexcept -> task<return_type>;
  auto initial_suspend() noexcept -> std::suspend_always { return {}; }
  auto final_suspend() noexcept -> std::suspend_always { return {}; }
  auto unhandled_exception() noexcept -> void {}
  template <typename value_type> auto return_value(value_type &&) -> void {}
};
template <> struct promise<void> {
  auto get_return_object() noexcept -> task<void>;
  auto initial_suspend() noexcept -> std::suspend_always { return {}; }
  auto final_suspend() noexcept -> std::suspend_always { return {}; }
  auto unhandled_exception() noexcept -> void {}
  auto return_void() noexcept -> void {}
};
template <typename lock_type> class lock_operation {
public:
  auto await_ready() const noexcept -> bool { return true; }
  auto await_suspend(std::coroutine_handle<>) noexcept -> bool { return false; }
  auto await_resume() noexcept -> lock_type { std::terminate(); }
};
template <> class lock_operation<void> {
public:
  auto await_ready() const noexcept -> bool { return true; }
  auto await_suspend(std::coroutine_handle<>) noexcept -> bool { return false; }
  auto await_resume() noexcept -> void {}
};
} // namespace detail

// task.hpp
template <typename return_type> class [[nodiscard]] task {
public:
  using task_type = task<return_type>;
  using promise_type = detail::promise<return_type>;
  using coroutine_handle = std::coroutine_handle<promise_type>;

  task() noexcept = default;
  explicit task(coroutine_handle handle) : m_coroutine(handle) {}
  task(task &&other) noexcept : m_coroutine(std::exchange(other.m_coroutine, nullptr)) {}
  task(const task &) = delete;
  auto operator=(task &&other) noexcept -> task & {
    m_coroutine = std::exchange(other.m_coroutine, nullptr);
    return *this;
  }
  auto is_ready() const noexcept -> bool { return true; }
  auto resume() -> bool { return false; }
  auto operator co_await() const & noexcept {
    struct awaitable {
      auto await_ready() const noexcept -> bool { return true; }
      auto await_suspend(std::coroutine_handle<>) noexcept -> void {}
      auto await_resume() -> return_type { std::terminate(); }
    };
    return awaitable{};
  }
  auto handle() -> coroutine_handle { return m_coroutine; }

private:
  coroutine_handle m_coroutine{nullptr};
};

template <typename return_type>
inline auto detail::promise<return_type>::get_return_object() noexcept -> task<return_type> {
  return task<return_type>{std::coroutine_handle<promise<return_type>>::from_promise(*this)};
}
inline auto detail::promise<void>::get_return_object() noexcept -> task<void> {
  return task<void>{std::coroutine_handle<promise<void>>::from_promise(*this)};
}

// thread_pool.hpp
class thread_pool {
  struct private_constructor {};

public:
  class schedule_operation {
  public:
    explicit schedule_operation(thread_pool &tp) noexcept : m_thread_pool(tp) {}
    auto await_ready() noexcept -> bool { return false; }
    auto await_suspend(std::coroutine_handle<> awaiting_coroutine) noexcept -> void {}
    auto await_resume() noexcept -> void {}

  private:
    thread_pool &m_thread_pool;
  };

  struct options {
    uint32_t thread_count = std::thread::hardware_concurrency();
    std::function<void(std::size_t)> on_thread_start_functor = nullptr;
    std::function<void(std::size_t)> on_thread_stop_functor = nullptr;
  };

  explicit thread_pool(options &&opts, private_constructor) {}
  static auto make_unique(options opts = options{.thread_count = std::thread::hardware_concurrency(),
                                                 .on_thread_start_functor = nullptr,
                                                 .on_thread_stop_functor = nullptr})
      -> std::unique_ptr<thread_pool>;
  thread_pool(const thread_pool &) = delete;
  virtual ~thread_pool() = default;

  [[nodiscard]] auto thread_count() const noexcept -> size_t { return 1; }
  [[nodiscard]] auto schedule() -> schedule_operation { return schedule_operation{*this}; }
  auto spawn_detached(coro::task<void> &&task) noexcept -> bool { return true; }
  auto spawn_joinable(coro::task<void> &&task) noexcept -> coro::task<void> { return {}; }
  template <typename return_type>
  [[nodiscard]] auto schedule(coro::task<return_type> task) -> coro::task<return_type> {
    co_await schedule();
    co_return co_await task;
  }
  [[nodiscard]] auto yield() -> schedule_operation { return schedule(); }
  auto shutdown() noexcept -> void {}
  auto size() const noexcept -> std::size_t { return 0; }
};

// scheduler.hpp (io_scheduler before 0.16)
class scheduler {
  struct private_constructor {};

public:
  class schedule_operation {
  public:
    explicit schedule_operation(scheduler &s) noexcept : m_scheduler(s) {}
    auto await_ready() noexcept -> bool { return false; }
    auto await_suspend(std::coroutine_handle<> awaiting_coroutine) noexcept -> void {}
    auto await_resume() noexcept -> void {}

  private:
    scheduler &m_scheduler;
  };
  using time_point = std::chrono::steady_clock::time_point;

  enum class thread_strategy_t { spawn, manual };
  enum class execution_strategy_t { process_tasks_on_thread_pool, process_tasks_inline };
  struct options {
    thread_strategy_t thread_strategy{thread_strategy_t::spawn};
    thread_pool::options pool{};
    execution_strategy_t execution_strategy{execution_strategy_t::process_tasks_on_thread_pool};
  };

  explicit scheduler(options &&opts, private_constructor) {}
  static auto make_unique(
      options opts = options{.thread_strategy = thread_strategy_t::spawn,
                             .pool = {.thread_count = 1,
                                      .on_thread_start_functor = nullptr,
                                      .on_thread_stop_functor = nullptr},
                             .execution_strategy = execution_strategy_t::process_tasks_on_thread_pool})
      -> std::unique_ptr<scheduler>;
  virtual ~scheduler() = default;

  auto schedule() -> schedule_operation { return schedule_operation{*this}; }
  auto spawn_detached(coro::task<void> &&task) -> bool { return true; }
  auto spawn_joinable(coro::task<void> &&task) -> coro::task<void> { return {}; }
  template <typename return_type>
  [[nodiscard]] auto schedule(coro::task<return_type> task) -> coro::task<return_type> {
    co_await schedule();
    co_return co_await task;
  }
  template <typename rep_type, typename period_type>
  [[nodiscard]] auto schedule_after(std::chrono::duration<rep_type, period_type> amount)
      -> coro::task<void> {
    co_return;
  }
  [[nodiscard]] auto yield() -> schedule_operation { return schedule_operation{*this}; }
  template <typename rep_type, typename period_type>
  [[nodiscard]] auto yield_for(std::chrono::duration<rep_type, period_type> amount) -> coro::task<void> {
    co_return;
  }
  auto shutdown() noexcept -> void {}
};

inline auto thread_pool::make_unique(options opts) -> std::unique_ptr<thread_pool> {
  return std::make_unique<thread_pool>(std::move(opts), private_constructor{});
}
inline auto scheduler::make_unique(options opts) -> std::unique_ptr<scheduler> {
  return std::make_unique<scheduler>(std::move(opts), private_constructor{});
}

// concepts/awaitable.hpp
namespace concepts {
template <typename type>
concept awaiter = requires(type t) {
  { t.await_ready() };
  t.await_resume();
};
template <typename type>
concept awaitable = awaiter<type> || requires(type t) { t.operator co_await(); };
template <typename awaitable_type> static auto get_awaiter(awaitable_type &&value) {
  if constexpr (requires { std::forward<awaitable_type>(value).operator co_await(); })
    return std::forward<awaitable_type>(value).operator co_await();
  else
    return std::forward<awaitable_type>(value);
}
template <awaitable awaitable_type> struct awaitable_traits {
  using awaiter_type = decltype(get_awaiter(std::declval<awaitable_type>()));
  using awaiter_return_type = decltype(std::declval<awaiter_type>().await_resume());
};
} // namespace concepts

// sync_wait.hpp
template <concepts::awaitable awaitable_type,
          typename return_type = typename concepts::awaitable_traits<awaitable_type>::awaiter_return_type>
auto sync_wait(awaitable_type &&a) -> return_type {
  std::terminate();
}

// when_all.hpp
template <typename return_type> class when_all_task {
public:
  auto return_value() & -> return_type & { std::terminate(); }
};
template <typename task_container_type> class when_all_ready_awaitable {
public:
  auto await_ready() const noexcept -> bool { return true; }
  auto await_suspend(std::coroutine_handle<>) noexcept -> bool { return false; }
  auto await_resume() noexcept -> task_container_type & { std::terminate(); }
};
template <typename... awaitables_type>
[[nodiscard]] auto when_all(awaitables_type... awaitables) {
  return when_all_ready_awaitable<std::tuple<when_all_task<int>>>{};
}
template <typename awaitable_type>
[[nodiscard]] auto when_all(std::vector<awaitable_type> awaitables) {
  return when_all_ready_awaitable<std::vector<when_all_task<int>>>{};
}

// when_any.hpp
template <typename... awaitable_type>
[[nodiscard]] auto when_any(awaitable_type... awaitables) -> coro::task<int> {
  co_return 0;
}

// mutex.hpp
class mutex;
class scoped_lock {
public:
  enum class lock_strategy { adopt };
  explicit scoped_lock(class coro::mutex &m, lock_strategy strategy = lock_strategy::adopt)
      : m_mutex(&m) {}
  scoped_lock(scoped_lock &&other) noexcept : m_mutex(std::exchange(other.m_mutex, nullptr)) {}
  ~scoped_lock() {}
  auto unlock() -> void {}

private:
  class coro::mutex *m_mutex{nullptr};
};
class mutex {
public:
  explicit mutex() noexcept {}
  mutex(const mutex &) = delete;
  [[nodiscard]] auto scoped_lock() -> detail::lock_operation<coro::scoped_lock> { return {}; }
  [[nodiscard]] auto lock() -> detail::lock_operation<void> { return {}; }
  [[nodiscard]] auto try_lock() -> bool { return true; }
  auto unlock() -> void {}
};

// event.hpp
class event {
public:
  explicit event(bool initially_set = false) noexcept {}
  auto is_set() const noexcept -> bool { return true; }
  auto set() noexcept -> void {}
  auto operator co_await() const noexcept {
    struct awaiter {
      auto await_ready() const noexcept -> bool { return true; }
      auto await_suspend(std::coroutine_handle<>) noexcept -> bool { return false; }
      auto await_resume() noexcept -> void {}
    };
    return awaiter{};
  }
};

// task_group.hpp (its executor_type is constrained by concepts::executor)
template <typename executor_type> class task_group {
public:
  explicit task_group(executor_type *executor) : m_executor(executor) {}
  explicit task_group(std::unique_ptr<executor_type> &executor) : m_executor(executor.get()) {}
  task_group(const task_group &) = delete;
  task_group(task_group &&) = delete;
  ~task_group() {}
  [[nodiscard]] auto start(coro::task<void> &&task) -> bool { return true; }
  [[nodiscard]] auto size() const -> std::size_t { return 0; }
  [[nodiscard]] auto empty() const -> bool { return true; }
  auto operator co_await() const noexcept {
    struct awaiter {
      auto await_ready() const noexcept -> bool { return true; }
      auto await_suspend(std::coroutine_handle<>) noexcept -> bool { return false; }
      auto await_resume() noexcept -> void {}
    };
    return awaiter{};
  }

private:
  executor_type *m_executor{nullptr};
};

} // namespace coro
