//===--- Parallel.h - run N independent jobs on a few threads ------------===//
#pragma once

#include <algorithm>
#include <atomic>
#include <functional>
#include <thread>
#include <vector>

namespace asynclint::check {

/// Calls \p Job(I) for every I in [0, Count) on up to \p Threads threads.
/// Jobs are handed out in index order, one at a time, so a slow translation
/// unit does not hold back a queue of others. Once \p Stop is set, no
/// further job starts (those running finish).
inline void parallelFor(size_t Count, unsigned Threads, const std::function<void(size_t)> &Job,
                        const std::atomic<bool> *Stop = nullptr) {
  std::atomic<size_t> Next{0};
  auto Work = [&] {
    for (size_t I = Next++; I < Count && !(Stop && *Stop); I = Next++)
      Job(I);
  };
  unsigned Workers = std::max(1u, std::min<unsigned>(Threads, static_cast<unsigned>(Count)));
  std::vector<std::thread> Pool;
  for (unsigned W = 1; W < Workers; ++W)
    Pool.emplace_back(Work);
  Work();
  for (std::thread &T : Pool)
    T.join();
}

} // namespace asynclint::check
