// A declaration mirror of concurrencpp 0.1.7 (github.com/David-Haim/concurrencpp,
// tag v.0.1.7), for the asynclint test corpus: the namespaces, classes, templates
// and signatures below are the library's own, as declared in
// include/concurrencpp/{executors,results,runtime,threads,timers}/*.h. Bodies are
// placeholders that only make the corpus compile: this is not a working library,
// and no corpus program that includes it is run (// NO-RUN).
#pragma once

#include <chrono>
#include <coroutine>
#include <cstddef>
#include <exception>
#include <iterator>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

namespace concurrencpp {

enum class result_status { idle, value, exception };

template <class type> class result;
template <class type> class lazy_result;
template <class type> class shared_result;
class executor;
class task;

// results/result_fwd_declarations.h
struct executor_tag {};
struct null_result {};

namespace details {
template <class type = void> using coroutine_handle = std::coroutine_handle<type>;
using suspend_always = std::suspend_always;
using suspend_never = std::suspend_never;

// Placeholder machinery of the mirror (the library's is in results/impl/).
template <class type> struct ready_awaitable {
  bool await_ready() const noexcept { return true; }
  void await_suspend(coroutine_handle<void>) const noexcept {}
  type await_resume() const { std::terminate(); }
};
template <class result_type> struct result_promise_placeholder {
  result_type get_return_object() { return {}; }
  suspend_never initial_suspend() noexcept { return {}; }
  suspend_never final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept {}
};
template <class type, class result_type>
struct value_promise_placeholder : result_promise_placeholder<result_type> {
  template <class value_type> void return_value(value_type &&) {}
};
template <class result_type>
struct void_promise_placeholder : result_promise_placeholder<result_type> {
  void return_void() noexcept {}
};
template <class type, class result_type>
using promise_for = std::conditional_t<std::is_void_v<type>, void_promise_placeholder<result_type>,
                                       value_promise_placeholder<type, result_type>>;

template <class type> class initialy_resumed_result_promise : public promise_for<type, result<type>> {};
template <class type, class executor_type>
class initialy_rescheduled_result_promise : public promise_for<type, result<type>> {};
class initialy_resumed_null_result_promise : public void_promise_placeholder<null_result> {};
template <class executor_type>
class initialy_rescheduled_null_result_promise : public void_promise_placeholder<null_result> {};
template <class type> class lazy_promise : public promise_for<type, lazy_result<type>> {};

// results/resume_on.h
template <class executor_type> class resume_on_awaitable : public suspend_always {
  executor_type &m_executor;

public:
  resume_on_awaitable(executor_type &executor) noexcept : m_executor(executor) {}
  resume_on_awaitable(const resume_on_awaitable &) = delete;
  resume_on_awaitable(resume_on_awaitable &&) = delete;
  void await_suspend(coroutine_handle<void> handle) {}
  void await_resume() const {}
};
} // namespace details

// task.h
class task {
public:
  task() noexcept = default;
  template <class callable_type> task(callable_type &&callable) {}
  void operator()() {}
};

// results/result.h
template <class type> class result {
public:
  result() noexcept = default;
  result(result &&rhs) noexcept = default;
  result &operator=(result &&rhs) noexcept = default;
  result(const result &rhs) = delete;
  explicit operator bool() const noexcept { return true; }
  result_status status() const { return result_status::idle; }
  void wait() const {}
  template <class duration_type, class ratio_type>
  result_status wait_for(std::chrono::duration<duration_type, ratio_type> duration) const {
    return result_status::idle;
  }
  template <class clock_type, class duration_type>
  result_status wait_until(std::chrono::time_point<clock_type, duration_type> timeout_time) const {
    return result_status::idle;
  }
  type get() { std::terminate(); }
  auto operator co_await() { return details::ready_awaitable<type>{}; }
  auto resolve() { return details::ready_awaitable<result<type>>{}; }
};

// results/shared_result.h
template <class type> class shared_result {
public:
  shared_result() noexcept = default;
  shared_result(result<type> rhs) {}
  shared_result(const shared_result &rhs) noexcept = default;
  shared_result(shared_result &&rhs) noexcept = default;
  result_status status() const { return result_status::idle; }
  void wait() {}
  template <class duration_type, class ratio_type>
  result_status wait_for(std::chrono::duration<duration_type, ratio_type> duration) {
    return result_status::idle;
  }
  template <class clock_type, class duration_type>
  result_status wait_until(std::chrono::time_point<clock_type, duration_type> timeout_time) {
    return result_status::idle;
  }
  std::add_lvalue_reference_t<type> get() { std::terminate(); }
  auto operator co_await() { return details::ready_awaitable<std::add_lvalue_reference_t<type>>{}; }
};

// results/lazy_result.h
template <class type> class lazy_result {
public:
  using promise_type = details::lazy_promise<type>;
  lazy_result() noexcept = default;
  lazy_result(lazy_result &&rhs) noexcept = default;
  explicit operator bool() const noexcept { return true; }
  auto operator co_await() { return details::ready_awaitable<type>{}; }
  result<type> run() { return {}; }
};

// executors/executor.h
class executor {
  // The library's own coroutine that runs a submitted callable: it calls the
  // user's lambda, on the executor.
  template <class return_type, class executor_type, class callable_type, class... argument_types>
  static result<return_type> submit_bridge(executor_tag, executor_type &, callable_type callable,
                                           argument_types... arguments) {
    co_return callable(arguments...);
  }

protected:
  template <class executor_type, class callable_type, class... argument_types>
  auto do_submit(callable_type &&callable, argument_types &&...arguments) {
    using return_type = typename std::invoke_result_t<callable_type, argument_types...>;
    return submit_bridge<return_type>({}, *static_cast<executor_type *>(this),
                                      std::forward<callable_type>(callable),
                                      std::forward<argument_types>(arguments)...);
  }

public:
  executor(std::string_view name) : name(name) {}
  virtual ~executor() noexcept = default;
  const std::string name;
  virtual void enqueue(concurrencpp::task task) = 0;
  virtual void enqueue(std::span<concurrencpp::task> tasks) = 0;
  virtual int max_concurrency_level() const noexcept = 0;
  virtual bool shutdown_requested() const = 0;
  virtual void shutdown() = 0;

  template <class callable_type, class... argument_types>
  void post(callable_type &&callable, argument_types &&...arguments) {}
  template <class callable_type, class... argument_types>
  auto submit(callable_type &&callable, argument_types &&...arguments) {
    return do_submit<executor>(std::forward<callable_type>(callable),
                               std::forward<argument_types>(arguments)...);
  }
  template <class callable_type> void bulk_post(std::span<callable_type> callable_list) {}
  template <class callable_type, class return_type = std::invoke_result_t<callable_type>>
  std::vector<concurrencpp::result<return_type>> bulk_submit(std::span<callable_type> callable_list) {
    return {};
  }
};

// executors/derivable_executor.h
template <class concrete_executor_type> struct derivable_executor : public executor {
  derivable_executor(std::string_view name) : executor(name) {}
  template <class callable_type, class... argument_types>
  void post(callable_type &&callable, argument_types &&...arguments) {}
  template <class callable_type, class... argument_types>
  auto submit(callable_type &&callable, argument_types &&...arguments) {
    return do_submit<concrete_executor_type>(std::forward<callable_type>(callable),
                                             std::forward<argument_types>(arguments)...);
  }
  void enqueue(concurrencpp::task task) override {}
  void enqueue(std::span<concurrencpp::task> tasks) override {}
  int max_concurrency_level() const noexcept override { return 1; }
  bool shutdown_requested() const override { return false; }
  void shutdown() override {}
};

// executors/*.h
class inline_executor final : public executor {
public:
  inline_executor() noexcept : executor("inline_executor") {}
  void enqueue(concurrencpp::task task) override {}
  void enqueue(std::span<concurrencpp::task> tasks) override {}
  int max_concurrency_level() const noexcept override { return 0; }
  bool shutdown_requested() const override { return false; }
  void shutdown() override {}
};
class thread_pool_executor final : public derivable_executor<thread_pool_executor> {
public:
  thread_pool_executor(std::string_view pool_name, size_t pool_size,
                       std::chrono::milliseconds max_idle_time)
      : derivable_executor(pool_name) {}
};
class thread_executor final : public derivable_executor<thread_executor> {
public:
  thread_executor() : derivable_executor("thread_executor") {}
};
class worker_thread_executor final : public derivable_executor<worker_thread_executor> {
public:
  worker_thread_executor() : derivable_executor("worker_thread_executor") {}
};
class manual_executor final : public derivable_executor<manual_executor> {
public:
  manual_executor() : derivable_executor("manual_executor") {}
  size_t size() const { return 0; }
  bool empty() const { return true; }
  bool loop_once() { return false; }
  size_t loop(size_t max_count) { return 0; }
  void wait_for_task() {}
  bool wait_for_task_for(std::chrono::milliseconds max_waiting_time) { return false; }
  void wait_for_tasks(size_t count) {}
  size_t wait_for_tasks_for(size_t count, std::chrono::milliseconds max_waiting_time) { return 0; }
};

// timers/timer_queue.h
class timer_queue {
public:
  lazy_result<void> make_delay_object(std::chrono::milliseconds due_time,
                                      std::shared_ptr<concurrencpp::executor> executor) {
    co_return;
  }
};

// runtime/runtime.h
class runtime {
public:
  runtime() {}
  std::shared_ptr<concurrencpp::timer_queue> timer_queue() const noexcept { return {}; }
  std::shared_ptr<concurrencpp::inline_executor> inline_executor() const noexcept { return {}; }
  std::shared_ptr<concurrencpp::thread_pool_executor> thread_pool_executor() const noexcept {
    return {};
  }
  std::shared_ptr<concurrencpp::thread_pool_executor> background_executor() const noexcept {
    return {};
  }
  std::shared_ptr<concurrencpp::thread_executor> thread_executor() const noexcept { return {}; }
  std::shared_ptr<concurrencpp::worker_thread_executor> make_worker_thread_executor() { return {}; }
  std::shared_ptr<concurrencpp::manual_executor> make_manual_executor() { return {}; }
};

// results/resume_on.h
template <class executor_type> auto resume_on(std::shared_ptr<executor_type> executor) {
  return details::resume_on_awaitable<executor_type>(*executor);
}
template <class executor_type> auto resume_on(executor_type &executor) noexcept {
  return details::resume_on_awaitable<executor_type>(executor);
}

// results/when_result.h
template <class executor_type, class... result_types>
lazy_result<std::tuple<typename std::decay<result_types>::type...>>
when_all(std::shared_ptr<executor_type> resume_executor, result_types &&...results) {
  co_return std::tuple<typename std::decay<result_types>::type...>{};
}
template <class executor_type, class iterator_type>
lazy_result<std::vector<typename std::iterator_traits<iterator_type>::value_type>>
when_all(std::shared_ptr<executor_type> resume_executor, iterator_type begin, iterator_type end) {
  co_return std::vector<typename std::iterator_traits<iterator_type>::value_type>{};
}

// threads/async_lock.h
class scoped_async_lock {
public:
  scoped_async_lock() noexcept = default;
  scoped_async_lock(scoped_async_lock &&rhs) noexcept = default;
  lazy_result<void> lock(std::shared_ptr<executor> resume_executor) { co_return; }
  void unlock() {}
  bool owns_lock() const noexcept { return true; }
};
class async_lock {
public:
  lazy_result<scoped_async_lock> lock(std::shared_ptr<executor> resume_executor) {
    co_return scoped_async_lock{};
  }
  lazy_result<bool> try_lock() { co_return true; }
  void unlock() {}
};

} // namespace concurrencpp

// results/promises.h: result and null_result coroutines get their promise
// through std::coroutine_traits; with (executor_tag, executor) as the first
// parameters the coroutine starts on that executor.
namespace std {
template <class type, class... arguments>
struct coroutine_traits<::concurrencpp::result<type>, arguments...> {
  using promise_type = concurrencpp::details::initialy_resumed_result_promise<type>;
};
template <class type, class executor_type, class... arguments>
struct coroutine_traits<::concurrencpp::result<type>, concurrencpp::executor_tag,
                        std::shared_ptr<executor_type>, arguments...> {
  using promise_type = concurrencpp::details::initialy_rescheduled_result_promise<type, executor_type>;
};
template <class... arguments> struct coroutine_traits<::concurrencpp::null_result, arguments...> {
  using promise_type = concurrencpp::details::initialy_resumed_null_result_promise;
};
} // namespace std
