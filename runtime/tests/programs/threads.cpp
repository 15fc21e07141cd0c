// Runtime test program: spawns, joins, shared state, fork and the C API,
// one scenario per mode.
#include "asynclint/runtime.h"

#include <chrono>
#include <cstring>
#include <future>
#include <mutex>
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace std::chrono_literals;

long unguarded_total = 0;
long guarded_total = 0;
std::mutex guard;
long spin_guarded_total = 0;
pthread_spinlock_t spin_guard;

static void work() { std::this_thread::sleep_for(20ms); }

static void add_unguarded() {
  for (int i = 0; i < 2000; ++i) {
    unguarded_total += i; // LINE-unguarded-write
    if (i % 500 == 0)
      std::this_thread::sleep_for(1ms); // keep both threads alive together
  }
}

static void add_spin_guarded() {
  for (int i = 0; i < 2000; ++i) {
    // The try-lock shape of a spinning lock: only the successful call holds.
    while (pthread_spin_trylock(&spin_guard))
      ;
    spin_guarded_total += i;
    pthread_spin_unlock(&spin_guard);
    pthread_spin_lock(&spin_guard);
    spin_guarded_total -= i;
    pthread_spin_unlock(&spin_guard);
    if (i % 500 == 0)
      std::this_thread::sleep_for(1ms);
  }
}

static void add_guarded() {
  for (int i = 0; i < 2000; ++i) {
    std::lock_guard<std::mutex> lock(guard);
    guarded_total += i;
    if (i % 500 == 0)
      std::this_thread::sleep_for(1ms);
  }
}

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  if (!std::strcmp(mode, "join-at-once")) {
    std::thread t(work); // LINE-join-at-once
    t.join();
  } else if (!std::strcmp(mode, "overlapping")) {
    std::thread a(work), b(work);
    a.join();
    b.join();
  } else if (!std::strcmp(mode, "creator-works")) {
    std::thread t(work);
    auto until = std::chrono::steady_clock::now() + 20ms;
    volatile unsigned long spin = 0;
    while (std::chrono::steady_clock::now() < until)
      spin = spin + 1;
    t.join();
  } else if (!std::strcmp(mode, "async-discarded")) {
    std::async(std::launch::async, work); // LINE-async-discarded
  } else if (!std::strcmp(mode, "race")) {
    std::thread a(add_unguarded), b(add_unguarded);
    a.join();
    b.join();
  } else if (!std::strcmp(mode, "guarded")) {
    std::thread a(add_guarded), b(add_guarded);
    a.join();
    b.join();
  } else if (!std::strcmp(mode, "spin-guarded")) {
    pthread_spin_init(&spin_guard, PTHREAD_PROCESS_PRIVATE);
    std::thread a(add_spin_guarded), b(add_spin_guarded);
    a.join();
    b.join();
  } else if (!std::strcmp(mode, "ordered")) {
    // Written by one thread, then by main after the join: ordered, no race.
    std::thread a(add_unguarded);
    a.join();
    unguarded_total = 0;
    std::thread b(add_unguarded);
    b.join();
  } else if (!std::strcmp(mode, "marked-task")) {
    asynclint::TaskScope task("custom-task");
    ::usleep(2000); // LINE-marked-task
  } else if (!std::strcmp(mode, "unmarked")) {
    ::usleep(2000);
  } else if (!std::strcmp(mode, "fork")) {
    pid_t child = fork();
    if (child == 0) {
      asynclint::TaskScope task("child-task");
      ::usleep(1000);
      _exit(0);
    }
    waitpid(child, nullptr, 0);
  } else if (!std::strcmp(mode, "killed")) {
    asynclint::TaskScope task("doomed-task");
    ::usleep(1000);
    raise(SIGKILL);
  } else if (!std::strcmp(mode, "signal-handler")) {
    // A handler may sleep (async-signal-safe); the runtime must not report
    // from inside it, whatever the interrupted code was doing.
    asynclint::TaskScope task("interrupted-task");
    signal(SIGUSR1, [](int) { ::usleep(1000); });
    raise(SIGUSR1);
  } else if (!std::strcmp(mode, "api-without-runtime")) {
    return asynclint_runtime_active ? asynclint_runtime_active() : 42;
  }
  return 0;
}
