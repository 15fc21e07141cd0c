//===--- BlockingMessages.h - the words of async-blocking-in-coroutine ---===//
//
// The check reports a chain it found in the unit; the asynclint tool reports
// a chain that crosses units from combined facts; the check reports one
// from a FactFiles file. All three speak with these functions, so the three
// cannot drift apart.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>

namespace asynclint::blocking {

/// "every other task on its event loop waits until it returns; <advice>",
/// or, \p OnPool, what blocking a pool worker costs.
std::string consequence(const std::string &Advice, bool OnPool = false);

/// The warning for a catalogued call made in the coroutine's own body.
std::string directCallMessage(const std::string &Blocking, const std::string &What,
                              const std::string &Coroutine, const std::string &Consequence);

/// The warning for a call of \p Callee (quoted, or "lambda") that reaches a
/// blocking call through helpers.
std::string helperCallMessage(const std::string &Callee, const std::string &Coroutine,
                              const std::string &Blocking, const std::string &What,
                              const std::string &Consequence);

/// The note at each step of the chain: "'a' calls 'b' here".
std::string callsNote(const std::string &Caller, const std::string &Callee);

/// The note at the blocking call: "'b' calls 'sleep', which ...".
std::string blockingCallNote(const std::string &Caller, const std::string &Blocking,
                             const std::string &What);

} // namespace asynclint::blocking
