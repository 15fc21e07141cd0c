//===--- SharedStateIndex.cpp ---------------------------------------------===//
#include "shared-state/SharedStateIndex.h"
#include "common/QualifiedName.h"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/DeclTemplate.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/Type.h>

namespace asynclint {

using namespace clang;

SharedStateIndex::SharedStateIndex(std::shared_ptr<const catalog::Catalog> CatalogIn,
                                   const Settings &Options)
    : Catalog(std::move(CatalogIn)) {
  const catalog::SharedStateKnowledge &Shared = Catalog->SharedState;
  auto AddAll = [&](auto &Map, const std::string &Name, auto Value) {
    for (const std::string &Spelling : Catalog->spellingsOf(Name))
      Map.try_emplace(Spelling, Value);
  };
  for (const catalog::ThreadStart &Start : Shared.ThreadStarts)
    AddAll(Start.Constructor ? StartClasses : StartFunctions, Start.Name, &Start);
  for (const std::string &Name : Shared.ThreadJoins)
    AddAll(Joins, Name, true);
  for (const std::string &Name : Shared.ThreadDetaches)
    AddAll(Detaches, Name, true);
  for (const std::string &Name : Shared.IndexedContainers)
    addSpellings(Indexed, Name);
  for (const std::string &Name : Catalog->OffLoop.PoolExecutorTypes)
    addSpellings(PoolExecutors, Name);
  for (const std::string &Name : Options.ThreadEntryFunctions)
    addSpellings(Entries, Name);
}

void SharedStateIndex::addSpellings(llvm::StringSet<> &Set, const std::string &Name) const {
  for (const std::string &Spelling : Catalog->spellingsOf(Name))
    Set.insert(Spelling);
}

std::vector<std::string> SharedStateIndex::threadStartFunctionNames() const {
  std::vector<std::string> Result;
  for (const auto &Entry : StartFunctions)
    Result.push_back("::" + Entry.getKey().str());
  return Result;
}

std::vector<std::string> SharedStateIndex::threadStartClassNames() const {
  std::vector<std::string> Result;
  for (const auto &Entry : StartClasses)
    Result.push_back("::" + Entry.getKey().str());
  return Result;
}

const catalog::ThreadStart *SharedStateIndex::threadStart(const CallSite &Site) {
  std::string Matched;
  if (isa<CXXConstructExpr>(Site.Call))
    return Site.ObjectClass ? threadStartClass(*Site.ObjectClass) : nullptr;
  const auto *const *Found = lookupCallee(StartFunctions, Site, Names, Matched);
  return Found ? *Found : nullptr;
}

const catalog::ThreadStart *SharedStateIndex::threadStartClass(const CXXRecordDecl &Class) {
  auto It = StartClasses.find(Names.nameOf(Class));
  return It == StartClasses.end() ? nullptr : It->second;
}

const catalog::ThreadStart *SharedStateIndex::emplacedThreadStart(const CXXMemberCallExpr &Call) {
  const CXXMethodDecl *Method = Call.getMethodDecl();
  const Expr *Object = Call.getImplicitObjectArgument();
  if (!Method || !Method->getIdentifier() || !Object || Call.getNumArgs() == 0 ||
      !llvm::is_contained(
          {StringRef("emplace_back"), StringRef("emplace_front"), StringRef("emplace")},
          Method->getName()))
    return nullptr;
  const auto *Container =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(classOf(Object->getType()));
  if (!Container || Container->getTemplateArgs().size() == 0 ||
      Container->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return nullptr;
  const CXXRecordDecl *Element = Container->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
  return Element ? threadStartClass(*Element) : nullptr;
}

bool SharedStateIndex::isJoin(const CallSite &Site) {
  std::string Matched;
  return lookupCallee(Joins, Site, Names, Matched) != nullptr;
}

bool SharedStateIndex::isDetach(const CallSite &Site) {
  std::string Matched;
  return lookupCallee(Detaches, Site, Names, Matched) != nullptr;
}

bool SharedStateIndex::isThreadEntryFunction(const FunctionDecl &Function) {
  return !Entries.empty() && Entries.contains(Names.nameOf(Function));
}

bool SharedStateIndex::typeIs(QualType Type, const llvm::StringSet<> &Set) {
  return typeIsOneOf(Type, Set, Names);
}

bool SharedStateIndex::isIndexedContainer(QualType Type) { return typeIs(Type, Indexed); }

bool SharedStateIndex::isPoolExecutor(QualType Type) {
  const CXXRecordDecl *Class = classOf(Type);
  return Class && PoolExecutors.contains(Names.nameOf(*Class));
}

std::string SharedStateIndex::enumeratorName(const Expr &E) {
  const auto *Ref = dyn_cast<DeclRefExpr>(E.IgnoreParenImpCasts());
  const auto *Constant = Ref ? dyn_cast<EnumConstantDecl>(Ref->getDecl()) : nullptr;
  if (!Constant)
    return "";
  const auto *Enum = dyn_cast<EnumDecl>(Constant->getDeclContext());
  if (!Enum)
    return "";
  return Names.nameOf(*Enum) + "::" + Constant->getName().str();
}

} // namespace asynclint
