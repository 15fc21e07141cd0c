//===--- InterposeSignals.cpp - knowing when a signal handler runs --------===//
//
// A program's signal handler may call write() or sleep() (both
// async-signal-safe) while the thread it interrupted was inside malloc or
// the dynamic loader. Reporting from there (unwinding, JSON, malloc) could
// deadlock the program, so the runtime wraps every handler the program
// installs and stays out of the way while one runs.
//
//===----------------------------------------------------------------------===//
#include "Runtime.h"
#include "ThreadState.h"

#include <atomic>
#include <csignal>

using namespace asynclint::rt;

namespace {

constexpr int MaxSignal = 65;

/// The program's handlers, by signal; read by the trampolines in any thread.
std::atomic<void (*)(int, siginfo_t *, void *)> Handlers[MaxSignal];

void trampoline(int Signal, siginfo_t *Info, void *Context) {
  ThreadState &T = self();
  ++T.InSignalHandler;
  if (auto *Handler = Handlers[Signal].load(std::memory_order_acquire))
    Handler(Signal, Info, Context);
  --T.InSignalHandler;
}

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

bool wrappable(int Signal, const struct sigaction *Action) {
  return Action && Signal > 0 && Signal < MaxSignal && Action->sa_handler != SIG_DFL &&
         Action->sa_handler != SIG_IGN;
}

} // namespace

// Exported whatever -fvisibility says: these are the interposed functions.
#pragma GCC visibility push(default)
extern "C" {

int sigaction(int Signal, const struct sigaction *Action, struct sigaction *Old) {
  static auto *Real = real<decltype(&::sigaction)>("sigaction");
  if (!wrappable(Signal, Action) || self().Busy)
    return Real(Signal, Action, Old);
  struct sigaction Wrapped = *Action;
  void (*PreviousSigInfo)(int, siginfo_t *, void *) = Handlers[Signal].load();
  void (*PreviousPlain)(int) = PlainHandler::Table[Signal].load();
  if (Action->sa_flags & SA_SIGINFO) {
    Handlers[Signal].store(Action->sa_sigaction, std::memory_order_release);
  } else {
    PlainHandler::Table[Signal].store(Action->sa_handler, std::memory_order_release);
    Handlers[Signal].store(&PlainHandler::call, std::memory_order_release);
    Wrapped.sa_flags |= SA_SIGINFO;
  }
  Wrapped.sa_sigaction = trampoline;
  int Result = Real(Signal, &Wrapped, Old);
  if (Result != 0) {
    Handlers[Signal].store(PreviousSigInfo);
    PlainHandler::Table[Signal].store(PreviousPlain);
    return Result;
  }
  // The program sees the handler it installed before, not the trampoline.
  if (Old && Old->sa_sigaction == trampoline) {
    if (PreviousSigInfo == &PlainHandler::call) {
      Old->sa_handler = PreviousPlain;
      Old->sa_flags &= ~SA_SIGINFO;
    } else {
      Old->sa_sigaction = PreviousSigInfo;
    }
  }
  return Result;
}

// glibc's signal() installs through an internal sigaction the wrapper above
// would not see.
sighandler_t signal(int Signal, sighandler_t Handler) {
  struct sigaction Action = {}, Old = {};
  Action.sa_handler = Handler;
  sigemptyset(&Action.sa_mask);
  Action.sa_flags = SA_RESTART; // glibc's BSD semantics
  if (sigaction(Signal, &Action, &Old) != 0)
    return SIG_ERR;
  return Old.sa_handler;
}

} // extern "C"
#pragma GCC visibility pop
