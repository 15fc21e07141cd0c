// The workers' side: what each worker thread runs, and the globals they share.
#include "jobs.h"

namespace jobs {

Settings settings;
long processed = 0;
long failed = 0;
std::mutex stats_mutex;
std::atomic<long> retries{0};
bool stop_requested = false;
long audited = 0;
int exit_code = 0;
int inputs_loaded = 0;

namespace {

void count_one() {
  ++processed; // expect: async-unguarded-shared-state {{'jobs::processed' is written in a thread running 'jobs::process_batch' without a lock, while another thread running 'jobs::process_batch' writes it concurrently (data race)}}
}

} // namespace

void process_batch(int id) {
  for (int i = 0; i < settings.batch; ++i) { // ok: async-unguarded-shared-state (nobody writes batch)
    if (stop_requested) // expect-note: {{conflicting read of 'jobs::stop_requested' in a thread running 'jobs::process_batch'}}
      return;
    if (settings.verbosity > 1) // expect-note: {{conflicting read of 'jobs::settings.verbosity' in a thread running 'jobs::process_batch'}}
      retries.fetch_add(1); // ok: async-unguarded-shared-state (atomic)
    count_one();
    if (i % 7 == id)
      record_failure();
  }
}

void record_failure() {
  std::lock_guard<std::mutex> lock(stats_mutex);
  ++failed; // ok: async-unguarded-shared-state (under stats_mutex, here)
}

void append_audit(int id) {
  audited += id; // ok: async-unguarded-shared-state (every caller holds audit_mutex, in main.cpp)
}

void summarize() {
  exit_code = failed > 0 ? 1 : 0; // ok: async-unguarded-shared-state (the only writer; main reads after the join)
}

void load_inputs() {
  for (int i = 0; i < 3; ++i)
    ++inputs_loaded; // ok: async-unguarded-shared-state (one thread touches it)
}

} // namespace jobs
