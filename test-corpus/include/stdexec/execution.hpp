// A declaration mirror of NVIDIA stdexec, the P2300 std::execution reference
// implementation (github.com/NVIDIA/stdexec, tag nvhpc-25.09), for the
// asynclint test corpus: the namespaces, customization point objects and
// their types below are the library's own, as declared in
// include/stdexec/__detail/ (__sync_wait.hpp, __when_all.hpp,
// __starts_on.hpp, __continues_on.hpp, __schedulers.hpp, __just.hpp,
// __then.hpp, __run_loop.hpp). Senders are reduced to one placeholder type
// (stdexec::__mirror::sender_of), and bodies are placeholders that only make
// the corpus compile: this is not a working library, and no corpus program
// that includes it is run (// NO-RUN).
#pragma once

#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <variant>

namespace stdexec {

namespace __mirror {
template <class... Values> struct sender_of {
  using values = std::tuple<Values...>;
};
template <class Sender> using values_of = typename std::decay_t<Sender>::values;
template <class... Tuples> struct concat;
template <class... Ts> struct concat<std::tuple<Ts...>> {
  using type = sender_of<Ts...>;
};
template <class... As, class... Bs, class... Rest>
struct concat<std::tuple<As...>, std::tuple<Bs...>, Rest...>
    : concat<std::tuple<As..., Bs...>, Rest...> {};
} // namespace __mirror

namespace __sync_wait {
// Blocks the calling thread until the sender completes.
struct sync_wait_t {
  template <class _Sender>
  auto operator()(_Sender &&__sndr) const -> std::optional<__mirror::values_of<_Sender>> {
    return std::nullopt;
  }
};
struct sync_wait_with_variant_t {
  template <class _Sender>
  auto operator()(_Sender &&__sndr) const
      -> std::optional<std::variant<__mirror::values_of<_Sender>>> {
    return std::nullopt;
  }
};
} // namespace __sync_wait
using __sync_wait::sync_wait_t;
inline constexpr sync_wait_t sync_wait{};
using __sync_wait::sync_wait_with_variant_t;
inline constexpr sync_wait_with_variant_t sync_wait_with_variant{};

namespace __just {
struct just_t {
  template <class... _Ts> auto operator()(_Ts &&...__ts) const {
    return __mirror::sender_of<std::decay_t<_Ts>...>{};
  }
};
} // namespace __just
using __just::just_t;
inline constexpr just_t just{};

namespace __then {
struct then_t {
  template <class _Sender, class _Fun> auto operator()(_Sender &&__sndr, _Fun __fun) const {
    using _Result = decltype(std::apply(__fun, std::declval<__mirror::values_of<_Sender>>()));
    if constexpr (std::is_void_v<_Result>)
      return __mirror::sender_of<>{};
    else
      return __mirror::sender_of<_Result>{};
  }
};
} // namespace __then
using __then::then_t;
inline constexpr then_t then{};

namespace __when_all {
struct when_all_t {
  template <class... _Senders> auto operator()(_Senders &&...__sndrs) const {
    return typename __mirror::concat<__mirror::values_of<_Senders>...>::type{};
  }
};
} // namespace __when_all
using __when_all::when_all_t;
inline constexpr when_all_t when_all{};

namespace __schedule {
struct schedule_t {
  template <class _Scheduler> auto operator()(_Scheduler &&__sched) const {
    return __mirror::sender_of<>{};
  }
};
} // namespace __schedule
using __schedule::schedule_t;
inline constexpr schedule_t schedule{};

namespace __starts_on_ns {
// Starts the sender on the scheduler's execution resource.
struct starts_on_t {
  template <class _Scheduler, class _Sender>
  auto operator()(_Scheduler &&__sched, _Sender &&__sndr) const -> std::decay_t<_Sender> {
    return static_cast<_Sender &&>(__sndr);
  }
};
} // namespace __starts_on_ns
using __starts_on_ns::starts_on_t;
inline constexpr starts_on_t starts_on{};

namespace __continues_on {
// Completes the sender on the scheduler's execution resource.
struct continues_on_t {
  template <class _Sender, class _Scheduler>
  auto operator()(_Sender &&__sndr, _Scheduler &&__sched) const -> std::decay_t<_Sender> {
    return static_cast<_Sender &&>(__sndr);
  }
};
} // namespace __continues_on
using __continues_on::continues_on_t;
inline constexpr continues_on_t continues_on{};

namespace __loop {
class run_loop {
public:
  class __scheduler {
  public:
    bool operator==(const __scheduler &) const noexcept = default;
  };
  auto get_scheduler() noexcept -> __scheduler { return {}; }
  void run() {}
  void finish() {}
};
} // namespace __loop
using run_loop = __loop::run_loop;

} // namespace stdexec
