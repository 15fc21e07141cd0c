// CHECKS: async-stale-read-across-await
// CONFIG: {CheckOptions: {CatalogFiles: '%S/data/project-catalog.json'}}
// NO-RUN
// A catalog file adds a project's own task start, its own async lock and its
// advice: no C++ change.
#include <minitask/task.hpp>

#include <chrono>
#include <utility>

namespace crew {

// The project's task type: a minitask task under its own name.
template <typename T = void> class job : public minitask::task<T> {
public:
  using minitask::task<T>::task;
  job(minitask::task<T> &&t) : minitask::task<T>(std::move(t)) {}
};

class crew_pool {
public:
  void dispatch(minitask::task<void> work) { (void)minitask::spawn(std::move(work)); }
};

// A lock passed from holder to holder.
class baton {
public:
  minitask::async_mutex::lock_awaiter take() { return mutex_.lock(); }
  void pass() { mutex_.unlock(); }

private:
  minitask::async_mutex mutex_;
};

} // namespace crew

minitask::task<void> fetch() { co_await minitask::sleep_for(std::chrono::milliseconds(1)); }

long shipped = 0;
crew::baton shipped_baton;

crew::job<> ship() {
  long s = shipped;
  co_await fetch();
  shipped = s + 1; // expect: async-stale-read-across-await {{hold the crew::baton across the read, the co_await and the write}}
}

crew::job<> ship_holding_baton() {
  co_await shipped_baton.take();
  long s = shipped;
  co_await fetch();
  shipped = s + 1; // ok: async-stale-read-across-await
  shipped_baton.pass();
}

minitask::task<void> dispatch_all(crew::crew_pool &pool) {
  for (int i = 0; i < 3; ++i) {
    pool.dispatch(ship());
    pool.dispatch(ship_holding_baton());
  }
  co_await fetch();
}

int main() {
  minitask::scheduler loop;
  crew::crew_pool pool;
  minitask::sync_wait(loop, dispatch_all(pool));
}
