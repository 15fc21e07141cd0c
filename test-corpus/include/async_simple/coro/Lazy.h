// A declaration mirror of async_simple 1.4 (github.com/alibaba/async_simple,
// tag 1.4), for the asynclint test corpus: the namespaces, classes, templates
// and signatures below are the library's own, as declared in async_simple/
// (Executor.h, Try.h, Future.h, coro/Lazy.h, coro/SyncAwait.h, coro/Sleep.h,
// coro/Collect.h, coro/Dispatch.h, coro/Mutex.h, coro/SpinLock.h,
// executors/SimpleExecutor.h), gathered in the one header the corpus
// includes. Bodies are placeholders that only make the corpus compile: this
// is not a working library, and no corpus program that includes it is run
// (// NO-RUN).
#pragma once

#include <chrono>
#include <coroutine>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

namespace async_simple {

// Try.h
template <typename T> class Try {
public:
  Try() = default;
  bool available() const noexcept { return true; }
  bool hasError() const { return false; }
  T &value() & { std::terminate(); }
  T &&value() && { std::terminate(); }
};
template <> class Try<void> {
public:
  bool available() const noexcept { return true; }
  bool hasError() const { return false; }
  void value() {}
};

// Executor.h
class Executor {
public:
  using Func = std::function<void()>;
  explicit Executor(std::string name = "default") {}
  virtual ~Executor() {}
  virtual bool schedule(Func func) = 0;
  virtual bool currentThreadInExecutor() const { return false; }
};

// Future.h
template <typename T> class Future {
public:
  Future(Future &&) = default;
  T get() && { std::terminate(); }
  void wait() {}
  bool hasResult() const { return true; }
  template <typename F> auto thenValue(F &&f) && { return std::move(*this); }
};
template <typename T> class Promise {
public:
  Promise() {}
  Future<T> getFuture() { std::terminate(); }
  template <typename V> void setValue(V &&value) {}
};

namespace executors {
// executors/SimpleExecutor.h
class SimpleExecutor : public Executor {
public:
  explicit SimpleExecutor(size_t threadNum) {}
  bool schedule(Func func) override { return true; }
  bool currentThreadInExecutor() const override { return false; }
};
} // namespace executors

namespace coro {

template <typename T = void> class Lazy;
template <typename T> class RescheduleLazy;

namespace detail {
template <typename T> struct ValueAwaiter {
  bool await_ready() const noexcept { return true; }
  void await_suspend(std::coroutine_handle<>) noexcept {}
  T await_resume() { std::terminate(); }
};
class LazyPromiseBase {
public:
  std::suspend_always initial_suspend() noexcept { return {}; }
  std::suspend_always final_suspend() noexcept { return {}; }
  void unhandled_exception() noexcept {}
  Executor *_executor = nullptr;
};
template <typename T> class LazyPromise : public LazyPromiseBase {
public:
  Lazy<T> get_return_object() noexcept;
  template <typename V> void return_value(V &&value) {}
};
template <> class LazyPromise<void> : public LazyPromiseBase {
public:
  Lazy<void> get_return_object() noexcept;
  void return_void() noexcept {}
};
} // namespace detail

// coro/Lazy.h
template <typename T, bool reschedule> class LazyBase {
public:
  using promise_type = detail::LazyPromise<T>;
  using Handle = std::coroutine_handle<promise_type>;
  using ValueType = T;

  explicit LazyBase(Handle coro) noexcept : _coro(coro) {}
  LazyBase(LazyBase &&other) noexcept : _coro(std::exchange(other._coro, nullptr)) {}
  Executor *getExecutor() { return nullptr; }
  template <typename F> void start(F &&callback) {}
  bool isReady() const { return true; }
  auto operator co_await() { return detail::ValueAwaiter<T>{}; }

protected:
  Handle _coro;
};

template <typename T> class RescheduleLazy : public LazyBase<T, true> {
public:
  using LazyBase<T, true>::LazyBase;
};

template <typename T> class [[nodiscard]] Lazy : public LazyBase<T, false> {
public:
  using LazyBase<T, false>::LazyBase;
  RescheduleLazy<T> via(Executor *ex) && {
    return RescheduleLazy<T>(std::exchange(this->_coro, nullptr));
  }
  template <typename F> void directlyStart(F &&callback, Executor *executor) {}
};

template <typename T> inline Lazy<T> detail::LazyPromise<T>::get_return_object() noexcept {
  return Lazy<T>(Lazy<T>::Handle::from_promise(*this));
}
inline Lazy<void> detail::LazyPromise<void>::get_return_object() noexcept {
  return Lazy<void>(Lazy<void>::Handle::from_promise(*this));
}

// coro/SyncAwait.h
template <typename LazyType> inline auto syncAwait(LazyType &&lazy) {
  using ValueType = typename std::decay_t<LazyType>::ValueType;
  if constexpr (!std::is_void_v<ValueType>)
    return Try<ValueType>().value();
}
template <typename LazyType> inline auto syncAwait(LazyType &&lazy, Executor *ex) {
  return syncAwait(std::move(std::forward<LazyType>(lazy)).via(ex));
}

// coro/Sleep.h
template <typename Rep, typename Period> Lazy<void> sleep(std::chrono::duration<Rep, Period> dur) {
  co_return;
}

// coro/Collect.h
template <template <typename> typename LazyType, typename... Ts>
inline Lazy<std::tuple<Try<typename LazyType<Ts>::ValueType>...>> collectAll(LazyType<Ts>... inputs) {
  co_return std::tuple<Try<typename LazyType<Ts>::ValueType>...>{};
}
template <template <typename> typename LazyType, typename... Ts>
inline Lazy<std::tuple<Try<typename LazyType<Ts>::ValueType>...>>
collectAllPara(LazyType<Ts>... inputs) {
  co_return std::tuple<Try<typename LazyType<Ts>::ValueType>...>{};
}
template <typename T, template <typename> typename LazyType>
inline Lazy<std::vector<Try<T>>> collectAll(std::vector<LazyType<T>> input) {
  co_return std::vector<Try<T>>{};
}
template <template <typename> typename LazyType, typename... Ts>
inline Lazy<std::variant<Try<Ts>...>> collectAny(LazyType<Ts>... awaitables) {
  co_return std::variant<Try<Ts>...>{};
}

// coro/Dispatch.h
namespace detail {
class DispatchAwaitable {
public:
  explicit DispatchAwaitable(Executor *ex) : ex_(ex) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) {}
  void await_resume() noexcept {}

private:
  Executor *ex_;
};
} // namespace detail
inline detail::DispatchAwaitable dispatch(Executor *ex) { return detail::DispatchAwaitable(ex); }

// coro/Mutex.h
class Mutex {
  class LockAwaiter {
  public:
    explicit LockAwaiter(Mutex &mutex) noexcept : _mutex(mutex) {}
    bool await_ready() noexcept { return true; }
    bool await_suspend(std::coroutine_handle<>) noexcept { return false; }
    void await_resume() noexcept {}

  protected:
    Mutex &_mutex;
  };
  class ScopedLockAwaiter : public LockAwaiter {
  public:
    using LockAwaiter::LockAwaiter;
    std::unique_lock<Mutex> await_resume() noexcept {
      return std::unique_lock<Mutex>{_mutex, std::adopt_lock};
    }
  };

public:
  Mutex() noexcept {}
  bool tryLock() noexcept { return true; }
  [[nodiscard]] ScopedLockAwaiter coScopedLock() noexcept { return ScopedLockAwaiter{*this}; }
  [[nodiscard]] LockAwaiter coLock() noexcept { return LockAwaiter{*this}; }
  void unlock() noexcept {}
};

// coro/SpinLock.h
class SpinLock {
public:
  explicit SpinLock(std::int32_t count = 1024) noexcept {}
  bool tryLock() noexcept { return true; }
  Lazy<> coLock() { co_return; }
  void lock() noexcept {}
  void unlock() noexcept {}
};

} // namespace coro
} // namespace async_simple
