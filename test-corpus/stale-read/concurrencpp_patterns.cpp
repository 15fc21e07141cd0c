// CHECKS: async-stale-read-across-await
// NO-RUN
// concurrencpp (mirror: include/concurrencpp/concurrencpp.h): coroutines
// submitted to and posted on an executor in a loop, results joined with
// concurrencpp::when_all; the same under a concurrencpp::async_lock held
// across the suspension; the one-statement update; a coroutine submitted
// once; one object per submission.
#include <concurrencpp/concurrencpp.h>

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

using concurrencpp::result;
using pool_ptr = std::shared_ptr<concurrencpp::thread_pool_executor>;

result<void> pause(pool_ptr tp) { co_await concurrencpp::resume_on(tp); }

// ---- Lost update: a coroutine submitted per order, in a loop ----

long stock = 100;
concurrencpp::async_lock stock_lock;

result<void> take(pool_ptr tp, long n) {
  long left = stock; // expect-note: {{'stock' is read here, before the co_await}}
  co_await pause(tp); // expect-note: {{'take' suspends here}}
  stock = left - n; // expect: async-stale-read-across-await {{'stock' is written from a value read before a co_await; other coroutines that write 'stock' may run during the suspension and their updates are lost (stale read); read 'stock' again after the co_await, or update it in one step after it, or hold a concurrencpp::async_lock across the read, the co_await and the write (auto guard = co_await lock.lock(executor);)}}
}
result<void> take_locked(pool_ptr tp, long n) {
  auto guard = co_await stock_lock.lock(tp);
  long left = stock;
  co_await pause(tp);
  stock = left - n; // ok: async-stale-read-across-await (the async_lock is held across)
}
result<void> take_released_early(pool_ptr tp, long n) {
  auto guard = co_await stock_lock.lock(tp);
  long left = stock;
  guard.unlock();
  co_await pause(tp);
  stock = left - n; // expect: async-stale-read-across-await
}
result<void> take_one_step(pool_ptr tp, long n) {
  co_await pause(tp);
  stock -= n; // ok: async-stale-read-across-await (one statement after the co_await)
}

void on_orders(pool_ptr tp) {
  for (long n = 1; n < 10; ++n) {
    tp->submit([tp, n] { return take(tp, n); });
    tp->submit([tp, n] { return take_locked(tp, n); });
    tp->post([tp, n] { return take_released_early(tp, n); });
    tp->post([tp, n] { return take_one_step(tp, n); });
  }
}

// ---- Check-then-act: a price cache, results joined with when_all ----

std::map<std::string, double> prices;
concurrencpp::async_lock prices_lock;

result<double> quote(pool_ptr tp, std::string symbol) {
  co_await pause(tp);
  co_return static_cast<double>(symbol.size());
}
result<void> refresh(pool_ptr tp, std::string symbol) {
  if (prices.count(symbol) == 0) { // expect-note: {{'prices' is checked here, before the co_await}}
    double p = co_await quote(tp, symbol);
    prices[symbol] = p; // expect: async-stale-read-across-await {{'prices' is changed on the strength of a check made before a co_await}}
  }
}
result<void> refresh_locked(pool_ptr tp, std::string symbol) {
  auto guard = co_await prices_lock.lock(tp);
  if (prices.count(symbol) == 0) {
    double p = co_await quote(tp, symbol);
    prices[symbol] = p; // ok: async-stale-read-across-await (checked and changed under the lock)
  }
}
result<void> refresh_emplace(pool_ptr tp, std::string symbol) {
  if (prices.count(symbol) == 0) {
    double p = co_await quote(tp, symbol);
    prices.emplace(symbol, p); // ok: async-stale-read-across-await (emplace checks again)
  }
}
result<void> refresh_all(pool_ptr tp) {
  co_await concurrencpp::when_all(tp, refresh(tp, "a"), refresh(tp, "b"));
  co_await concurrencpp::when_all(tp, refresh_locked(tp, "a"), refresh_locked(tp, "b"));
  co_await concurrencpp::when_all(tp, refresh_emplace(tp, "a"), refresh_emplace(tp, "b"));
}

// ---- Submitted once; one object per submission ----

long reports = 0;
result<void> report(pool_ptr tp) {
  long r = reports;
  co_await pause(tp);
  reports = r + 1; // ok: async-stale-read-across-await (only one coroutine writes it)
}

struct basket {
  std::vector<std::string> items;
  result<void> checkout(pool_ptr tp) {
    if (items.empty())
      co_return;
    co_await pause(tp);
    items.clear(); // ok: async-stale-read-across-await (one basket per submission)
  }
};

void start_background(pool_ptr tp) {
  tp->submit([tp] { return report(tp); });
  for (int i = 0; i < 8; ++i) {
    auto own = std::make_shared<basket>();
    tp->submit([tp, own] { return own->checkout(tp); });
  }
}

int main() {
  concurrencpp::runtime runtime;
  auto tp = runtime.thread_pool_executor();
  on_orders(tp);
  start_background(tp);
  refresh_all(tp).get();
}
