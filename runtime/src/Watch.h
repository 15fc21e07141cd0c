//===--- Watch.h - verifying unguarded shared state on named variables ----===//
//
// For each variable the static check flagged (ASYNCLINT_WATCH, at most four:
// the CPU has four debug registers), a hardware write watchpoint
// (perf_event_open breakpoint, inherited by every thread created later,
// delivering a synchronous SIGTRAP) reports each write with the writing
// thread, its stack and the locks it holds (Eraser's lockset, kept by the
// lock wrappers). Two writes from different threads with no common lock,
// while both threads were alive and neither was created after the other's
// write, are a "race" event with both stacks.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace asynclint::rt {

/// Starts watching the variables named in \p List (null: none); returns
/// the status of each for the start event.
nlohmann::json startWatching(const char *List);

/// In a forked child: releases the per-variable locks (see ThreadRegistry).
void resetWatchAfterFork();

/// The calling thread released (acquired) a lock or a waiter: releases
/// after a watched write, and acquires after them, are how one thread's
/// write can be ordered before another's without a common lock (a task
/// handed over through a queue). A write pair with such a chain possible is
/// not confirmed.
void noteRelease();
void noteAcquire();

/// A wait that hands over ownership: whatever another thread released may
/// be ordered before what this thread does after it.
struct SyncScope {
  SyncScope() { noteRelease(); }
  ~SyncScope() { noteAcquire(); }
  SyncScope(const SyncScope &) = delete;
  SyncScope &operator=(const SyncScope &) = delete;
};

/// The CPU's debug registers (x86-64): watchpoints and the execution
/// breakpoints of SpawnBreakpoints share them.
constexpr int DebugRegisters = 4;

/// How many debug registers the variable watchpoints took.
int debugRegistersInUse();

/// Installs the runtime's SIGTRAP handler (once): it takes the traps of the
/// watchpoints and breakpoints and forwards any other to the program.
bool installTrapHandler(std::string &Error);

/// Opens a perf_event_open hardware breakpoint of \p Type (HW_BREAKPOINT_W,
/// HW_BREAKPOINT_X) on this process, inherited by threads created later,
/// whose trap carries \p SigData; its descriptor, or -1 with \p Error
/// saying why (with what usually causes it).
int openHardwareBreakpoint(uint32_t Type, uintptr_t Address, uint64_t Length, uint64_t SigData,
                           std::string &Error);

/// From a trap's ucontext: the trapping address, then the return addresses
/// of the frame-pointer chain inside this thread's stack; the count.
int captureTrapFrames(const void *TrapContext, uintptr_t *Frames, int Max);

/// Whether the lock wrappers keep locksets (only while something is watched).
bool tracksLocks();

} // namespace asynclint::rt
