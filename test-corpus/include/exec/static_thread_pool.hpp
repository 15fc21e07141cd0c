// A declaration mirror of stdexec's exec::static_thread_pool (tag nvhpc-25.09,
// include/exec/static_thread_pool.hpp; see stdexec/execution.hpp here). Bodies
// are placeholders: not a working thread pool.
#pragma once

#include <stdexec/execution.hpp>

#include <cstdint>

namespace exec {
namespace _pool_ {
class static_thread_pool_ {
public:
  struct scheduler {
    bool operator==(const scheduler &) const = default;
  };
  static_thread_pool_() {}
  explicit static_thread_pool_(std::uint32_t threadCount) {}
  auto get_scheduler() noexcept -> scheduler { return {}; }
};
} // namespace _pool_

struct static_thread_pool : private _pool_::static_thread_pool_ {
  static_thread_pool() = default;
  static_thread_pool(std::uint32_t threadCount) : _pool_::static_thread_pool_(threadCount) {}
  using _pool_::static_thread_pool_::scheduler;
  using _pool_::static_thread_pool_::get_scheduler;
};
} // namespace exec
