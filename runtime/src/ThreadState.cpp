//===--- ThreadState.cpp --------------------------------------------------===//
#include "ThreadState.h"

#include <initializer_list>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace asynclint::rt {

namespace {
__attribute__((tls_model("initial-exec"))) thread_local ThreadState State;

/// The asynchronous signals: the synchronous ones report a fault in the
/// instruction that runs and cannot wait.
sigset_t asynchronousSignals() {
  sigset_t Set;
  sigfillset(&Set);
  for (int Synchronous : {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGSYS, SIGABRT})
    sigdelset(&Set, Synchronous);
  return Set;
}
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

bool inSignalHandler() {
  ThreadState &T = State;
  if (T.InSignalHandler == 0)
    return false;
  if (T.InSignalHandler > MaxNestedHandlers)
    return true; // deeper than recorded: assume inside
  auto Sp = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  while (T.InSignalHandler > 0) {
    const HandlerFrame &H = T.Handlers[T.InSignalHandler - 1];
    bool OnItsStack = H.AltHigh == 0 || (Sp >= H.AltLow && Sp < H.AltHigh);
    // Stacks grow down: deeper than the trampoline's frame is inside it.
    if (OnItsStack && Sp < H.Frame)
      return true;
    --T.InSignalHandler; // the handler was left without returning
  }
  return false;
}

void recordStackBounds(ThreadState &T) {
  pthread_attr_t Attr;
  if (pthread_getattr_np(pthread_self(), &Attr) != 0)
    return;
  void *Low = nullptr;
  size_t Size = 0;
  if (pthread_attr_getstack(&Attr, &Low, &Size) == 0) {
    T.StackLow = reinterpret_cast<uintptr_t>(Low);
    T.StackHigh = T.StackLow + Size;
  }
  pthread_attr_destroy(&Attr);
}

BusyScope::BusyScope() : S(self()) {
  if (S.Busy == 0) {
    static const sigset_t Asynchronous = asynchronousSignals();
    Blocked = pthread_sigmask(SIG_BLOCK, &Asynchronous, &Saved) == 0;
  }
  ++S.Busy;
}

BusyScope::~BusyScope() {
  --S.Busy;
  if (Blocked)
    pthread_sigmask(SIG_SETMASK, &Saved, nullptr);
}

} // namespace asynclint::rt
