//===--- FactChannel.h - the one data channel from the checks to the tool -===//
//
// The asynclint tool needs more from a check than clang-tidy's diagnostics:
// the facts behind each finding as data (the variable, the blocking
// function, the spawn), so that no one parses message text, and per-function
// facts that the whole-program step combines across units. Both travel
// through this channel.
//
// The tool installs a FactSink on the thread that analyses a unit (a
// ScopedFactSink around the clang-tidy run); a check asks currentSink() and
// records only when there is one. Under `clang-tidy --load`,
// CMAKE_CXX_CLANG_TIDY or clangd nobody installs a sink: nothing is recorded
// and nothing costs anything.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "common/ProgramFacts.h"

#include <clang/Basic/SourceLocation.h>
#include <llvm/ADT/StringRef.h>

#include <nlohmann/json.hpp>

namespace clang {
class SourceManager;
} // namespace clang

namespace asynclint::facts {

class FactSink {
public:
  virtual ~FactSink();
  /// Whether the tool combines units (else only findings' facts are wanted,
  /// and checks need not compute per-function facts).
  virtual bool wantsFunctionFacts() const = 0;
  /// The facts of one function defined in the unit.
  virtual void function(FunctionFacts Facts) = 0;
  /// How the unit refers to the coroutine \p Id (defined here or not).
  virtual void coroutineUses(const std::string &Id, CoroutineUses Uses) = 0;
  /// The shared-state facts of one function defined in the unit.
  virtual void sharedState(SharedStateFacts Facts) = 0;
  /// The facts (a JSON object) behind the diagnostic that check \p Check
  /// reports at \p Loc. The tool attaches them to that finding as its
  /// "properties".
  virtual void finding(llvm::StringRef Check, const clang::SourceManager &SM,
                       clang::SourceLocation Loc, nlohmann::json Properties) = 0;
};

/// The sink of the unit being analysed on this thread, or null.
FactSink *currentSink();

/// Installs a sink on this thread for its lifetime.
class ScopedFactSink {
public:
  explicit ScopedFactSink(FactSink &Sink);
  ~ScopedFactSink();
  ScopedFactSink(const ScopedFactSink &) = delete;
  ScopedFactSink &operator=(const ScopedFactSink &) = delete;

private:
  FactSink *Previous;
};

} // namespace asynclint::facts
