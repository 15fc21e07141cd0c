//===--- MemberFunctions.cpp ----------------------------------------------===//
#include "common/MemberFunctions.h"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/DeclTemplate.h>

namespace asynclint {

using namespace clang;

bool isAccessor(const CXXMethodDecl &Method) {
  if (Method.isConst() || !Method.getDeclName())
    return false;
  for (const NamedDecl *Candidate : Method.getParent()->lookup(Method.getDeclName())) {
    const auto *Other = dyn_cast<CXXMethodDecl>(Candidate);
    if (const auto *Template = dyn_cast<FunctionTemplateDecl>(Candidate))
      Other = dyn_cast<CXXMethodDecl>(Template->getTemplatedDecl());
    if (Other && Other != &Method && Other->isConst() &&
        Other->getNumParams() == Method.getNumParams())
      return true;
  }
  return false;
}

} // namespace asynclint
