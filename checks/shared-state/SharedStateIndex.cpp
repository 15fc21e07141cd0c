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
  for (const catalog::LockFunction &Function : Shared.LockFunctions)
    AddAll(Locks, Function.Name, &Function);
  for (const catalog::LockFunction &Function : Shared.UnlockFunctions)
    AddAll(Unlocks, Function.Name, &Function);
  for (const std::string &Name : Shared.ThreadJoins)
    AddAll(Joins, Name, true);
  for (const std::string &Name : Shared.ThreadDetaches)
    AddAll(Detaches, Name, true);
  for (const catalog::LockGuardType &Guard : Shared.LockGuards)
    AddAll(Guards, Guard.Name, Guard);
  for (const std::string &Name : Options.ExtraLockGuards)
    AddAll(Guards, Name, catalog::LockGuardType{Name, false});
  for (const std::string &Name : Shared.DeferLockTypes)
    addSpellings(DeferLocks, Name);
  for (const std::string &Name : Shared.AtomicTypes)
    addSpellings(Atomics, Name);
  for (const std::string &Name : Shared.SynchronizedTypes)
    addSpellings(Synchronized, Name);
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

bool SharedStateIndex::isJoin(const CallSite &Site) {
  std::string Matched;
  return lookupCallee(Joins, Site, Names, Matched) != nullptr;
}

bool SharedStateIndex::isDetach(const CallSite &Site) {
  std::string Matched;
  return lookupCallee(Detaches, Site, Names, Matched) != nullptr;
}

const catalog::LockFunction *SharedStateIndex::lockFunction(const CallSite &Site) {
  std::string Matched;
  const auto *const *Found = lookupCallee(Locks, Site, Names, Matched);
  return Found ? *Found : nullptr;
}

const catalog::LockFunction *SharedStateIndex::unlockFunction(const CallSite &Site) {
  std::string Matched;
  const auto *const *Found = lookupCallee(Unlocks, Site, Names, Matched);
  return Found ? *Found : nullptr;
}

bool SharedStateIndex::isThreadEntryFunction(const FunctionDecl &Function) {
  return !Entries.empty() && Entries.contains(Names.nameOf(Function));
}

bool SharedStateIndex::typeIs(QualType Type, const llvm::StringSet<> &Set) {
  if (Type.isNull() || Set.empty())
    return false;
  Type = Type.getNonReferenceType();
  while (const auto *Array = Type->getAsArrayTypeUnsafe())
    Type = Array->getElementType();
  // Typedef names first: pthread_mutex_t is a typedef of an anonymous union.
  for (QualType Sugar = Type;;) {
    const auto *Typedef = Sugar->getAs<TypedefType>();
    if (!Typedef)
      break;
    if (Set.contains(Names.nameOf(*Typedef->getDecl())))
      return true;
    QualType Next = Typedef->desugar();
    if (Next == Sugar)
      break;
    Sugar = Next;
  }
  const TagDecl *Tag = Type->getAsTagDecl();
  if (!Tag)
    return false;
  if (const auto *Record = dyn_cast<CXXRecordDecl>(Tag))
    if (const auto *Specialization = dyn_cast<ClassTemplateSpecializationDecl>(Record))
      Tag = Specialization->getSpecializedTemplate()->getTemplatedDecl();
  return Set.contains(Names.nameOf(*Tag));
}

const catalog::LockGuardType *SharedStateIndex::lockGuard(QualType Type) {
  const CXXRecordDecl *Class = classOf(Type);
  if (!Class || Type->isPointerType())
    return nullptr;
  auto It = Guards.find(Names.nameOf(*Class));
  return It == Guards.end() ? nullptr : &It->second;
}

bool SharedStateIndex::isDeferLock(QualType Type) { return typeIs(Type, DeferLocks); }

bool SharedStateIndex::isAtomic(QualType Type) { return typeIs(Type, Atomics); }

bool SharedStateIndex::isAtomicOrSynchronized(QualType Type) {
  return typeIs(Type, Atomics) || typeIs(Type, Synchronized);
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
