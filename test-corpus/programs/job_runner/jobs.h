// A batch job runner in the shape of a small service: main.cpp starts the
// threads, the functions they run and the globals they share live in
// worker.cpp and config.cpp. Each unit alone starts no thread or touches no
// shared global; only the whole program shows which threads meet where.
#pragma once

#include <atomic>
#include <mutex>
#include <string>

namespace jobs {

struct Settings {
  int batch = 8;
  int verbosity = 0;
};

extern Settings settings;          // verbosity: rewritten by the reload thread
extern long processed;             // every worker counts, without a lock
extern long failed;                // counted under stats_mutex
extern std::mutex stats_mutex;
extern std::atomic<long> retries;  // atomic
extern bool stop_requested;        // main asks the workers to stop
extern long audited;               // written under the caller's audit lock
extern int exit_code;              // written by the one reporter thread
extern int inputs_loaded;          // touched only by the loader thread

void process_batch(int id);
void record_failure();
void append_audit(int id);
void summarize();
void load_inputs();
void reload_settings();

} // namespace jobs
