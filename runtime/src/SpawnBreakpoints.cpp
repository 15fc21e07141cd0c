//===--- SpawnBreakpoints.cpp ---------------------------------------------===//
#include "SpawnBreakpoints.h"

#include "Clock.h"
#include "Events.h"
#include "Runtime.h"
#include "SignalSafeJson.h"
#include "SiteLimiter.h"
#include "ThreadState.h"
#include "Watch.h"
#include "asynclint/events.h"

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <link.h>
#include <linux/hw_breakpoint.h>
#include <linux/perf_event.h>
#include <string>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace asynclint::rt {
namespace {

constexpr int MaxFrames = 16;
/// A spawn whose statement took less than this is not worth a line: the
/// task was too short for running it alone to cost anything.
/// ASYNCLINT_SPAWN_MIN_US overrides it.
uint64_t MinSpanNs = 1000000;
/// Each hit is a trap (microseconds): a site stops once it has shown
/// this many serialized spawns, which is proof enough, and a breakpoint
/// after HitBudget hits, so that a spawn in a hot loop cannot
/// slow the program down without bound (a hit costs some 20 us of system time on
/// a virtual machine: 20000 hits, under half a second). ASYNCLINT_SPAWN_BUDGET
/// overrides it.
constexpr uint64_t EnoughEvidence = 16;
uint64_t HitBudget = 20000;

enum Role { SpawnStatement, TaskStart, NextStatement, RoleCount };
const char *const RoleKeys[RoleCount] = {"spawn", "task_entry", "after"};

struct Breakpoint {
  uintptr_t Address = 0;
  int Fd = -1;
  std::atomic<uint64_t> Hits{0};
  std::atomic<bool> Off{false};
};
Breakpoint Breakpoints[DebugRegisters];
int BreakpointCount = 0;

struct Frames {
  uintptr_t Pc[MaxFrames];
  int Count = 0;
};

struct Site {
  char Name[256];
  char Task[160];
  int Breakpoint[RoleCount];
  std::atomic_flag Busy = ATOMIC_FLAG_INIT;
  // The statement being watched: reached (Open) at SpawnNs by Creator, and
  // whether the task started since.
  bool Open = false;
  bool TaskRan = false;
  uint64_t SpawnNs = 0;
  uint64_t TaskNs = 0;
  pid_t Creator = 0;
  Frames SpawnStack, TaskStack;
  uint64_t Serialized = 0;
  bool Stopped = false;
};
Site Sites[DebugRegisters];
int SiteCount = 0;

pid_t currentThread() {
  const ThreadState &T = self();
  return T.Tid ? T.Tid : static_cast<pid_t>(::syscall(SYS_gettid));
}

void capture(Frames &F, const void *TrapContext) {
  F.Count = captureTrapFrames(TrapContext, F.Pc, MaxFrames);
  // An execution breakpoint traps before its instruction: the tool reads
  // raw addresses as return addresses (one byte back), so one byte on.
  if (F.Count > 0)
    ++F.Pc[0];
}

void appendStack(SignalSafeJson &J, const char *Key, const Frames &F) {
  J.raw(",\"").raw(Key).raw("\":[");
  for (int I = 0; I < F.Count; ++I) {
    if (I)
      J.raw(",");
    J.raw("{\"address\":").hex(F.Pc[I]).raw("}");
  }
  J.raw("]");
}

void report(Site &S, uint64_t EndNs, const Frames &Wait) {
  uint64_t Count = ++S.Serialized;
  if (!SiteLimiter::shouldReport(Count))
    return;
  char Buffer[4096];
  SignalSafeJson J(Buffer, sizeof(Buffer));
  beginEvent(J, events::Type::SerializedSpawn, EndNs, S.Creator);
  J.raw(",\"symbol\":\"co_await\",\"task\":").string(S.Task);
  J.raw(",\"site\":").string(S.Name);
  J.raw(",\"duration_ns\":").number(EndNs - S.SpawnNs);
  J.raw(",\"task_start_ns\":").number(S.TaskNs - S.SpawnNs);
  J.raw(",\"occurrence\":").number(Count);
  appendStack(J, "spawn_stack", S.SpawnStack);
  appendStack(J, "task_stack", S.TaskStack);
  appendStack(J, "wait_stack", Wait);
  emit(J);
}

/// One site's breakpoint \p R was hit: statement, task start, next statement
/// is a serialized spawn; any other order (the statement reached again
/// before the task started: another coroutine at the same line, or a spawn
/// that did not wait) starts over, so a confirmation is never a guess.
void step(Site &S, Role R, const void *TrapContext) {
  uint64_t Now = nowNs();
  switch (R) {
  case SpawnStatement:
    // In a loop the statement is reached again: the previous round ended.
    if (S.Open && S.TaskRan) {
      Frames Wait;
      capture(Wait, TrapContext);
      if (Now - S.SpawnNs >= MinSpanNs)
        report(S, Now, Wait);
    }
    S.Open = true;
    S.TaskRan = false;
    S.SpawnNs = Now;
    S.Creator = currentThread();
    capture(S.SpawnStack, TrapContext);
    break;
  case TaskStart:
    if (S.Open && !S.TaskRan) {
      S.TaskRan = true;
      S.TaskNs = Now;
      capture(S.TaskStack, TrapContext);
    }
    break;
  case NextStatement:
    if (S.Open && S.TaskRan && Now - S.SpawnNs >= MinSpanNs) {
      Frames Wait;
      capture(Wait, TrapContext);
      report(S, Now, Wait);
    }
    S.Open = false;
    break;
  case RoleCount:
    break;
  }
}

uintptr_t programBias() {
  uintptr_t Bias = 0;
  // The first object dl_iterate_phdr reports is the program itself.
  dl_iterate_phdr(
      [](dl_phdr_info *Info, size_t, void *Out) {
        *static_cast<uintptr_t *>(Out) = Info->dlpi_addr;
        return 1;
      },
      &Bias);
  return Bias;
}

std::string thisProgram() {
  char Exe[4096];
  ssize_t N = readlink("/proc/self/exe", Exe, sizeof(Exe) - 1);
  return N > 0 ? std::string(Exe, static_cast<size_t>(N)) : std::string();
}

/// The breakpoint at \p Address, shared with an earlier site when it has
/// one there (two findings spawning the same task); -1 with \p Error.
std::string tooFewRegisters() {
  return "more than the CPU's " + std::to_string(DebugRegisters) +
         " debug registers: a coroutine spawn needs 3 (its statement, the task's start, the "
         "next line), and " +
         std::to_string(debugRegistersInUse()) + " variable watchpoints and " +
         std::to_string(BreakpointCount) + " breakpoints of other spawns take " +
         std::to_string(debugRegistersInUse() + BreakpointCount);
}

int breakpointAt(uintptr_t Address, std::string &Error) {
  for (int I = 0; I < BreakpointCount; ++I)
    if (Breakpoints[I].Address == Address)
      return I;
  if (debugRegistersInUse() + BreakpointCount >= DebugRegisters) {
    Error = tooFewRegisters();
    return -1;
  }
  int Fd =
      openHardwareBreakpoint(HW_BREAKPOINT_X, Address, sizeof(long),
                             FirstBreakpointData + static_cast<uint64_t>(BreakpointCount), Error);
  if (Fd < 0)
    return -1;
  Breakpoints[BreakpointCount].Address = Address;
  Breakpoints[BreakpointCount].Fd = Fd;
  return BreakpointCount++;
}

/// Sets the breakpoints of one site; its reason when it cannot.
std::string watchSite(const nlohmann::json &Entry, uintptr_t Bias) {
  if (Entry.contains("reason"))
    return Entry.value("reason", "");
  std::string Program = Entry.value("program", "");
  if (Program != thisProgram())
    return events::SpawnSiteOtherProgram + ("'" + Program) + "', and this process runs '" +
           thisProgram() + "'";
  if (SiteCount == DebugRegisters)
    return tooFewRegisters();
  uintptr_t Addresses[RoleCount];
  for (int R = 0; R < RoleCount; ++R) {
    auto It = Entry.find(RoleKeys[R]);
    if (It == Entry.end() || !It->is_number_unsigned())
      return std::string("no \"") + RoleKeys[R] + "\" address";
    Addresses[R] = Bias + It->get<uint64_t>();
  }
  // Count what is needed first: a site is watched whole or not at all.
  int Needed = 0;
  for (int R = 0; R < RoleCount; ++R) {
    bool Have = false;
    for (int I = 0; I < BreakpointCount; ++I)
      Have |= Breakpoints[I].Address == Addresses[R];
    for (int Q = 0; Q < R; ++Q)
      Have |= Addresses[Q] == Addresses[R];
    Needed += !Have;
  }
  if (debugRegistersInUse() + BreakpointCount + Needed > DebugRegisters)
    return tooFewRegisters();
  std::string Error;
  if (!installTrapHandler(Error))
    return Error;
  Site &S = Sites[SiteCount];
  std::snprintf(S.Name, sizeof(S.Name), "%s", Entry.value("site", "").c_str());
  std::snprintf(S.Task, sizeof(S.Task), "%s", Entry.value("task", "").c_str());
  for (int R = 0; R < RoleCount; ++R)
    if ((S.Breakpoint[R] = breakpointAt(Addresses[R], Error)) < 0)
      return Error; // the breakpoints already set stay unused: no site points at them
  ++SiteCount;
  return "";
}

void writeStopped(const Site &S, const char *Why, uint64_t Hits) {
  char Buffer[512];
  SignalSafeJson J(Buffer, sizeof(Buffer));
  beginEvent(J, events::Type::WatchStopped, nowNs()).raw(",\"site\":").string(S.Name);
  J.raw(",\"reason\":").string(Why).raw(",\"hits\":").number(Hits);
  emit(J);
}

/// Switches off the breakpoints no running site needs any more (the ioctl
/// reaches the events every thread inherited).
void switchOffUnused() {
  for (int B = 0; B < BreakpointCount; ++B) {
    bool Needed = false;
    for (int I = 0; I < SiteCount; ++I)
      for (int R = 0; R < RoleCount; ++R)
        Needed |= !Sites[I].Stopped && Sites[I].Breakpoint[R] == B;
    if (!Needed && !Breakpoints[B].Off.exchange(true))
      ::syscall(SYS_ioctl, Breakpoints[B].Fd, PERF_EVENT_IOC_DISABLE, 0);
  }
}

} // namespace

nlohmann::json startSpawnBreakpoints(const char *SitesJson) {
  nlohmann::json Status = nlohmann::json::array();
  if (!SitesJson || !*SitesJson)
    return Status;
  if (const char *Min = std::getenv("ASYNCLINT_SPAWN_MIN_US"))
    MinSpanNs = std::strtoull(Min, nullptr, 10) * 1000;
  if (const char *Budget = std::getenv("ASYNCLINT_SPAWN_BUDGET"))
    if (uint64_t N = std::strtoull(Budget, nullptr, 10))
      HitBudget = N;
  nlohmann::json Sites = nlohmann::json::parse(SitesJson, nullptr, false);
  if (!Sites.is_array())
    return Status;
  uintptr_t Bias = programBias();
  for (const nlohmann::json &Entry : Sites) {
    if (!Entry.is_object())
      continue;
    nlohmann::json Result = {{"site", Entry.value("site", "")}};
    std::string Why = watchSite(Entry, Bias);
    Result["status"] = Why.empty() ? events::Watching : events::NotWatched;
    if (!Why.empty())
      Result["reason"] = Why;
    Status.push_back(Result);
  }
  return Status;
}

void resetSpawnBreakpointsAfterFork() {
  for (Site &S : Sites) {
    S.Busy.clear(std::memory_order_release);
    S.Open = false;
  }
}

bool onBreakpoint(uint64_t Index, const void *TrapContext) {
  if (Index >= static_cast<uint64_t>(BreakpointCount))
    return false;
  bool SwitchOff = false;
  for (int I = 0; I < SiteCount; ++I) {
    Site &S = Sites[I];
    // Another thread's handler holds the site for a few hundred
    // instructions at most.
    bool Locked = false;
    for (int R = 0; R < RoleCount; ++R) {
      if (S.Breakpoint[R] != static_cast<int>(Index))
        continue;
      if (!Locked) {
        while (S.Busy.test_and_set(std::memory_order_acquire))
          ;
        Locked = true;
      }
      if (S.Stopped)
        continue; // a trap already on its way when the breakpoint was switched off
      step(S, static_cast<Role>(R), TrapContext);
      uint64_t Hits = Breakpoints[Index].Hits.fetch_add(1, std::memory_order_relaxed) + 1;
      if (S.Serialized >= EnoughEvidence || Hits >= HitBudget) {
        S.Stopped = true;
        SwitchOff = true;
        writeStopped(S, S.Serialized >= EnoughEvidence ? "confirmed" : "budget", Hits);
      }
    }
    if (Locked)
      S.Busy.clear(std::memory_order_release);
  }
  if (SwitchOff)
    switchOffUnused();
  return true;
}

} // namespace asynclint::rt
