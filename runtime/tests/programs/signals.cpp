// Runtime test program: signal handlers that must behave exactly as they do
// without the runtime. Each mode checks itself and exits 0 when the program
// saw what it would see without the runtime; a marked task's sleep after
// the signals shows that the runtime still records.
#include "asynclint/runtime.h"

#include <atomic>
#include <csetjmp>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <sys/time.h>
#include <thread>
#include <unistd.h>

// Variables for the watch tests: five plain globals, and a member.
long watch_a, watch_b, watch_c, watch_d, watch_e;
struct Tally {
  Tally() : count_(0) {}
  long count_;
};
Tally tally;

namespace {

sigjmp_buf sig_env;
jmp_buf plain_env;
volatile sig_atomic_t entered = 0, depth = 0, max_depth = 0;

void leave_with_siglongjmp(int) { siglongjmp(sig_env, 1); }
void leave_with_longjmp(int) { longjmp(plain_env, 1); }
void count(int) { entered = entered + 1; }

// A crash reporter: saves the handler it replaces and chains to it.
struct sigaction reporter_saved;
volatile sig_atomic_t reporter_calls = 0, original_calls = 0;
void original_handler(int) { original_calls = original_calls + 1; }
void reporter(int sig, siginfo_t *info, void *context) {
  reporter_calls = reporter_calls + 1;
  if (reporter_calls > 6)
    _exit(9); // recursing into itself: the program's own guard
  if (reporter_saved.sa_flags & SA_SIGINFO)
    reporter_saved.sa_sigaction(sig, info, context);
  else if (reporter_saved.sa_handler != SIG_DFL && reporter_saved.sa_handler != SIG_IGN)
    reporter_saved.sa_handler(sig);
}

void nested(int sig) {
  depth = depth + 1;
  if (depth > max_depth)
    max_depth = depth;
  if (depth == 1)
    raise(sig); // with SA_NODEFER this runs the handler again, inside
  depth = depth - 1;
}

__attribute__((noinline)) int fault(volatile int *p) { return *p; }
void throw_from_handler(int) { throw std::runtime_error("fault"); }

void sleep_in_marked_task() {
  asynclint::TaskScope task("after-signals");
  ::usleep(2000); // recorded only if recording is still on
}

int fail(const char *what) {
  std::fprintf(stderr, "FAIL: %s\n", what);
  return 1;
}

} // namespace

int main(int argc, char **argv) {
  const char *mode = argc > 1 ? argv[1] : "";
  watch_a = watch_b = watch_c = watch_d = watch_e = tally.count_ = 1;
  if (!std::strcmp(mode, "siglongjmp")) {
    std::signal(SIGUSR1, leave_with_siglongjmp);
    for (int i = 0; i < 3; ++i)
      if (sigsetjmp(sig_env, 1) == 0)
        raise(SIGUSR1);
  } else if (!std::strcmp(mode, "longjmp")) {
    std::signal(SIGUSR1, leave_with_longjmp);
    if (setjmp(plain_env) == 0)
      raise(SIGUSR1);
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, SIGUSR1);
    sigprocmask(SIG_UNBLOCK, &unblock, nullptr); // longjmp left it blocked
  } else if (!std::strcmp(mode, "throw")) {
    std::signal(SIGSEGV, throw_from_handler);
    bool caught = false;
    try {
      fault(nullptr);
    } catch (const std::runtime_error &) {
      caught = true;
    }
    if (!caught)
      return fail("the exception thrown by the handler was not caught");
  } else if (!std::strcmp(mode, "chain")) {
    struct sigaction original = {};
    original.sa_handler = original_handler;
    sigemptyset(&original.sa_mask);
    sigaction(SIGUSR1, &original, nullptr);
    struct sigaction query = {};
    if (sigaction(SIGUSR1, nullptr, &query) != 0 || query.sa_handler != original_handler ||
        (query.sa_flags & SA_SIGINFO))
      return fail("a query did not return the installed handler");
    struct sigaction mine = {};
    mine.sa_sigaction = reporter;
    mine.sa_flags = SA_SIGINFO;
    sigemptyset(&mine.sa_mask);
    sigaction(SIGUSR1, &mine, &reporter_saved);
    if (reporter_saved.sa_handler != original_handler)
      return fail("the replaced handler is not the one installed before");
    if (sigaction(SIGUSR1, nullptr, &query) != 0 || query.sa_sigaction != reporter ||
        !(query.sa_flags & SA_SIGINFO))
      return fail("a query did not return the reporter");
    raise(SIGUSR1);
    if (reporter_calls != 1 || original_calls != 1)
      return fail("the chain did not run each handler once");
    // signal() answers with the previous handler as well.
    std::signal(SIGUSR2, count);
    if (std::signal(SIGUSR2, original_handler) != count)
      return fail("signal() did not return the previous handler");
    if (std::signal(SIGUSR2, SIG_DFL) != original_handler)
      return fail("signal() did not return the previous handler");
    if (sigaction(SIGUSR2, nullptr, &query) != 0 || query.sa_handler != SIG_DFL)
      return fail("a query after SIG_DFL did not return SIG_DFL");
  } else if (!std::strcmp(mode, "resethand")) {
    struct sigaction once = {};
    once.sa_handler = count;
    once.sa_flags = SA_RESETHAND;
    sigemptyset(&once.sa_mask);
    sigaction(SIGUSR1, &once, nullptr);
    raise(SIGUSR1);
    struct sigaction query = {};
    sigaction(SIGUSR1, nullptr, &query);
    if (entered != 1 || query.sa_handler != SIG_DFL)
      return fail("SA_RESETHAND did not reset the handler after one delivery");
    std::signal(SIGUSR2, SIG_IGN);
    raise(SIGUSR2);
  } else if (!std::strcmp(mode, "nodefer")) {
    struct sigaction reentrant = {};
    reentrant.sa_handler = nested;
    reentrant.sa_flags = SA_NODEFER;
    sigemptyset(&reentrant.sa_mask);
    sigaction(SIGUSR1, &reentrant, nullptr);
    raise(SIGUSR1);
    if (max_depth != 2 || depth != 0)
      return fail("SA_NODEFER: the handler did not run nested");
  } else if (!std::strcmp(mode, "storm")) {
    // A timer interrupts the runtime at every point of its work (timing a
    // call, capturing its stack, writing its event), and its handler never
    // returns. A lock or a busy mark left behind would hang or silence it.
    std::signal(SIGALRM, leave_with_siglongjmp);
    itimerval every = {{0, 200}, {0, 200}};
    setitimer(ITIMER_REAL, &every, nullptr);
    volatile int interrupted = 0;
    {
      asynclint::TaskScope task("storm");
      for (volatile int i = 0; i < 400; ++i) {
        if (sigsetjmp(sig_env, 1) != 0) {
          interrupted = interrupted + 1;
          continue;
        }
        ::usleep(50);
      }
    }
    itimerval off = {};
    setitimer(ITIMER_REAL, &off, nullptr);
    std::signal(SIGALRM, SIG_DFL);
    std::printf("interrupted %d times\n", interrupted);
  } else if (!std::strcmp(mode, "sigtrap")) {
    // The runtime needs SIGTRAP for its watchpoints; the program's own
    // SIGTRAP handler still gets the program's SIGTRAPs.
    struct sigaction trap = {};
    trap.sa_handler = count;
    sigemptyset(&trap.sa_mask);
    struct sigaction before = {};
    sigaction(SIGTRAP, &trap, &before);
    if (before.sa_handler != SIG_DFL)
      return fail("the runtime's SIGTRAP handler showed through");
    raise(SIGTRAP);
    struct sigaction query = {};
    sigaction(SIGTRAP, nullptr, &query);
    if (entered != 1 || query.sa_handler != count)
      return fail("the program's SIGTRAP handler did not run, or a query did not return it");
  } else if (!std::strcmp(mode, "terminate")) {
    // For `asynclint run`: waits for SIGTERM, which the tool passes on;
    // argv[2] is created once the handler is in place.
    std::signal(SIGTERM, count);
    if (argc > 2)
      if (FILE *ready = std::fopen(argv[2], "w"))
        std::fclose(ready);
    for (int i = 0; i < 1000 && !entered; ++i)
      ::usleep(10000);
    sleep_in_marked_task();
    return entered ? 0 : fail("no SIGTERM arrived");
  } else {
    return fail("unknown mode");
  }
  sleep_in_marked_task();
  return 0;
}
