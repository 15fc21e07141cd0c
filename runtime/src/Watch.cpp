//===--- Watch.cpp --------------------------------------------------------===//
#include "Watch.h"

#include "Catalog.h"
#include "Clock.h"
#include "Events.h"
#include "Runtime.h"
#include "SignalSafeJson.h"
#include "Signals.h"
#include "SpawnBreakpoints.h"
#include "Stack.h"
#include "ThreadRegistry.h"
#include "ThreadState.h"
#include "asynclint/events.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <linux/hw_breakpoint.h>
#include <linux/perf_event.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#ifndef TRAP_PERF
#define TRAP_PERF 6
#endif

namespace asynclint::rt {
namespace {

constexpr int MaxLocations = 4;
constexpr int MaxAccessFrames = 16;
/// Writes trapped per location before the watchpoint is switched off: each
/// costs a signal (a few microseconds), and a hot variable must not slow the
/// program down without bound. ASYNCLINT_WATCH_BUDGET overrides it.
uint64_t TrapBudget = 200000;

struct Access {
  pid_t Tid = 0;
  uint64_t SpawnSeq = 0;
  const void *Locks[MaxHeldLocks];
  int LockCount = 0;
  bool LocksUnknown = false;
  uintptr_t Frames[MaxAccessFrames];
  int FrameCount = 0;
};

/// Counts releases; a thread's acquire reads it (see noteAcquire).
std::atomic<uint64_t> SyncClock{1};

struct Location {
  char Name[160];
  /// The last writer and the first release it made after that write (0:
  /// none yet), kept outside the handler's lock: the lock wrappers update
  /// them without taking it, since a handler may interrupt them.
  std::atomic<pid_t> LastWriter{0};
  std::atomic<uint64_t> FirstReleaseAfterWrite{0};
  uintptr_t Address = 0;
  std::atomic_flag Busy = ATOMIC_FLAG_INIT;
  bool HasLast = false;
  Access Last;
  int Fd = -1;
  uint64_t Traps = 0;
  bool Stopped = false;
};

Location Locations[MaxLocations];
int LocationCount = 0;
std::atomic<bool> Tracking{false};

void captureAccess(Access &A, const ucontext_t *Context) {
  const ThreadState &T = self();
  A.Tid = T.Tid ? T.Tid : static_cast<pid_t>(::syscall(SYS_gettid));
  A.SpawnSeq = ThreadRegistry::get().spawnSequence();
  A.LockCount = T.HeldCount < MaxHeldLocks ? T.HeldCount : MaxHeldLocks;
  for (int I = 0; I < A.LockCount; ++I)
    A.Locks[I] = T.HeldLocks[I];
  A.LocksUnknown = T.LocksOverflow;
  // A data breakpoint traps after the writing instruction: the trap's
  // address is the next one, which symbolises like a return address.
  A.FrameCount = captureTrapFrames(Context, A.Frames, MaxAccessFrames);
}

bool shareALock(const Access &A, const Access &B) {
  for (int I = 0; I < A.LockCount; ++I)
    for (int J = 0; J < B.LockCount; ++J)
      if (A.Locks[I] == B.Locks[J])
        return true;
  return false;
}

/// Whether \p Earlier happens before everything \p Now's thread does because
/// its thread created this one's line after it (unknown lines count as
/// ordered: a confirmation must never be false).
bool orderedByCreation(const Access &Earlier, const ThreadState &Now) {
  if (Now.AncestorsUnknown)
    return true;
  for (int I = 0; I < Now.AncestorCount; ++I)
    if (Now.Ancestors[I].Tid == Earlier.Tid && Earlier.SpawnSeq < Now.Ancestors[I].Seq)
      return true;
  // Threads the runtime did not see created (other than main) are unknown.
  pid_t Me = Now.Tid ? Now.Tid : static_cast<pid_t>(::syscall(SYS_gettid));
  return Now.AncestorCount == 0 && Me != getpid();
}

/// Whether the last writer released something after its write that \p Now
/// acquired after: a chain through the program's own synchronisation may
/// order the two writes, and TSan's happens-before would see no race.
bool perhapsOrderedBySync(const Location &L, const ThreadState &Now) {
  uint64_t Release = L.FirstReleaseAfterWrite.load(std::memory_order_acquire);
  return Release != 0 && Now.LastAcquire >= Release;
}

void appendAccess(SignalSafeJson &J, const Access &A) {
  J.raw("{\"tid\":").number(static_cast<uint64_t>(A.Tid)).raw(",\"kind\":\"write\",\"locks\":[");
  for (int I = 0; I < A.LockCount; ++I) {
    if (I)
      J.raw(",");
    J.hex(reinterpret_cast<uintptr_t>(A.Locks[I]));
  }
  J.raw("],\"stack\":[");
  for (int I = 0; I < A.FrameCount; ++I) {
    if (I)
      J.raw(",");
    J.raw("{\"address\":").hex(A.Frames[I]).raw("}");
  }
  J.raw("]}");
}

void reportRace(const Location &L, const Access &Earlier, const Access &Now) {
  char Buffer[4096];
  SignalSafeJson J(Buffer, sizeof(Buffer));
  beginEvent(J, events::Type::Race, nowNs(), Now.Tid);
  J.raw(",\"variable\":").string(L.Name).raw(",\"address\":").hex(L.Address);
  J.raw(",\"accesses\":[");
  appendAccess(J, Earlier);
  J.raw(",");
  appendAccess(J, Now);
  J.raw("]");
  emit(J);
}

void stop(Location &L, const char *Why) {
  L.Stopped = true;
  ::syscall(SYS_ioctl, L.Fd, PERF_EVENT_IOC_DISABLE, 0);
  char Buffer[512];
  SignalSafeJson J(Buffer, sizeof(Buffer));
  beginEvent(J, events::Type::WatchStopped, nowNs()).raw(",\"variable\":").string(L.Name);
  J.raw(",\"reason\":").string(Why).raw(",\"writes\":").number(L.Traps);
  emit(J);
}

/// The perf event's sig_data. glibc 2.36 does not name the field; the
/// kernel puts it in the fault union right after si_addr.
uint64_t perfData(const siginfo_t *Info) {
  static_assert(offsetof(siginfo_t, si_addr) == 16, "unexpected siginfo_t layout");
  uint64_t Data;
  std::memcpy(&Data, reinterpret_cast<const char *>(Info) + 24, sizeof(Data));
  return Data;
}

void onTrap(int Signal, siginfo_t *Info, void *Context) {
  int SavedErrno = errno;
  uint64_t Index = perfData(Info);
  if (Info->si_code == TRAP_PERF && Index >= FirstBreakpointData &&
      onBreakpoint(Index - FirstBreakpointData, static_cast<const ucontext_t *>(Context))) {
    errno = SavedErrno;
    return;
  }
  if (Info->si_code != TRAP_PERF || Index >= static_cast<uint64_t>(LocationCount)) {
    // Not ours (a breakpoint, raise(SIGTRAP)): what the program asked for.
    errno = SavedErrno;
    forwardToProgram(Signal, Info, Context);
    return;
  }
  Location &L = Locations[Index];
  Access Now;
  captureAccess(Now, static_cast<const ucontext_t *>(Context));
  // Another thread's handler holds the location only for a few hundred
  // instructions, and this handler touches no watched memory: no deadlock.
  while (L.Busy.test_and_set(std::memory_order_acquire))
    ;
  if (L.Stopped) {
    // A trap already on its way when the watchpoint was switched off.
  } else if (L.HasLast && L.Last.Tid != Now.Tid && !L.Last.LocksUnknown && !Now.LocksUnknown &&
             !shareALock(L.Last, Now) && ThreadRegistry::get().unjoined(L.Last.Tid) &&
             !orderedByCreation(L.Last, self()) && !perhapsOrderedBySync(L, self())) {
    // One confirmed race is the proof; from here on the program runs at
    // full speed (the ioctl reaches the events every thread inherited).
    reportRace(L, L.Last, Now);
    stop(L, "confirmed");
  } else if (++L.Traps >= TrapBudget) {
    stop(L, "budget");
  }
  L.Last = Now;
  L.HasLast = true;
  L.LastWriter.store(Now.Tid, std::memory_order_release);
  L.FirstReleaseAfterWrite.store(0, std::memory_order_release);
  L.Busy.clear(std::memory_order_release);
  errno = SavedErrno;
}

bool openWatchpoint(int Index, uintptr_t Address, uint64_t Size, std::string &Error) {
  int Fd = openHardwareBreakpoint(HW_BREAKPOINT_W, Address,
                                  Size >= 8   ? HW_BREAKPOINT_LEN_8
                                  : Size >= 4 ? HW_BREAKPOINT_LEN_4
                                  : Size >= 2 ? HW_BREAKPOINT_LEN_2
                                              : HW_BREAKPOINT_LEN_1,
                                  static_cast<uint64_t>(Index), Error);
  if (Fd < 0)
    return false;
  Locations[Index].Fd = Fd;
  return true;
}

bool TrapHandlerInstalled = false;

} // namespace

int captureTrapFrames(const void *TrapContext, uintptr_t *Frames, int Max) {
  int Count = 0;
#if defined(__x86_64__)
  const auto *Context = static_cast<const ucontext_t *>(TrapContext);
  const ThreadState &T = self();
  Frames[Count++] = static_cast<uintptr_t>(Context->uc_mcontext.gregs[REG_RIP]);
  // Frame pointers, read only inside this thread's known stack: a program
  // built without them yields a shorter stack, never a fault.
  uintptr_t Fp = static_cast<uintptr_t>(Context->uc_mcontext.gregs[REG_RBP]);
  while (Count < Max && T.StackHigh && Fp >= T.StackLow && Fp + 16 <= T.StackHigh &&
         (Fp & 7) == 0) {
    uintptr_t Return = reinterpret_cast<const uintptr_t *>(Fp)[1];
    uintptr_t Next = reinterpret_cast<const uintptr_t *>(Fp)[0];
    if (Return == 0)
      break;
    Frames[Count++] = Return;
    if (Next <= Fp)
      break;
    Fp = Next;
  }
#else
  (void)TrapContext;
  (void)Frames;
  (void)Max;
#endif
  return Count;
}

int openHardwareBreakpoint(uint32_t Type, uintptr_t Address, uint64_t Length, uint64_t SigData,
                           std::string &Error) {
  perf_event_attr Attr;
  std::memset(&Attr, 0, sizeof(Attr));
  Attr.type = PERF_TYPE_BREAKPOINT;
  Attr.size = sizeof(Attr);
  Attr.bp_type = Type;
  Attr.bp_addr = Address;
  Attr.bp_len = Length;
  Attr.sample_period = 1;
  Attr.inherit = 1;
  Attr.inherit_thread = 1;
  Attr.sigtrap = 1;
  Attr.remove_on_exec = 1;
  Attr.exclude_kernel = 1;
  Attr.exclude_hv = 1;
  Attr.sig_data = SigData;
  long Fd = ::syscall(SYS_perf_event_open, &Attr, 0, -1, -1, PERF_FLAG_FD_CLOEXEC);
  if (Fd >= 0)
    return static_cast<int>(Fd);
  int Why = errno;
  Error = std::string("perf_event_open refused a hardware ") +
          (Type == HW_BREAKPOINT_X ? "breakpoint: " : "watchpoint: ") + std::strerror(Why);
  if (Why == EACCES || Why == EPERM)
    Error += " (kernel.perf_event_paranoid, or a container's seccomp policy)";
  else if (Why == ENOSPC)
    Error += " (the CPU's debug registers are in use)";
  else if (Why == ENOENT || Why == EOPNOTSUPP || Why == ENOSYS)
    Error += " (no hardware breakpoints here: a virtual machine or an old kernel)";
  return -1;
}

bool installTrapHandler(std::string &Error) {
  if (TrapHandlerInstalled)
    return true;
  if (!claimSignal(SIGTRAP, onTrap)) {
    Error = std::string("SIGTRAP handler refused: ") + std::strerror(errno);
    return false;
  }
  TrapHandlerInstalled = true;
  recordStackBounds(self()); // the main thread's, for the frame-pointer walk
  return true;
}

int debugRegistersInUse() { return LocationCount; }

void noteRelease() {
  if (!Tracking.load(std::memory_order_relaxed))
    return;
  uint64_t Stamp = SyncClock.fetch_add(1, std::memory_order_acq_rel) + 1;
  pid_t Me = currentTid();
  for (int I = 0; I < LocationCount; ++I) {
    if (Locations[I].LastWriter.load(std::memory_order_acquire) != Me)
      continue;
    uint64_t None = 0;
    Locations[I].FirstReleaseAfterWrite.compare_exchange_strong(None, Stamp,
                                                                std::memory_order_acq_rel);
  }
}

void noteAcquire() {
  if (Tracking.load(std::memory_order_relaxed))
    self().LastAcquire = SyncClock.load(std::memory_order_acquire);
}

void resetWatchAfterFork() {
  for (Location &L : Locations)
    L.Busy.clear(std::memory_order_release);
}

bool tracksLocks() { return Tracking.load(std::memory_order_relaxed); }

nlohmann::json startWatching(const char *List) {
  nlohmann::json Status = nlohmann::json::array();
  if (!List || !*List)
    return Status;
  if (const char *Budget = std::getenv("ASYNCLINT_WATCH_BUDGET"))
    if (uint64_t N = std::strtoull(Budget, nullptr, 10))
      TrapBudget = N;
  for (const std::string &Name : catalog::splitList(List)) {
    nlohmann::json Entry = {{"variable", Name}, {"status", events::NotWatched}};
    uintptr_t Address = 0;
    uint64_t Size = 0;
    std::string Error;
    if (LocationCount == MaxLocations) {
      Entry["reason"] = "more than 4 variables: the CPU has 4 hardware watchpoints";
    } else if (!findVariable(Name, Address, Size)) {
      Entry["reason"] = namesAMember(Name)
                            ? "a non-static member: its object's address is known only at run "
                              "time, and only variables with a fixed address can be watched"
                            : "not in the program's symbol table (a local variable, a member, or "
                              "a stripped program): only variables with a fixed address can be "
                              "watched";
    } else if (Address % (Size >= 8 ? 8 : Size >= 4 ? 4 : Size >= 2 ? 2 : 1) != 0) {
      Entry["reason"] = "misaligned: a hardware watchpoint needs an aligned address";
    } else {
      if (!installTrapHandler(Error)) {
        Entry["reason"] = Error;
        Status.push_back(Entry);
        continue;
      }
      Location &L = Locations[LocationCount];
      std::snprintf(L.Name, sizeof(L.Name), "%s", Name.c_str());
      L.Address = Address;
      if (openWatchpoint(LocationCount, Address, Size, Error)) {
        ++LocationCount;
        Entry["status"] = events::Watching;
        char Hex[32];
        std::snprintf(Hex, sizeof(Hex), "0x%llx", static_cast<unsigned long long>(Address));
        Entry["address"] = Hex;
        Entry["size"] = Size;
        Tracking.store(true, std::memory_order_relaxed);
      } else {
        Entry["reason"] = Error;
      }
    }
    Status.push_back(Entry);
  }
  return Status;
}

} // namespace asynclint::rt
