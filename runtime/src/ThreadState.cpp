//===--- ThreadState.cpp --------------------------------------------------===//
#include "ThreadState.h"

#include <sys/syscall.h>
#include <unistd.h>

namespace asynclint::rt {

namespace {
__attribute__((tls_model("initial-exec"))) thread_local ThreadState State;
} // namespace

ThreadState &self() { return State; }

pid_t currentTid() {
  // A forked child inherits the parent's cached id: compare with getpid() is
  // not enough for threads, so the cache is reset by the fork handler
  // (Runtime.cpp) and filled here on first use.
  if (State.Tid == 0)
    State.Tid = static_cast<pid_t>(::syscall(SYS_gettid));
  return State.Tid;
}

} // namespace asynclint::rt
