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

const llvm::SmallVector<std::string, 2> &NameCache::calleeNames(const FunctionDecl &Callee,
                                                                const CXXRecordDecl *ObjectClass) {
  auto Known = Callees.find({&Callee, ObjectClass});
  if (Known != Callees.end())
    return Known->second;
  llvm::SmallVector<std::string, 2> Candidates;
  const std::string &Name = nameOf(Callee);
  bool GlobalName = Name.find("::") == std::string::npos;
  if (!GlobalName || Callee.isExternC())
    Candidates.push_back(Name);
  const auto *Method = dyn_cast<CXXMethodDecl>(&Callee);
  if (Method && ObjectClass && ObjectClass != Method->getParent() && Method->getIdentifier())
    Candidates.push_back(nameOf(*ObjectClass) + "::" + Method->getName().str());
  return Callees.try_emplace({&Callee, ObjectClass}, std::move(Candidates)).first->second;
}

const VarDecl *customizationPointObject(const Expr *Call) {
  // (A site built from a callee alone has no call.)
  const auto *Operator = dyn_cast_or_null<CXXOperatorCallExpr>(Call);
  if (!Operator || Operator->getOperator() != OO_Call || Operator->getNumArgs() == 0)
    return nullptr;
  const auto *Ref = dyn_cast<DeclRefExpr>(Operator->getArg(0)->IgnoreParenImpCasts());
  const auto *Object = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Object && Object->hasGlobalStorage() ? Object : nullptr;
}

const std::string *customizationPointName(const CallSite &Site, NameCache &Names) {
  const VarDecl *Object = customizationPointObject(Site.Call);
  return Object ? &Names.nameOf(*Object) : nullptr;
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
