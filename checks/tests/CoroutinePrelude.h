//===--- CoroutinePrelude.h - just enough <coroutine> for in-process ASTs -===//
#pragma once

namespace asynclint {

/// std::coroutine_traits, std::coroutine_handle, std::suspend_always and
/// std::suspend_never: what a unit needs to define coroutines without a
/// standard library.
inline constexpr const char *CoroutinePrelude = R"cpp(
namespace std {
template <class R, class... Args> struct coroutine_traits {
  using promise_type = typename R::promise_type;
};
template <class P = void> struct coroutine_handle;
template <> struct coroutine_handle<void> {
  static coroutine_handle from_address(void *) noexcept { return {}; }
  void *address() const noexcept { return nullptr; }
};
template <class P> struct coroutine_handle : coroutine_handle<> {
  static coroutine_handle from_address(void *) noexcept { return {}; }
  static coroutine_handle from_promise(P &) noexcept { return {}; }
};
struct suspend_always {
  bool await_ready() const noexcept { return false; }
  void await_suspend(coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
struct suspend_never {
  bool await_ready() const noexcept { return true; }
  void await_suspend(coroutine_handle<>) const noexcept {}
  void await_resume() const noexcept {}
};
} // namespace std
)cpp";

} // namespace asynclint
