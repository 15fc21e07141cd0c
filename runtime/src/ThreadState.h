//===--- ThreadState.h - what the runtime knows about the current thread --===//
//
// Plain data in initial-exec TLS: reading it never allocates or takes a lock
// (the general-dynamic model may call malloc on first use), so interposed
// functions and signal handlers can consult it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <csignal>
#include <cstdint>
#include <sys/types.h>

namespace asynclint::rt {

constexpr int MaxHeldLocks = 16;
constexpr int MaxAncestors = 8;
constexpr int MaxNestedHandlers = 8;

/// Where a program's signal handler runs: the trampoline's frame, and the
/// alternate signal stack when the handler runs on one. Code whose stack
/// pointer is no longer inside has left the handler, returning or not
/// (siglongjmp, longjmp, setcontext, an exception).
struct HandlerFrame {
  uintptr_t Frame;
  uintptr_t AltLow, AltHigh; ///< 0, 0: on the thread's own stack
};

/// A thread that created this one's line: Tid created the next thread down
/// at spawn sequence Seq. Everything Tid did before Seq happens before this
/// thread.
struct Ancestor {
  pid_t Tid;
  uint64_t Seq;
};

struct ThreadState {
  /// Nonzero while the runtime itself runs on this thread: calls it makes
  /// (write, malloc's futexes, ...) pass straight through.
  int Busy;
  /// Program signal handlers entered and not known to be left (see
  /// inSignalHandler()), innermost last.
  int InSignalHandler;
  HandlerFrame Handlers[MaxNestedHandlers];
  /// Explicit marks from the C API (runtime.h).
  int LoopDepth;
  int TaskDepth;
  const char *TaskName;
  pid_t Tid;
  /// Locks held, most recent last; Overflow when more than fit (the lockset
  /// is then unknown and no race is confirmed from this thread).
  const void *HeldLocks[MaxHeldLocks];
  int HeldCount;
  bool LocksOverflow;
  /// Waits this thread began (sleeps, I/O, condition and loop waits) and
  /// threads it spawned: a creator that did either between spawning a thread
  /// and joining it had other work going beside it.
  uint64_t Activity;
  /// The creators of this thread, its own creator first.
  Ancestor Ancestors[MaxAncestors];
  int AncestorCount;
  /// The line is longer than fits, or the thread was created outside the
  /// runtime's view: creation order is unknown.
  bool AncestorsUnknown;
  /// The synchronisation clock (Watch.h) when this thread last acquired a
  /// lock or returned from a wait: anything released before then may be
  /// ordered before this thread's next accesses.
  uint64_t LastAcquire;
  /// The stack's bounds, for walking frame pointers safely in a signal handler.
  uintptr_t StackLow, StackHigh;
};

ThreadState &self();

/// Whether a signal handler of the program is running on this thread. A
/// handler that never returned (it left with siglongjmp) is forgotten as
/// soon as the stack shows the thread is outside it.
bool inSignalHandler();

/// Records the calling thread's stack bounds (for the frame-pointer walk).
void recordStackBounds(ThreadState &T);

/// Marks the runtime busy on this thread for a scope: reentrant calls see
/// Busy and pass through. The outermost scope also blocks asynchronous
/// signals, so that no program handler runs while the runtime holds a lock
/// or half-updated state (a handler that leaves with siglongjmp would leave
/// them so for ever); they are delivered when the scope ends.
class BusyScope {
public:
  BusyScope();
  ~BusyScope();
  BusyScope(const BusyScope &) = delete;
  BusyScope &operator=(const BusyScope &) = delete;

private:
  ThreadState &S;
  bool Blocked = false;
  sigset_t Saved;
};

/// The kernel thread id, cached.
pid_t currentTid();

} // namespace asynclint::rt
