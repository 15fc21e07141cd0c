// A declaration mirror of Boost.Cobalt from Boost 1.88 (github.com/boostorg/cobalt,
// tag boost-1.88.0), for the asynclint test corpus: Debian 12's Boost 1.74 has
// no Cobalt. The namespaces, classes, templates and signatures below are the
// library's own, as declared in include/boost/cobalt/ (config.hpp, task.hpp,
// promise.hpp, run.hpp, spawn.hpp, op.hpp, join.hpp, gather.hpp, race.hpp),
// gathered in the one header users include. Executors are the real
// Boost.Asio 1.74 ones. Bodies are placeholders that only make the corpus
// compile: this is not a working library, and no corpus program that
// includes it is run (// NO-RUN).
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/thread_pool.hpp>

#include <concepts>
#include <coroutine>
#include <exception>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

namespace boost::cobalt {

// config.hpp
using executor = boost::asio::any_io_executor;

template <typename Return = void> struct task;
template <typename Return = void> struct promise;

namespace detail {
template <typename T> struct ready_awaitable {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  T await_resume() { std::terminate(); }
};
template <typename Result, typename Return> struct promise_base {
  Result get_return_object();
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept {}
  template <typename V> void return_value(V &&) {}
};
template <typename Result> struct promise_base<Result, void> {
  Result get_return_object();
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept {}
  void return_void() noexcept {}
};
template <typename Return> struct task_promise : promise_base<task<Return>, Return> {};
template <typename Return> struct cobalt_promise : promise_base<promise<Return>, Return> {
  std::suspend_never initial_suspend() noexcept { return {}; } // promise is eager
};
} // namespace detail

// task.hpp: a lazy coroutine.
template <typename Return> struct [[nodiscard]] task {
  using promise_type = detail::task_promise<Return>;
  task() = default; // the mirror's promise builds it
  task(task &&lhs) noexcept = default;
  auto operator co_await() { return detail::ready_awaitable<Return>{}; }
};

// promise.hpp: an eager coroutine; destroying an attached one cancels it.
template <typename Return> struct [[nodiscard]] promise {
  using promise_type = detail::cobalt_promise<Return>;
  promise() = default; // the mirror's promise builds it
  promise(promise &&lhs) noexcept = default;
  auto operator co_await() { return detail::ready_awaitable<Return>{}; }
  void operator+() && {}
  bool ready() const { return true; }
  Return get() { std::terminate(); }
  void cancel() {}
};

template <typename Result, typename Return>
Result detail::promise_base<Result, Return>::get_return_object() {
  return Result{};
}
template <typename Result> Result detail::promise_base<Result, void>::get_return_object() {
  return Result{};
}

// run.hpp: runs a task on a new io_context and blocks until it is done.
template <typename T> T run(task<T> t) { return detail::ready_awaitable<T>{}.await_resume(); }
inline void run(task<void> t) {}

// op.hpp
struct use_op_t {
  constexpr use_op_t() {}
};
constexpr use_op_t use_op{};

// spawn.hpp: with use_op the task starts when the result is awaited.
template <std::convertible_to<executor> Executor, typename T, typename CompletionToken>
auto spawn(Executor executor, task<T> &&t, CompletionToken &&token) {
  return detail::ready_awaitable<T>{};
}
template <typename Context, typename T, typename CompletionToken>
  requires requires(Context &c) { c.get_executor(); }
auto spawn(Context &context, task<T> &&t, CompletionToken &&token) {
  return detail::ready_awaitable<T>{};
}

// join.hpp, gather.hpp, race.hpp
template <typename... Promise> auto join(Promise &&...p) {
  return detail::ready_awaitable<std::tuple<int, int>>{};
}
template <typename... Promise> auto gather(Promise &&...p) {
  return detail::ready_awaitable<std::tuple<int, int>>{};
}
template <typename... Promise> auto race(Promise &&...p) {
  return detail::ready_awaitable<std::variant<int, int>>{};
}

} // namespace boost::cobalt
