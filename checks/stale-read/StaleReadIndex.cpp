//===--- StaleReadIndex.cpp -----------------------------------------------===//
#include "stale-read/StaleReadIndex.h"
#include "common/QualifiedName.h"

#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>

#include <algorithm>

namespace asynclint {

using namespace clang;

namespace {

/// "asio::awaitable" -> "asio::".
std::string namespacePrefix(const std::string &Name) {
  size_t Colons = Name.rfind("::");
  return Colons == std::string::npos ? std::string() : Name.substr(0, Colons + 2);
}

} // namespace

StaleReadIndex::StaleReadIndex(std::shared_ptr<const catalog::Catalog> TheCatalog,
                               const Settings &Options)
    : Catalog(std::move(TheCatalog)), Library(*Catalog) {
  const catalog::StaleReadKnowledge &Stale = Catalog->StaleRead;
  auto AddStart = [&](const std::string &Name, StartKind Kind) {
    for (const std::string &Spelling : Catalog->spellingsOf(Name))
      Starts.try_emplace(Spelling, Kind);
  };
  for (const catalog::SpawnCall &Call : Catalog->OffLoop.SpawnCalls)
    AddStart(Call.Name, StartKind::Task);
  // The eager spawns of async-immediate-await that start coroutines (not
  // std::async's threads, not the lazy ones that run when awaited).
  for (const catalog::SpawnFunction &Function : Catalog->Spawn.Functions)
    if (!Function.Lazy && Function.Library != "std")
      AddStart(Function.Name, StartKind::Task);
  for (const std::string &Name : Stale.TaskStarts)
    AddStart(Name, StartKind::Task);
  for (const std::string &Name : Options.ExtraTaskStarts)
    AddStart(Name, StartKind::Task);
  for (const std::string &Name : Stale.BlockingStarts)
    AddStart(Name, StartKind::Blocking);
  for (const std::string &Name : Catalog->Spawn.Combinators)
    AddStart(Name, StartKind::Combinator);

  for (const catalog::AsyncLockType &Lock : Catalog->AsyncLocks) {
    for (const std::string &Spelling : Catalog->spellingsOf(Lock.Name))
      Mutexes.try_emplace(Spelling, &Lock);
    // A guard's release has the name of its mutex's (scoped_lock::unlock).
    for (const std::string &Member : Lock.Unlock)
      UnlockMembers.insert(Member);
    for (const std::string &Member : Lock.UnlockShared)
      UnlockMembers.insert(Member);
    if (!Lock.Library.empty())
      LockAdvice.try_emplace(Lock.Library, Lock.advice());
  }
  // A mutex of the user's: every awaited member call but an unlock takes it.
  for (const std::string &Name : Options.ExtraAsyncMutexes) {
    UserMutexes.push_back(std::make_unique<catalog::AsyncLockType>());
    UserMutexes.back()->Name = Name;
    for (const std::string &Spelling : Catalog->spellingsOf(Name))
      Mutexes.insert_or_assign(Spelling, UserMutexes.back().get());
  }
  UnlockMembers.insert("unlock");
  for (const std::string &Member : Stale.LookupMembers)
    LookupMembers.insert(Member);
  for (const std::string &Name : Stale.CheckedInserts)
    addSpellings(CheckedInserts, Name);
  for (const std::string &Name : Stale.CheckedErases)
    addSpellings(CheckedErases, Name);
  for (const std::string &Name : Stale.Assignments)
    addSpellings(Assignments, Name);
  for (const auto &[Group, Members] : Stale.MemberGroups)
    for (const std::string &Member : Members)
      MemberGroups.try_emplace(Member, Group);
  for (const std::string &Name : Stale.ReadyAwaitables)
    for (const std::string &Spelling : Catalog->spellingsOf(Name))
      ReadyPrefixes.push_back(Spelling);

  for (const std::string &Name : Catalog->SharedState.SynchronizedTypes)
    addSpellings(NotData, Name);
  for (const std::string &Name : Catalog->Spawn.ExecutorTypes)
    addSpellings(NotData, Name);
  for (const catalog::CoroutineLibrary &Library : Catalog->CoroutineLibraries)
    for (const std::string &Type : Library.ReturnTypes)
      for (const std::string &Spelling : Catalog->spellingsOf(Type)) {
        LibraryOfReturnType.try_emplace(Spelling, Library.Library);
        if (std::string Prefix = namespacePrefix(Spelling); !Prefix.empty())
          LibraryPrefixes.push_back(Prefix);
      }
}

void StaleReadIndex::addSpellings(llvm::StringSet<> &Set, const std::string &Name) const {
  for (const std::string &Spelling : Catalog->spellingsOf(Name))
    Set.insert(Spelling);
}

std::vector<std::string> StaleReadIndex::startFunctionNames() const {
  // The member's own name: a start may be declared in a base class
  // (async_simple's Lazy::start is detail::LazyBase::start); startKind()
  // decides on the qualified names.
  llvm::StringSet<> Unique;
  for (const auto &Entry : Starts) {
    StringRef Name = Entry.getKey();
    size_t Colons = Name.rfind("::");
    Unique.insert(Colons == StringRef::npos ? Name : Name.substr(Colons + 2));
  }
  std::vector<std::string> Result;
  for (const auto &Name : Unique)
    Result.push_back(Name.getKey().str());
  std::sort(Result.begin(), Result.end());
  return Result;
}

StartKind StaleReadIndex::startKind(const CallExpr &Call) {
  const FunctionDecl *Callee = Call.getDirectCallee();
  if (!Callee)
    return StartKind::None;
  CallSite Site{&Call, Callee, nullptr};
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    if (const Expr *Object = Member->getImplicitObjectArgument())
      Site.ObjectClass = classOf(Object->IgnoreParenImpCasts()->getType());
  std::string Matched;
  const StartKind *Kind = lookupCallee(Starts, Site, Names, Matched);
  return Kind ? *Kind : StartKind::None;
}

const std::string &StaleReadIndex::classNameOf(QualType Type) {
  const CXXRecordDecl *Class = classOf(Type);
  if (!Class)
    return NoName;
  return Names.nameOf(*Class);
}

bool StaleReadIndex::isAsyncMutex(QualType Type) {
  const std::string &Name = classNameOf(Type);
  return !Name.empty() && Mutexes.count(Name);
}

const Expr *StaleReadIndex::lockedMutex(const Expr &Awaited) {
  const Expr *E = Awaited.IgnoreImplicit()->IgnoreParenImpCasts();
  // m.co_scoped_lock().via(ex): the lock member is deeper in the chain.
  for (unsigned Depth = 0; Depth < 4; ++Depth) {
    const auto *Call = dyn_cast<CXXMemberCallExpr>(E);
    if (!Call || !Call->getImplicitObjectArgument())
      return nullptr;
    const Expr *Object = Call->getImplicitObjectArgument();
    auto Mutex = Mutexes.find(classNameOf(Object->IgnoreParenImpCasts()->getType()));
    if (Mutex != Mutexes.end()) {
      const CXXMethodDecl *Method = Call->getMethodDecl();
      if (!Method || !Method->getIdentifier())
        return nullptr;
      StringRef Member = Method->getName();
      const catalog::AsyncLockType &Lock = *Mutex->second;
      bool Described = !Lock.Lock.empty() || !Lock.ScopedLock.empty();
      bool Takes = Described ? Lock.takesWith(Member)
                             : !isUnlock(*Method, Object->IgnoreParenImpCasts()->getType()) &&
                                   Member.find("try") != 0;
      return Takes ? Object : nullptr;
    }
    E = Object->IgnoreImplicit()->IgnoreParenImpCasts();
  }
  return nullptr;
}

bool StaleReadIndex::isLookup(const CXXMethodDecl &Method) const {
  return Method.getIdentifier() && LookupMembers.contains(Method.getName());
}

bool StaleReadIndex::isUnlock(const CXXMethodDecl &Method, QualType Object) {
  if (!Method.getIdentifier())
    return false;
  auto Mutex = Mutexes.find(classNameOf(Object));
  if (Mutex != Mutexes.end() &&
      (!Mutex->second->Unlock.empty() || !Mutex->second->UnlockShared.empty()))
    return Mutex->second->releasesWith(Method.getName());
  return UnlockMembers.contains(Method.getName());
}

bool StaleReadIndex::isReadyAwaitable(QualType Type) {
  const std::string &Name = classNameOf(Type);
  if (Name.empty())
    return false;
  for (const std::string &Ready : ReadyPrefixes)
    if (Name == Ready ||
        (Name.size() > Ready.size() + 2 && Name.compare(0, Ready.size(), Ready) == 0 &&
         Name.compare(Ready.size(), 2, "::") == 0))
      return true;
  return false;
}

bool StaleReadIndex::isNotData(QualType Type) {
  Type = Type.getNonReferenceType();
  while (const auto *Array = Type->getAsArrayTypeUnsafe())
    Type = Array->getElementType();
  const CXXRecordDecl *Class = Type->getAsCXXRecordDecl();
  if (!Class)
    return false;
  const std::string &Name = Names.nameOf(*Class);
  if (NotData.contains(Name) || Mutexes.count(Name))
    return true;
  for (const std::string &Prefix : LibraryPrefixes)
    if (Name.compare(0, Prefix.size(), Prefix) == 0)
      return true;
  return false;
}

std::string StaleReadIndex::changeKind(const CXXMethodDecl &Method) const {
  std::string Name = Method.getNameAsString();
  auto Group = MemberGroups.find(Name);
  return Group == MemberGroups.end() ? Name : Group->second;
}

bool StaleReadIndex::inSet(const llvm::StringSet<> &Set, const CXXMethodDecl &Method,
                           const CXXRecordDecl *Object) {
  CallSite Site{nullptr, &Method, Object};
  return anyCalleeName(Site, Names,
                       [&](const std::string &Candidate) { return Set.contains(Candidate); });
}

bool StaleReadIndex::checksAgain(const CXXMethodDecl &Method, const CXXRecordDecl *Object) {
  if (inSet(CheckedInserts, Method, Object))
    return true;
  if (!inSet(CheckedErases, Method, Object) || Method.getNumParams() != 1)
    return false;
  // erase(key), not erase(iterator): the parameter is the class's key_type.
  const CXXRecordDecl *Class = Object ? Object : Method.getParent();
  for (const NamedDecl *Member : Class->lookup(&Method.getASTContext().Idents.get("key_type")))
    if (const auto *KeyType = dyn_cast<TypeDecl>(Member))
      return Method.getASTContext().hasSameUnqualifiedType(
          Method.getParamDecl(0)->getType().getNonReferenceType(),
          Method.getASTContext().getTypeDeclType(KeyType));
  return false;
}

bool StaleReadIndex::isAssignment(const CXXMethodDecl &Method, const CXXRecordDecl *Object) {
  return inSet(Assignments, Method, Object);
}

const std::string &StaleReadIndex::advice(const FunctionDecl &Coroutine) {
  std::string Library;
  if (const CXXRecordDecl *Result = classOf(Coroutine.getReturnType()))
    if (auto Found = LibraryOfReturnType.find(Names.nameOf(*Result));
        Found != LibraryOfReturnType.end())
      Library = Found->second;
  const std::map<std::string, std::string> &Advice = Catalog->StaleRead.Advice;
  if (!Advice.count(Library))
    if (auto Lock = LockAdvice.find(Library); Lock != LockAdvice.end())
      return Lock->second;
  return catalog::SpawnKnowledge::adviceFor(Advice, Library);
}

} // namespace asynclint
