// CHECKS: async-stale-read-across-await
// CONFIG: {CheckOptions: {CatalogFiles: '%S/data/broken-catalog.json'}}
// EXPECT-CONFIG: broken-catalog.json: catalog.stale_read.async_mutexes: async mutexes are described in async_locks.types now
// NO-RUN
// A catalog file that does not parse is reported and skipped: the built-in
// catalog still applies. This one names its async mutex where catalogs
// before async_locks did: the error says where it goes now.
#include <minitask/task.hpp>

#include <chrono>

minitask::task<void> fetch() { co_await minitask::sleep_for(std::chrono::milliseconds(1)); }

long total = 0;
minitask::task<void> add() {
  long t = total;
  co_await fetch();
  total = t + 1; // expect: async-stale-read-across-await
}
minitask::task<void> add_in_one_step() {
  co_await fetch();
  total += 1; // ok: async-stale-read-across-await
}

minitask::task<void> both() {
  co_await minitask::when_all(add(), add(), add_in_one_step());
}

int main() {
  minitask::scheduler loop;
  minitask::sync_wait(loop, both());
}
