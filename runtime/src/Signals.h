//===--- Signals.h - signals the runtime needs for itself -----------------===//
#pragma once

#include <csignal>

namespace asynclint::rt {

/// Installs \p Handler for \p Signal (every signal blocked while it runs)
/// and keeps it there: the program's own sigaction calls for \p Signal are
/// recorded and answered as if they had reached the kernel, and its handler
/// is run by forwardToProgram. False if the kernel refused.
bool claimSignal(int Signal, void (*Handler)(int, siginfo_t *, void *));

/// From a claimed signal's handler: a signal that is not the runtime's gets
/// what the program asked for (its handler, the default action, or nothing).
void forwardToProgram(int Signal, siginfo_t *Info, void *Context);

} // namespace asynclint::rt
