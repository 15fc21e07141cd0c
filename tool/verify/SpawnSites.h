//===--- SpawnSites.h - where a coroutine spawn's breakpoints go ----------===//
//
// The runtime sees a coroutine task spawned and awaited at once through
// three hardware execution breakpoints (runtime/src/SpawnBreakpoints.h):
// the first instruction of the spawn's statement, the task's resume
// function, and the first instruction of the creator's next line. This finds
// those addresses in the program's DWARF line table and symbol table, for
// the async-immediate-await findings whose spawned work is a coroutine of
// the program (a spawned thread is seen without breakpoints).
//
//===----------------------------------------------------------------------===//
#pragma once

#include "findings/Findings.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace asynclint::verify {

/// A spawn to watch: the statement at File:Line starts Work (a function's
/// qualified name, as the check's "work" property gives it).
struct SpawnRequest {
  std::string File;
  unsigned Line = 0;
  std::string Work;
  /// Asked for by name (--spawn-site): a work that is no coroutine is
  /// reported, not skipped.
  bool Explicit = false;
};

/// "FILE:LINE:WORK" -> a request; false when it is not of that form.
bool parseSpawnRequest(const std::string &Text, SpawnRequest &Out);

/// The async-immediate-await findings that name their work.
std::vector<SpawnRequest> spawnRequests(const std::vector<findings::Finding> &Findings);

/// The runtime's ASYNCLINT_SPAWN_SITES for \p Program (a path, or a name
/// looked up in PATH): per request, {site: "FILE:LINE", task, program,
/// spawn, task_entry, after} with file addresses, or {site, task, reason}
/// when it cannot be watched. A request from a finding whose work is not a
/// coroutine of the program is left out.
nlohmann::json resolveSpawnSites(const std::string &Program,
                                 const std::vector<SpawnRequest> &Requests);

/// The site name of File:Line, as the runtime's events carry it.
std::string spawnSiteName(const std::string &File, unsigned Line);

} // namespace asynclint::verify
