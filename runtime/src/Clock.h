//===--- Clock.h - monotonic and thread CPU time in nanoseconds ------------===//
#pragma once

#include <cstdint>
#include <ctime>

namespace asynclint::rt {

inline uint64_t nowNs(clockid_t Clock = CLOCK_MONOTONIC) {
  timespec T;
  clock_gettime(Clock, &T);
  return static_cast<uint64_t>(T.tv_sec) * 1000000000u + static_cast<uint64_t>(T.tv_nsec);
}

inline uint64_t threadCpuNs() { return nowNs(CLOCK_THREAD_CPUTIME_ID); }

} // namespace asynclint::rt
