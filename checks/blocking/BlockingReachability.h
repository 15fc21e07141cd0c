//===--- BlockingReachability.h - which functions end up blocking --------===//
#pragma once

#include "blocking/BlockingCallIndex.h"

#include <llvm/ADT/DenseMap.h>

#include <optional>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace asynclint {

/// How a call blocks: through zero or more helpers down to a catalogued call.
struct BlockingChain {
  /// Steps[0] is the call examined; each further step is the call the
  /// previous callee makes; the last one is the catalogued blocking call.
  std::vector<CallSite> Steps;
  BlockingMatch Blocking;
};

/// Per-function fact, computed once per translation unit: does calling this
/// function (defined in user code, not a coroutine) reach a blocking call,
/// through any depth of helpers, cycles included?
class BlockingReachability {
public:
  BlockingReachability(const BlockingCallIndex &Index, const clang::ASTContext &Context,
                       bool FollowHelpers)
      : Index(Index), Context(Context), FollowHelpers(FollowHelpers) {}

  /// The chain by which making the call \p Site blocks, if it does.
  std::optional<BlockingChain> chainOf(const CallSite &Site);

private:
  enum class State { InProgress, Tentative, Clean, Blocking };
  struct Fact {
    State Status = State::InProgress;
    /// For Blocking: the call in this function's body that leads to it.
    CallSite Via;
  };

  /// The definition to follow a call into, or null: only user code that runs
  /// on the calling thread when called (not coroutines: their bodies are
  /// checked as coroutines themselves).
  const clang::FunctionDecl *helperDefinition(const clang::FunctionDecl &Callee) const;
  bool reachesBlocking(const clang::FunctionDecl &Helper, unsigned Depth, bool &DependsOnOpen);

  const BlockingCallIndex &Index;
  const clang::ASTContext &Context;
  bool FollowHelpers;
  llvm::DenseMap<const clang::FunctionDecl *, Fact> Facts;
  std::vector<const clang::FunctionDecl *> TentativeFacts;
};

} // namespace asynclint
