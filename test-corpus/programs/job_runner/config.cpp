// Configuration: reloaded on its own thread while the workers run.
#include "jobs.h"

#include <chrono>
#include <thread>

namespace jobs {

namespace {

int read_verbosity() { return 2; }

} // namespace

void reload_settings() {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  settings.verbosity = read_verbosity(); // expect: async-unguarded-shared-state {{'jobs::settings.verbosity' is written in a thread running 'jobs::reload_settings' without a lock, while a thread running 'jobs::process_batch' reads it concurrently (data race)}}
}

} // namespace jobs
