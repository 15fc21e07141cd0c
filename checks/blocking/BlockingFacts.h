//===--- BlockingFacts.h - what the blocking analysis tells the tool ------===//
//
// For the asynclint tool's whole-program step (FactChannel.h): per function
// of user code, its first catalogued blocking call and the user functions it
// calls; per coroutine of the main file, the calls the unit alone could not
// show to block (the callee, or something it calls, is defined in another
// unit). Recorded only when the tool listens.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "blocking/BlockingCallIndex.h"
#include "blocking/OffLoopCoroutines.h"
#include "common/AstFacts.h"
#include "common/FactChannel.h"

#include <llvm/ADT/MapVector.h>

#include <optional>
#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
class SourceManager;
} // namespace clang

namespace asynclint {

class BlockingFactRecorder {
public:
  BlockingFactRecorder(const BlockingCallIndex &Index, facts::FactSink &Sink)
      : Index(Index), Sink(Sink) {}

  /// A function defined in user code.
  void noteDefinition(const clang::FunctionDecl &Function);
  /// A call made by \p Coroutine that the unit could not show to block.
  void noteOpenCall(const clang::FunctionDecl &Coroutine, const CallSite &Site);

  /// Sends the unit's facts to the sink and forgets them.
  void flush(const clang::ASTContext &Context, OffLoopCoroutines &OffLoop);

private:
  /// The call as a fact, if it calls user code the analysis follows.
  std::optional<facts::Call> userCall(const CallSite &Site, const clang::SourceManager &SM,
                                      facts::UnitNamer &Names) const;
  facts::FunctionFacts factsOf(const clang::FunctionDecl &Function, const clang::SourceManager &SM,
                               facts::UnitNamer &Names) const;

  const BlockingCallIndex &Index;
  facts::FactSink &Sink;
  std::vector<const clang::FunctionDecl *> Definitions;
  llvm::MapVector<const clang::FunctionDecl *, std::vector<CallSite>> OpenCalls;
};

} // namespace asynclint
