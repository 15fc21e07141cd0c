//===--- SiteLimiter.h - bounded rate limit of repeated events per site ---===//
//
// A blocking call inside a loop body repeats thousands of times; the event
// file gets its first occurrences and then one line at each power of two,
// each with the running count. A fixed table: memory stays bounded however
// many sites a program has (past the table's size every site is reported as
// new, which costs lines, never correctness).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <atomic>
#include <cstdint>

namespace asynclint::rt {

class SiteLimiter {
public:
  static constexpr unsigned Slots = 4096;
  static constexpr uint64_t AlwaysReported = 3;

  /// Counts one occurrence at \p Site (a nonzero hash); returns the count.
  uint64_t count(uint64_t Site);
  /// Whether the \p Count-th occurrence of a site gets a line.
  static bool shouldReport(uint64_t Count) {
    return Count <= AlwaysReported || (Count & (Count - 1)) == 0;
  }

private:
  struct Slot {
    std::atomic<uint64_t> Key{0};
    std::atomic<uint64_t> Count{0};
  };
  Slot Table[Slots];
};

inline uint64_t mixHash(uint64_t H, uint64_t V) {
  H ^= V + 0x9e3779b97f4a7c15ull + (H << 6) + (H >> 2);
  return H;
}

} // namespace asynclint::rt
