//===--- BlockingReachability.cpp -----------------------------------------===//
//
// Memoised depth-first search over the call graph of the translation unit.
// A function whose search met a function still being searched (a cycle) is
// only tentatively clean: it is settled when the outermost search ends. If
// that search found nothing to block, nothing it visited can block either
// (all of it is reachable from the root); otherwise the tentative facts are
// dropped and recomputed on demand.
//
//===----------------------------------------------------------------------===//
#include "blocking/BlockingReachability.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>
#include <clang/AST/StmtCXX.h>
#include <clang/Basic/SourceManager.h>

namespace asynclint {

using namespace clang;

/// Deeper helper chains are treated as not blocking (and not remembered).
static constexpr unsigned MaxHelperDepth = 128;

const FunctionDecl *BlockingReachability::helperDefinition(const FunctionDecl &Callee) const {
  const FunctionDecl *Definition = nullptr;
  if (!Callee.hasBody(Definition) || !Definition || !Definition->getBody())
    return nullptr;
  if (isa<CoroutineBodyStmt>(Definition->getBody()))
    return nullptr;
  if (Context.getSourceManager().isInSystemHeader(Definition->getLocation()))
    return nullptr;
  if (Index.isAllowed(*Definition) || Index.isLibraryCode(*Definition))
    return nullptr;
  return Definition;
}

bool BlockingReachability::reachesBlocking(const FunctionDecl &Helper, unsigned Depth,
                                           bool &DependsOnOpen) {
  if (auto Known = Facts.find(&Helper); Known != Facts.end()) {
    switch (Known->second.Status) {
    case State::Blocking:
      return true;
    case State::Clean:
      return false;
    case State::InProgress:
    case State::Tentative:
      DependsOnOpen = true;
      return false;
    }
  }
  if (Depth > MaxHelperDepth) {
    DependsOnOpen = true;
    return false;
  }

  Facts[&Helper] = Fact{State::InProgress, {}};
  bool MetOpen = false;
  for (const CallSite &Site : collectCallSites(*Helper.getBody())) {
    bool Blocks = Index.match(Site).has_value();
    if (!Blocks)
      if (const FunctionDecl *Next = helperDefinition(*Site.Callee))
        Blocks = reachesBlocking(*Next, Depth + 1, MetOpen);
    if (Blocks) {
      Facts[&Helper] = Fact{State::Blocking, Site};
      return true;
    }
  }
  if (MetOpen) {
    Facts[&Helper].Status = State::Tentative;
    TentativeFacts.push_back(&Helper);
    DependsOnOpen = true;
  } else {
    Facts[&Helper].Status = State::Clean;
  }
  return false;
}

std::optional<BlockingChain> BlockingReachability::chainOf(const CallSite &Site) {
  if (!Site.Callee)
    return std::nullopt;
  if (std::optional<BlockingMatch> Direct = Index.match(Site))
    return BlockingChain{{Site}, std::move(*Direct)};
  if (!FollowHelpers)
    return std::nullopt;
  const FunctionDecl *Helper = helperDefinition(*Site.Callee);
  if (!Helper)
    return std::nullopt;

  bool DependsOnOpen = false;
  bool Blocks = reachesBlocking(*Helper, 0, DependsOnOpen);
  for (const FunctionDecl *Tentative : TentativeFacts) {
    if (Blocks)
      Facts.erase(Tentative);
    else
      Facts[Tentative].Status = State::Clean;
  }
  TentativeFacts.clear();
  if (!Blocks)
    return std::nullopt;

  BlockingChain Chain;
  Chain.Steps.push_back(Site);
  for (const FunctionDecl *Current = Helper;;) {
    const CallSite &Via = Facts.find(Current)->second.Via;
    Chain.Steps.push_back(Via);
    if (std::optional<BlockingMatch> Direct = Index.match(Via)) {
      Chain.Blocking = std::move(*Direct);
      return Chain;
    }
    Current = helperDefinition(*Via.Callee);
    if (!Current || Chain.Steps.size() > MaxHelperDepth + 2)
      return std::nullopt;
  }
}

} // namespace asynclint
