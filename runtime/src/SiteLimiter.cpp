//===--- SiteLimiter.cpp --------------------------------------------------===//
#include "SiteLimiter.h"

namespace asynclint::rt {

uint64_t SiteLimiter::count(uint64_t Site) {
  if (Site == 0)
    Site = 1;
  // Lock-free linear probing over a bounded window: safe from any thread and
  // from signal handlers.
  for (unsigned Probe = 0; Probe < 16; ++Probe) {
    Slot &S = Table[(Site + Probe) % Slots];
    uint64_t Key = S.Key.load(std::memory_order_acquire);
    if (Key == 0) {
      uint64_t Expected = 0;
      if (S.Key.compare_exchange_strong(Expected, Site, std::memory_order_acq_rel))
        return S.Count.fetch_add(1, std::memory_order_relaxed) + 1;
      Key = Expected;
    }
    if (Key == Site)
      return S.Count.fetch_add(1, std::memory_order_relaxed) + 1;
  }
  return 1;
}

} // namespace asynclint::rt
