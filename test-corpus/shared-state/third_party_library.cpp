// CHECKS: async-unguarded-shared-state
// Findings sit where the user can act. A vendored library (third_party/)
// and the system headers are library code: their bodies are not analysed
// and nothing is reported inside them. What the user's code does with a
// library object is judged at the user's call: a class that synchronises
// itself (a mutex member) may be called from any thread; one that does not
// is written by its non-const members.
#include "third_party/minilib/minilib.hpp" // test-corpus/include/third_party: a vendored library

#include <asio.hpp>

#include <cstdio>
#include <mutex>
#include <thread>

minilib::Registry registry;
minilib::Histogram histogram;
minilib::Histogram guarded_histogram;
std::mutex histogram_mutex;
minilib::Cache cache;

void worker(int id) {
  registry.add("worker");  // ok: async-unguarded-shared-state
  (void)registry.size();   // ok: async-unguarded-shared-state
  minilib::note_call();    // ok: async-unguarded-shared-state
  cache.put(id, id);       // ok: async-unguarded-shared-state
  (void)cache.size();      // ok: async-unguarded-shared-state
  {
    std::lock_guard<std::mutex> lock(histogram_mutex);
    guarded_histogram.record(id); // ok: async-unguarded-shared-state
  }
  histogram.record(id); // expect: async-unguarded-shared-state {{'histogram' is written in a thread running 'worker' without a lock, while another thread running 'worker' writes it concurrently}}
}

// Asio's io_context synchronises itself: posting and dispatching to one
// from several threads is what it is for. The writes Asio makes inside
// (its op_queue, its event) are under its own mutex, in its own headers.
void post_from_threads() {
  asio::io_context io;
  long handled = 0;
  std::thread a([&io, &handled] { asio::post(io, [&handled] { ++handled; }); }); // ok: async-unguarded-shared-state
  std::thread b([&io, &handled] { asio::dispatch(io, [&handled] { ++handled; }); }); // ok: async-unguarded-shared-state
  a.join();
  b.join();
  io.run();
  std::printf("%ld\n", handled); // ok: async-unguarded-shared-state
}

int main() {
  std::thread a(worker, 1); // expect-note: {{'worker' starts on another thread here}}
  std::thread b(worker, 2);
  a.join();
  b.join();
  post_from_threads();
}
