//===--- BlockingCall.cpp -------------------------------------------------===//
#include "BlockingCall.h"

#include "AsyncContext.h"
#include "Clock.h"
#include "Events.h"
#include "SiteLimiter.h"
#include "ThreadState.h"

#include <atomic>
#include <cerrno>
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace asynclint::rt {
namespace {
SiteLimiter &limiter() {
  static SiteLimiter *L = new SiteLimiter; // outlives every thread
  return *L;
}

bool watching() {
  const ThreadState &T = self();
  return ready() && T.Busy == 0 && !inSignalHandler();
}
} // namespace

namespace {
// Descriptors seen in non-blocking mode. An event loop's sockets are, and
// asking the kernel on every read and write would cost the loop a system
// call each. Only "non-blocking" is remembered, so a stale entry can hide a
// blocking call but never invent one; close() forgets the descriptor.
constexpr int CachedDescriptors = 65536;
std::atomic<uint8_t> KnownNonBlocking[CachedDescriptors];
} // namespace

void forgetDescriptor(int Fd) {
  if (Fd >= 0 && Fd < CachedDescriptors)
    KnownNonBlocking[Fd].store(0, std::memory_order_relaxed);
}

bool descriptorBlocks(int Fd) {
  bool Cacheable = Fd >= 0 && Fd < CachedDescriptors;
  if (Cacheable && KnownNonBlocking[Fd].load(std::memory_order_relaxed))
    return false;
  long Flags = ::syscall(SYS_fcntl, Fd, F_GETFL);
  if (Flags < 0)
    return false; // a bad descriptor fails at once
  if (Flags & O_NONBLOCK) {
    if (Cacheable)
      KnownNonBlocking[Fd].store(1, std::memory_order_relaxed);
    return false;
  }
  return true;
}

namespace {
void countWait(Sym S) {
  // Taking a lock is not other work the thread waits for (libstdc++ takes
  // some around every spawn and join), and neither is a futex wait: it may
  // be the wait for the spawned thread itself (std::future::get).
  if (S != Sym::PthreadMutexLock && S != Sym::PthreadRwlockRdlock &&
      S != Sym::PthreadRwlockWrlock && S != Sym::Futex)
    ++self().Activity;
}
} // namespace

BlockingCall::BlockingCall(Sym S) : Symbol(S) {
  if (!watching())
    return;
  countWait(S);
  Category = categoryOf(S);
  if (Category)
    Start = nowNs();
}

BlockingCall::BlockingCall(Sym S, int Fd, bool IsWrite, int MsgFlags) : Symbol(S) {
  if (!watching())
    return;
  countWait(S);
  Category = categoryOf(S);
  if (!Category)
    return;
  // Progress output to the terminal or a log pipe is not what stalls a loop
  // in practice, and every program does it; reading stdin is.
  if ((IsWrite && (Fd == STDOUT_FILENO || Fd == STDERR_FILENO)) || (MsgFlags & MSG_DONTWAIT) ||
      !descriptorBlocks(Fd)) {
    Category = nullptr;
    return;
  }
  Start = nowNs();
}

BlockingCall::~BlockingCall() {
  if (!Category)
    return;
  int SavedErrno = errno;
  uint64_t Duration = nowNs() - Start;
  BusyScope Busy;
  Stack S;
  captureStack(S);
  AsyncContext Context = classifyContext(S);
  if (Context.K != AsyncContext::None || reportsEveryContext()) {
    uint64_t Site = static_cast<uint64_t>(Symbol) + 1;
    for (int I = 0; I < S.Depth && I < 8; ++I)
      Site = mixHash(Site, reinterpret_cast<uintptr_t>(S.Pc[I]));
    uint64_t Count = limiter().count(Site);
    if (SiteLimiter::shouldReport(Count)) {
      nlohmann::json Event = eventHeader(events::Type::Blocking);
      Event["category"] = Category;
      Event["symbol"] = symbolName(Symbol);
      Event["context"] = AsyncContext::kindName(Context.K);
      if (!Context.Name.empty())
        Event["context_function"] = Context.Name;
      Event["duration_ns"] = Duration;
      Event["occurrence"] = Count;
      Event["stack"] = stackJson(S);
      emit(Event);
    }
  }
  errno = SavedErrno;
}

} // namespace asynclint::rt
