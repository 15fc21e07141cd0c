//===--- SpawnBreakpoints.h - coroutine tasks awaited as soon as spawned --===//
//
// A coroutine task spawned and awaited at once (Asio's co_spawn with
// use_awaitable, a task library's spawn-then-await) runs on the creator's
// thread or a pool's with no call the runtime can interpose: templates, no
// system call. For each such site the tool resolved from the program's line
// table (ASYNCLINT_SPAWN_SITES), three hardware execution breakpoints
// (perf_event_open, HW_BREAKPOINT_X) see the creator reach the spawn's
// statement, the task's resume function start, and the creator reach the
// statement after. Statement, task start, next statement, in that order and
// with nothing else between, is a "serialized-spawn" event: the creator did
// nothing but wait for the task.
//
// The breakpoints share the CPU's debug registers with the variable
// watchpoints (Watch.h): sites that do not fit, or that the kernel refuses,
// are reported not watched, with the reason.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>

namespace asynclint::rt {

/// Breakpoint traps carry FirstBreakpointData + their index as sig_data;
/// watchpoints carry their location's index (below it).
constexpr uint64_t FirstBreakpointData = 1000;

/// Sets the breakpoints of the sites in \p SitesJson (the tool's
/// ASYNCLINT_SPAWN_SITES; null: none) with the debug registers the
/// watchpoints left; returns each site's status for the start event
/// ({site, status, reason?}).
nlohmann::json startSpawnBreakpoints(const char *SitesJson);

/// In a forked child (the breakpoints are inherited): releases the sites'
/// locks and forgets the parent's statements in progress.
void resetSpawnBreakpointsAfterFork();

/// The trap of breakpoint \p Index (from the SIGTRAP handler; async-signal
/// safe). False when no such breakpoint exists.
bool onBreakpoint(uint64_t Index, const void *TrapContext);

} // namespace asynclint::rt
