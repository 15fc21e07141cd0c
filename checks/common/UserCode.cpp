//===--- UserCode.cpp -----------------------------------------------------===//
#include "common/UserCode.h"

#include <clang/AST/Decl.h>
#include <clang/Basic/SourceManager.h>

namespace asynclint {

using namespace clang;

const FunctionDecl *userDefinition(const FunctionDecl &Callee, const SourceManager &SM) {
  const FunctionDecl *Definition = nullptr;
  if (!Callee.hasBody(Definition) || !Definition || !Definition->getBody())
    return nullptr;
  if (SM.isInSystemHeader(Definition->getLocation()))
    return nullptr;
  return Definition;
}

} // namespace asynclint
