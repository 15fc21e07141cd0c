//===--- CatalogNames.cpp -------------------------------------------------===//
#include "common/CatalogNames.h"
#include "common/QualifiedName.h"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/DeclTemplate.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/Type.h>

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
  // answers to the variable's name. (A site built from a callee alone has no call.)
  if (const auto *Operator = dyn_cast_or_null<CXXOperatorCallExpr>(Site.Call);
      Operator && Operator->getOperator() == OO_Call && Operator->getNumArgs() > 0)
    if (const auto *Ref = dyn_cast<DeclRefExpr>(Operator->getArg(0)->IgnoreParenImpCasts()))
      if (const auto *Object = dyn_cast<VarDecl>(Ref->getDecl());
          Object && Object->hasGlobalStorage())
        Candidates.push_back(Names.nameOf(*Object));
  return Candidates;
}

bool typeIsOneOf(QualType Type, const llvm::StringSet<> &Set, NameCache &Cache) {
  if (Type.isNull() || Set.empty())
    return false;
  Type = Type.getNonReferenceType();
  while (const auto *Array = Type->getAsArrayTypeUnsafe())
    Type = Array->getElementType();
  for (QualType Sugar = Type;;) {
    const auto *Typedef = Sugar->getAs<TypedefType>();
    if (!Typedef)
      break;
    if (Set.contains(Cache.nameOf(*Typedef->getDecl())))
      return true;
    QualType Next = Typedef->desugar();
    if (Next == Sugar)
      break;
    Sugar = Next;
  }
  const TagDecl *Tag = Type->getAsTagDecl();
  if (!Tag)
    return false;
  if (const auto *Specialization = dyn_cast<ClassTemplateSpecializationDecl>(Tag))
    Tag = Specialization->getSpecializedTemplate()->getTemplatedDecl();
  return Set.contains(Cache.nameOf(*Tag));
}

} // namespace asynclint
