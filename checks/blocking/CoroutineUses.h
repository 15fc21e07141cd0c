//===--- CoroutineUses.h - where a unit names and spawns its coroutines --===//
//
// Whether a coroutine runs only on a pool depends on every place the unit
// names it and on the spawn calls that start it there (OffLoopCoroutines).
// Only a finding about to be reported asks (and, for the whole program, the
// facts of the unit), and most units have no finding: one walk over the
// user's code when asked costs less than a matcher on every name and every
// call of every unit, headers included. System headers are skipped: they
// never name the user's coroutines, and the calls they spawn start their
// own functions.
//
//===----------------------------------------------------------------------===//
#pragma once

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace asynclint {

class BlockingCallIndex;
class OffLoopCoroutines;

/// Tells \p OffLoop every spawn call (OffLoopCoroutines::spawnCallNames) and
/// every name of a coroutine the unit defines in the user's code; nothing
/// when the catalog has no spawn calls. With
/// \p DeclaredOnly, also the names of functions declared but not defined
/// here that return a catalogued coroutine type (their units are elsewhere).
void noteCoroutineUses(clang::ASTContext &Context, OffLoopCoroutines &OffLoop,
                       const BlockingCallIndex *DeclaredOnly);

/// \p Function's definition (wherever it is) has a coroutine body.
bool hasCoroutineBody(const clang::FunctionDecl &Function);

} // namespace asynclint
