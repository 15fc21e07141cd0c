//===--- InterposeSignals.cpp - the program's signal handlers, unchanged --===//
//
// A program's signal handler may call write() or sleep() (both
// async-signal-safe) while the thread it interrupted was inside malloc or
// the dynamic loader. Reporting from there (unwinding, JSON, malloc) could
// deadlock the program, so the runtime runs every handler the program
// installs through a trampoline that marks the thread as inside a handler.
//
// The program must not be able to tell: a query returns the handler it
// installed (a crash reporter that saves the old handler and chains to it
// would otherwise call itself), flags such as SA_RESETHAND and SA_NODEFER
// keep their meaning, and a handler that leaves with siglongjmp is
// forgotten by the stack test of inSignalHandler(). A signal the runtime
// needs itself (SIGTRAP, for watchpoints) stays the runtime's in the
// kernel; the program's handler for it is kept here and called for the
// signals that are not the runtime's.
//
//===----------------------------------------------------------------------===//
#include "Signals.h"

#include "Runtime.h"
#include "ThreadState.h"

#include <atomic>
#include <csignal>
#include <cstring>
#include <ucontext.h>

using namespace asynclint::rt;

namespace {

constexpr int MaxSignal = 65;

using SigInfoHandler = void (*)(int, siginfo_t *, void *);

/// The program's handlers, by signal; read by the trampolines in any thread.
std::atomic<SigInfoHandler> Handlers[MaxSignal];

/// Handlers installed without SA_SIGINFO take one argument; both kinds are
/// kept as the three-argument form and called accordingly.
struct PlainHandler {
  static std::atomic<void (*)(int)> Table[MaxSignal];
  static void call(int Signal, siginfo_t *, void *) {
    if (auto *H = Table[Signal].load(std::memory_order_acquire))
      H(Signal);
  }
};
std::atomic<void (*)(int)> PlainHandler::Table[MaxSignal];

/// What the program last installed for each signal the runtime wraps or
/// owns (what a query must return). Updated under ActionsLock with every
/// signal blocked, so no handler on this thread can spin on it.
struct sigaction ProgramActions[MaxSignal];
bool ProgramActionKnown[MaxSignal];
/// The runtime's own handler for a signal it needs, or null.
std::atomic<SigInfoHandler> Owned[MaxSignal];
std::atomic_flag ActionsLock = ATOMIC_FLAG_INIT;

auto realSigaction() {
  static auto *Real = real<decltype(&::sigaction)>("sigaction");
  return Real;
}

/// Holds ActionsLock with every signal blocked.
class ActionsGuard {
public:
  ActionsGuard() {
    sigset_t All;
    sigfillset(&All);
    pthread_sigmask(SIG_BLOCK, &All, &Saved);
    while (ActionsLock.test_and_set(std::memory_order_acquire))
      ;
  }
  ~ActionsGuard() {
    ActionsLock.clear(std::memory_order_release);
    pthread_sigmask(SIG_SETMASK, &Saved, nullptr);
  }
  ActionsGuard(const ActionsGuard &) = delete;
  ActionsGuard &operator=(const ActionsGuard &) = delete;

private:
  sigset_t Saved;
};

void setDispatch(int Signal, const struct sigaction &Action) {
  bool Installs = Action.sa_handler != SIG_DFL && Action.sa_handler != SIG_IGN;
  if (!Installs) {
    Handlers[Signal].store(nullptr, std::memory_order_release);
  } else if (Action.sa_flags & SA_SIGINFO) {
    Handlers[Signal].store(Action.sa_sigaction, std::memory_order_release);
  } else {
    PlainHandler::Table[Signal].store(Action.sa_handler, std::memory_order_release);
    Handlers[Signal].store(&PlainHandler::call, std::memory_order_release);
  }
}

/// Runs the program's handler for \p Signal, marked as a handler.
void runProgramHandler(int Signal, siginfo_t *Info, void *Context) {
  ThreadState &T = self();
  int Depth = ++T.InSignalHandler;
  if (Depth <= MaxNestedHandlers) {
    HandlerFrame &H = T.Handlers[Depth - 1];
    H.Frame = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
    H.AltLow = H.AltHigh = 0;
    stack_t Alternate;
    if (sigaltstack(nullptr, &Alternate) == 0 && (Alternate.ss_flags & SS_ONSTACK)) {
      H.AltLow = reinterpret_cast<uintptr_t>(Alternate.ss_sp);
      H.AltHigh = H.AltLow + Alternate.ss_size;
    }
  }
  // Returning, or unwinding with an exception thrown by the handler.
  struct Leave {
    ThreadState &T;
    int Depth;
    ~Leave() { T.InSignalHandler = Depth - 1; }
  } Left{T, Depth};
  if (auto *Handler = Handlers[Signal].load(std::memory_order_acquire))
    Handler(Signal, Info, Context);
}

void trampoline(int Signal, siginfo_t *Info, void *Context) {
  runProgramHandler(Signal, Info, Context);
}

bool isRuntimeHandler(const struct sigaction &Action, int Signal) {
  if (!(Action.sa_flags & SA_SIGINFO) || !Action.sa_sigaction)
    return false;
  return Action.sa_sigaction == trampoline ||
         Action.sa_sigaction == Owned[Signal].load(std::memory_order_acquire);
}

} // namespace

namespace asynclint::rt {

bool claimSignal(int Signal, SigInfoHandler Handler) {
  if (Signal <= 0 || Signal >= MaxSignal)
    return false;
  struct sigaction Action;
  std::memset(&Action, 0, sizeof(Action));
  Action.sa_sigaction = Handler;
  Action.sa_flags = SA_SIGINFO | SA_RESTART;
  // Nothing of the program's may interrupt the runtime's handler: it holds
  // a spin lock.
  sigfillset(&Action.sa_mask);
  ActionsGuard Guard;
  struct sigaction Previous;
  if (realSigaction()(Signal, &Action, &Previous) != 0)
    return false;
  if (!isRuntimeHandler(Previous, Signal)) {
    ProgramActions[Signal] = Previous;
    ProgramActionKnown[Signal] = true;
    setDispatch(Signal, Previous);
  }
  Owned[Signal].store(Handler, std::memory_order_release);
  return true;
}

void forwardToProgram(int Signal, siginfo_t *Info, void *Context) {
  if (Handlers[Signal].load(std::memory_order_acquire)) {
    // The mask the program's handler runs with without the runtime: the
    // interrupted code's, its sa_mask, and the signal unless SA_NODEFER.
    const struct sigaction &Action = ProgramActions[Signal];
    sigset_t Mask = static_cast<const ucontext_t *>(Context)->uc_sigmask;
    sigset_t Interrupted = Mask;
    sigorset(&Mask, &Interrupted, &Action.sa_mask);
    if (!(Action.sa_flags & SA_NODEFER))
      sigaddset(&Mask, Signal);
    pthread_sigmask(SIG_SETMASK, &Mask, nullptr);
    runProgramHandler(Signal, Info, Context);
    return;
  }
  if (!ProgramActionKnown[Signal] || ProgramActions[Signal].sa_handler != SIG_DFL)
    return; // ignored
  // The default action (for SIGTRAP: terminate with a core dump), as
  // without the runtime.
  struct sigaction Default;
  std::memset(&Default, 0, sizeof(Default));
  Default.sa_handler = SIG_DFL;
  realSigaction()(Signal, &Default, nullptr);
  sigset_t Only;
  sigemptyset(&Only);
  sigaddset(&Only, Signal);
  pthread_sigmask(SIG_UNBLOCK, &Only, nullptr);
  raise(Signal);
}

} // namespace asynclint::rt

// Exported whatever -fvisibility says: these are the interposed functions.
#pragma GCC visibility push(default)
extern "C" {

int sigaction(int Signal, const struct sigaction *Action, struct sigaction *Old) {
  auto *Real = realSigaction();
  if (Signal <= 0 || Signal >= MaxSignal || self().Busy)
    return Real(Signal, Action, Old);
  ActionsGuard Guard;
  struct sigaction Previous = ProgramActions[Signal];
  bool PreviousKnown = ProgramActionKnown[Signal];
  int Result;
  if (!Action) {
    Result = Real(Signal, nullptr, Old);
  } else if (Owned[Signal].load(std::memory_order_acquire)) {
    // The kernel keeps the runtime's handler; the program's is called from it.
    Result = Real(Signal, nullptr, Old);
  } else if (Action->sa_handler == SIG_DFL || Action->sa_handler == SIG_IGN) {
    Result = Real(Signal, Action, Old);
  } else {
    struct sigaction Wrapped = *Action;
    Wrapped.sa_flags |= SA_SIGINFO;
    Wrapped.sa_sigaction = trampoline;
    // Set before the kernel can deliver through the new trampoline.
    setDispatch(Signal, *Action);
    Result = Real(Signal, &Wrapped, Old);
    if (Result != 0 && PreviousKnown)
      setDispatch(Signal, Previous);
  }
  if (Result != 0)
    return Result;
  // The program sees the handler it installed, never the runtime's.
  if (Old && isRuntimeHandler(*Old, Signal) && PreviousKnown)
    *Old = Previous;
  if (Action) {
    ProgramActions[Signal] = *Action;
    ProgramActionKnown[Signal] = true;
    setDispatch(Signal, *Action);
  }
  return Result;
}

// glibc's signal() installs through an internal sigaction the wrapper above
// would not see; so do bsd_signal() and sysv_signal().
sighandler_t signal(int Signal, sighandler_t Handler) {
  struct sigaction Action = {}, Old = {};
  Action.sa_handler = Handler;
  sigemptyset(&Action.sa_mask);
  sigaddset(&Action.sa_mask, Signal);
  Action.sa_flags = SA_RESTART; // glibc's BSD semantics
  if (sigaction(Signal, &Action, &Old) != 0)
    return SIG_ERR;
  return Old.sa_handler;
}

sighandler_t bsd_signal(int Signal, sighandler_t Handler) { return signal(Signal, Handler); }

sighandler_t sysv_signal(int Signal, sighandler_t Handler) {
  struct sigaction Action = {}, Old = {};
  Action.sa_handler = Handler;
  sigemptyset(&Action.sa_mask);
  Action.sa_flags = SA_RESETHAND | SA_NODEFER; // System V: one-shot, not blocked
  if (sigaction(Signal, &Action, &Old) != 0)
    return SIG_ERR;
  return Old.sa_handler;
}

} // extern "C"
#pragma GCC visibility pop
