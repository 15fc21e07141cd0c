// Starts the threads; what they run is defined in worker.cpp and config.cpp.
#include "jobs.h"

#include <mutex>
#include <thread>
#include <vector>

namespace {

std::mutex audit_mutex;

} // namespace

int main() {
  std::thread reloader(jobs::reload_settings); // expect-note: {{'jobs::reload_settings' starts on another thread here}}

  std::thread loader(jobs::load_inputs);
  loader.join();

  std::vector<std::thread> workers;
  for (int id = 0; id < 4; ++id)
    workers.emplace_back(jobs::process_batch, id); // expect-note: {{'jobs::process_batch' starts on another thread here, more than once}}
  jobs::stop_requested = true; // expect: async-unguarded-shared-state {{'jobs::stop_requested' is written in 'main' (which started the thread) without a lock, while a thread running 'jobs::process_batch' reads it concurrently (data race)}}
  for (std::thread &worker : workers)
    worker.join();

  std::vector<std::thread> auditors;
  for (int id = 0; id < 2; ++id)
    auditors.emplace_back([id] {
      std::lock_guard<std::mutex> lock(audit_mutex);
      jobs::append_audit(id);
    });
  for (std::thread &auditor : auditors)
    auditor.join();

  std::thread reporter(jobs::summarize);
  reporter.join();
  reloader.join();
  return jobs::exit_code; // ok: async-unguarded-shared-state (after the join)
}
