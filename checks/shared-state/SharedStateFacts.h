//===--- SharedStateFacts.h - what the shared-state model tells the tool --===//
//
// For the asynclint tool's whole-program step (FactChannel.h): per function
// of the unit's user code, its accesses to locations every unit names alike
// (globals, statics, static data members, and members of those) with the
// locks it holds there, the user functions it calls with the locks held at
// the call (defined in this unit or not), and the thread starts it makes.
// The accesses are the check's own (AccessCollector): what the check
// exempts (atomics, mutexes, library code, exclusive regions) is not
// recorded. Members of other objects are left out: which object they
// belong to cannot be proved across units. Recorded only when the tool
// listens.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "common/ProgramFacts.h"

#include <llvm/ADT/ArrayRef.h>

#include <vector>

namespace clang {
class FunctionDecl;
class SourceManager;
} // namespace clang

namespace asynclint {

class AccessCollector;
class SpawnResolver;
struct SpawnSite;

namespace facts {
class FactSink;
} // namespace facts

/// Sends the shared-state facts of \p Definitions (the unit's user-code
/// function definitions, library code already left out) and of the
/// functions that start or run the threads of \p Spawns (all of the unit's
/// starts, those of entries defined elsewhere included) to \p Sink.
void recordSharedStateFacts(facts::FactSink &Sink, AccessCollector &Accesses,
                            const std::vector<SpawnSite> &Spawns, const SpawnResolver &Resolver,
                            llvm::ArrayRef<const clang::FunctionDecl *> Definitions,
                            const clang::SourceManager &SM);

} // namespace asynclint
