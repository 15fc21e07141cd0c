//===--- CatalogNames.cpp -------------------------------------------------===//
#include "common/CatalogNames.h"
#include "common/QualifiedName.h"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>

namespace asynclint {

using namespace clang;

const std::string &NameCache::nameOf(const NamedDecl &Decl) {
  auto [It, Inserted] = Names.try_emplace(&Decl);
  if (Inserted)
    It->second = qualifiedName(Decl);
  return It->second;
}

llvm::SmallVector<std::string, 2> calleeCandidateNames(const CallSite &Site, NameCache &Names) {
  llvm::SmallVector<std::string, 2> Candidates;
  if (!Site.Callee)
    return Candidates;
  const std::string &Name = Names.nameOf(*Site.Callee);
  bool GlobalName = Name.find("::") == std::string::npos;
  if (!GlobalName || Site.Callee->isExternC())
    Candidates.push_back(Name);

  const auto *Method = dyn_cast<CXXMethodDecl>(Site.Callee);
  if (Method && Site.ObjectClass && Site.ObjectClass != Method->getParent() &&
      Method->getIdentifier())
    Candidates.push_back(Names.nameOf(*Site.ObjectClass) + "::" + Method->getName().str());

  // A customization point object (`stdexec::sync_wait(s)`, folly's
  // `blockingWait(t)`) is a variable whose operator() does the work: it
  // answers to the variable's name.
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Site.Call);
      Operator && Operator->getOperator() == OO_Call && Operator->getNumArgs() > 0)
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Operator->getArg(0)->IgnoreParenImpCasts()))
      if (const auto *Object = dyn_cast<VarDecl>(Ref->getDecl());
          Object && Object->hasGlobalStorage())
        Candidates.push_back(Names.nameOf(*Object));
  return Candidates;
}

} // namespace asynclint
