// A declaration mirror of stdexec's exec::task (tag nvhpc-25.09,
// include/exec/task.hpp; see stdexec/execution.hpp here): a coroutine type
// whose co_await accepts senders, and reschedule_coroutine_on, which moves
// the coroutine to another scheduler. Bodies are placeholders: not a working
// coroutine type.
#pragma once

#include <stdexec/execution.hpp>

#include <coroutine>
#include <exception>
#include <tuple>
#include <type_traits>
#include <utility>

namespace exec {
namespace __task {
template <class _Ty> struct __ready {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  _Ty await_resume() { std::terminate(); }
};

struct __reschedule_coroutine_on {
  template <class _Scheduler> struct __wrap {
    _Scheduler __sched_;
  };
  template <class _Scheduler>
  auto operator()(_Scheduler __sched) const noexcept -> __wrap<_Scheduler> {
    return {static_cast<_Scheduler &&>(__sched)};
  }
};

template <class _Ty> struct default_task_context {};

template <class _Ty, class _Context = default_task_context<_Ty>> class [[nodiscard]] basic_task {
  struct __promise_base {
    std::suspend_always initial_suspend() noexcept { return {}; }
    std::suspend_always final_suspend() noexcept { return {}; }
    void unhandled_exception() noexcept {}
    template <class _Sched>
    auto await_transform(__reschedule_coroutine_on::__wrap<_Sched>) noexcept {
      return __ready<void>{};
    }
    template <class... _Vs> auto await_transform(stdexec::__mirror::sender_of<_Vs...>) noexcept {
      if constexpr (sizeof...(_Vs) == 0)
        return __ready<void>{};
      else if constexpr (sizeof...(_Vs) == 1)
        return __ready<_Vs...>{};
      else
        return __ready<std::tuple<_Vs...>>{};
    }
    template <class _Ty2, class _Ctx2> auto await_transform(basic_task<_Ty2, _Ctx2> &&) noexcept {
      return __ready<_Ty2>{};
    }
  };
  struct __promise_value : __promise_base {
    basic_task get_return_object() noexcept { return basic_task{}; }
    template <class _Value> void return_value(_Value &&) {}
  };
  struct __promise_void : __promise_base {
    basic_task get_return_object() noexcept { return basic_task{}; }
    void return_void() noexcept {}
  };

public:
  using promise_type = std::conditional_t<std::is_void_v<_Ty>, __promise_void, __promise_value>;
  using values = std::conditional_t<std::is_void_v<_Ty>, std::tuple<>, std::tuple<_Ty>>;

  basic_task() noexcept = default;
  basic_task(basic_task &&__that) noexcept = default;
};
} // namespace __task

template <class _Ty> using default_task_context = __task::default_task_context<_Ty>;
template <class _Ty, class _Context = default_task_context<_Ty>>
using basic_task = __task::basic_task<_Ty, _Context>;
template <class _Ty> using task = basic_task<_Ty, default_task_context<_Ty>>;

inline constexpr __task::__reschedule_coroutine_on reschedule_coroutine_on{};
} // namespace exec
