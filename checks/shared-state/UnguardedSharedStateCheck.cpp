//===--- UnguardedSharedStateCheck.cpp ------------------------------------===//
#include "shared-state/UnguardedSharedStateCheck.h"
#include "common/CatalogLoader.h"
#include "common/CheapMatchers.h"
#include "common/FactChannel.h"
#include "common/FactFiles.h"
#include "common/QualifiedName.h"
#include "shared-state/FindingMessages.h"
#include "shared-state/LockConsistency.h"
#include "shared-state/RaceFinder.h"
#include "shared-state/SharedStateFacts.h"
#include "shared-state/ThreadOwnMethods.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclTemplate.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>

using namespace clang::ast_matchers;
using namespace asynclint::matchers;

namespace clang::tidy::async {

UnguardedSharedStateCheck::UnguardedSharedStateCheck(StringRef Name, ClangTidyContext *Context)
    : CatalogCheck(Name, Context), ThreadEntryFunctions(Options.get("ThreadEntryFunctions", "")),
      LockGuardTypes(Options.get("LockGuardTypes", "")),
      ThirdPartyFolders(Options.get("ThirdPartyFolders", asynclint::DefaultThirdPartyFolders)),
      FactFiles(Options.getLocalOrGlobal(asynclint::facts::FactFilesOption, "")),
      Races(FactFiles, Name, Context->getCurrentFile()) {
  asynclint::SharedStateIndex::Settings Settings;
  Settings.ThreadEntryFunctions = asynclint::catalog::splitList(ThreadEntryFunctions.str());
  Index = std::make_unique<asynclint::SharedStateIndex>(Catalog, Settings);
  asynclint::LockShapes::Settings LockSettings;
  LockSettings.ExtraGuards = asynclint::catalog::splitList(LockGuardTypes.str());
  Locks = std::make_unique<asynclint::LockShapes>(Catalog, LockSettings);
  Library = std::make_unique<asynclint::LibraryCode>(
      asynclint::catalog::splitList(ThirdPartyFolders.str()));
}

void UnguardedSharedStateCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  storeCatalogOption(Opts);
  Options.store(Opts, "ThreadEntryFunctions", ThreadEntryFunctions);
  Options.store(Opts, "LockGuardTypes", LockGuardTypes);
  Options.store(Opts, "ThirdPartyFolders", ThirdPartyFolders);
  Options.store(Opts, asynclint::facts::FactFilesOption, FactFiles);
}

static std::vector<StringRef> refs(const std::vector<std::string> &Names) {
  return std::vector<StringRef>(Names.begin(), Names.end());
}

void UnguardedSharedStateCheck::registerMatchers(MatchFinder *Finder) {
  for (const std::string &Error : Races.load())
    configurationProblem(asynclint::facts::FactFilesOption, Error);
  reportConfigurationProblems();
  // Races across units are reported at the end of the unit, whatever it has.
  if (Races.any())
    Finder->addMatcher(translationUnitDecl().bind("unit"), this);
  auto InUserCode = unless(isExpansionInSystemHeader());
  StartFunctionNames = Index->threadStartFunctionNames();
  StartClassNames = Index->threadStartClassNames();
  EntryNames = asynclint::catalog::splitList(ThreadEntryFunctions.str());
  if (!StartFunctionNames.empty())
    Finder->addMatcher(callExpr(userCodeCallsAnyOf(nameSet(StartFunctionNames))).bind("call"),
                       this);
  if (!StartClassNames.empty()) {
    Finder->addMatcher(
        cxxConstructExpr(userCodeConstructsAnyOf(nameSet(StartClassNames))).bind("construct"),
        this);
    // The thread is built inside the library's emplace_back; its arguments
    // are the ones written here. The element type decides (in check()).
    Finder->addMatcher(
        cxxMemberCallExpr(userCodeCallsAnyOf(nameSet({"emplace_back", "emplace_front", "emplace"})))
            .bind("emplace"),
        this);
  }
  for (std::string &Name : EntryNames)
    Name = "::" + Name;
  if (!EntryNames.empty())
    Finder->addMatcher(functionDecl(isDefinition(), hasAnyName(refs(EntryNames))).bind("entry"),
                       this);
  // For the whole program: every function of the user's code.
  if (asynclint::facts::FactSink *Sink = asynclint::facts::currentSink();
      Sink && Sink->wantsFunctionFacts())
    Finder->addMatcher(functionDecl(isDefinition(), unless(isImplicit()), InUserCode,
                                    unless(isDefaulted()), unless(isDeleted()))
                           .bind("definition"),
                       this);
  // Classes that may lock (lock consistency): whether one has a mutex
  // member is decided at the end of the translation unit.
  Finder->addMatcher(cxxRecordDecl(isUserClassWithFields()).bind("class"), this);
}

void UnguardedSharedStateCheck::check(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
  if (Result.Nodes.getNodeAs<TranslationUnitDecl>("unit"))
    return;
  if (const auto *Class = Result.Nodes.getNodeAs<CXXRecordDecl>("class")) {
    if (!Class->isDependentContext() && !Class->isImplicit())
      Classes.push_back(Class);
    return;
  }
  if (const auto *Definition = Result.Nodes.getNodeAs<FunctionDecl>("definition")) {
    if (!Definition->isDependentContext() &&
        !Library->isLibrary(*Result.SourceManager, Definition->getLocation()))
      Definitions.push_back(Definition);
    return;
  }
  if (const auto *Entry = Result.Nodes.getNodeAs<FunctionDecl>("entry")) {
    ConfiguredEntries.push_back(Entry);
    return;
  }
  PendingStart Pending{nullptr, nullptr, {}};
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    Pending.Start = Call;
    Pending.Kind = Index->threadStart({Call, Call->getDirectCallee(), nullptr});
    Pending.Arguments.append(Call->arg_begin(), Call->arg_end());
  } else if (const auto *Construct = Result.Nodes.getNodeAs<CXXConstructExpr>("construct")) {
    // Copies and moves of a thread object start nothing.
    if (Construct->getConstructor()->isCopyOrMoveConstructor() ||
        Construct->getConstructor()->isDefaultConstructor())
      return;
    Pending.Start = Construct;
    Pending.Kind = Index->threadStart(
        {Construct, Construct->getConstructor(), Construct->getConstructor()->getParent()});
    Pending.Arguments.append(Construct->arg_begin(), Construct->arg_end());
  } else if (const auto *Emplace = Result.Nodes.getNodeAs<CXXMemberCallExpr>("emplace")) {
    Pending.Start = Emplace;
    Pending.Kind = Index->emplacedThreadStart(*Emplace);
    Pending.Arguments.append(Emplace->arg_begin(), Emplace->arg_end());
  }
  if (Pending.Kind)
    Starts.push_back(std::move(Pending));
}

std::vector<asynclint::SpawnSite> UnguardedSharedStateCheck::resolveSpawns() {
  llvm::DenseSet<const Stmt *> StartNodes;
  for (const PendingStart &Pending : Starts)
    StartNodes.insert(Pending.Start);
  llvm::DenseMap<const Stmt *, asynclint::StartContext> Contexts =
      asynclint::findStartContexts(*Context, StartNodes);
  asynclint::SpawnResolver Resolver(*Index, *Locks, *Context);
  std::vector<asynclint::SpawnSite> Spawns;
  for (const PendingStart &Pending : Starts) {
    auto Where = Contexts.find(Pending.Start);
    // Starts in templates are resolved in their instantiations.
    if (Where == Contexts.end() || Where->second.Spawner->isDependentContext())
      continue;
    if (std::optional<asynclint::SpawnSite> Site =
            Resolver.resolve(*Pending.Start, *Pending.Kind, Pending.Arguments, Where->second))
      Spawns.push_back(*Site);
  }
  for (const FunctionDecl *Entry : ConfiguredEntries) {
    asynclint::SpawnSite Site;
    Site.Entry = Entry;
    Site.Multiple = true;
    Spawns.push_back(Site);
  }
  return Spawns;
}

bool UnguardedSharedStateCheck::hasLockMember(const CXXRecordDecl &Class) {
  auto IsLock = [&](QualType Type) {
    while (const auto *Array = Type->getAsArrayTypeUnsafe())
      Type = Array->getElementType();
    const CXXRecordDecl *Member = asynclint::classOf(Type);
    return Member && !Member->isDependentContext() && Locks->isLockable(*Member);
  };
  for (const FieldDecl *Field : Class.fields())
    if (IsLock(Field->getType()))
      return true;
  for (const Decl *Member : Class.decls())
    if (const auto *Static = dyn_cast<VarDecl>(Member); Static && IsLock(Static->getType()))
      return true;
  for (const CXXBaseSpecifier &Base : Class.bases())
    if (const CXXRecordDecl *BaseClass = Base.getType()->getAsCXXRecordDecl();
        BaseClass && BaseClass->hasDefinition() && hasLockMember(*BaseClass->getDefinition()))
      return true;
  return false;
}

void UnguardedSharedStateCheck::onEndOfTranslationUnit() {
  // Code that does not compile may have lost the very lock that guards an
  // access (a guard declaration that no longer parses): no findings there.
  if (!Context || Context->getDiagnostics().hasUncompilableErrorOccurred()) {
    reset();
    return;
  }
  Races.report(*this, Context->getSourceManager());
  const SourceManager &SM = Context->getSourceManager();
  std::vector<asynclint::SpawnSite> AllSpawns = resolveSpawns();
  // A start whose entry another unit defines is for the whole program only.
  std::vector<asynclint::SpawnSite> Spawns;
  for (const asynclint::SpawnSite &Site : AllSpawns)
    if (Site.Entry)
      Spawns.push_back(Site);

  llvm::DenseSet<const VarDecl *> SharedLocals;
  for (const asynclint::SpawnSite &Site : Spawns) {
    SharedLocals.insert(Site.GivenLocals.begin(), Site.GivenLocals.end());
    if (Site.Lambda)
      for (const LambdaCapture &Capture : Site.Lambda->captures())
        if (Capture.capturesVariable() && Capture.getCaptureKind() == LCK_ByRef)
          if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar());
              Var && Var->hasLocalStorage())
            SharedLocals.insert(Var);
  }

  asynclint::AccessCollector Accesses(*Index, *Locks, *Library, *Context, SharedLocals);
  asynclint::FindingMessages Messages(*this);
  if (!Spawns.empty()) {
    asynclint::SpawnResolver Resolver(*Index, *Locks, *Context);
    for (const asynclint::Race &Race : asynclint::RaceFinder(Spawns, Accesses, Resolver, SM).find())
      Messages.race(Race, Spawns);
  }

  llvm::DenseMap<const FunctionDecl *, SourceLocation> FirstStarts;
  for (const asynclint::SpawnSite &Site : Spawns)
    if (Site.Spawner && Site.Start) {
      SourceLocation At = SM.getExpansionLoc(Site.Start->getBeginLoc());
      auto [It, Inserted] = FirstStarts.try_emplace(Site.Spawner, At);
      if (!Inserted && SM.isBeforeInTranslationUnit(At, It->second))
        It->second = At;
    }
  asynclint::ThreadOwnMethods OwnThread(*Context);
  asynclint::LockConsistency Consistency(Accesses, SM, FirstStarts, &OwnThread);
  llvm::DenseSet<const CXXRecordDecl *> Seen;
  for (const CXXRecordDecl *Class : Classes)
    if (Seen.insert(Class).second && !Library->isLibrary(SM, Class->getLocation()) &&
        hasLockMember(*Class))
      for (const asynclint::Inconsistency &Found : Consistency.find(*Class))
        Messages.inconsistency(Found);
  if (asynclint::facts::FactSink *Sink = asynclint::facts::currentSink();
      Sink && Sink->wantsFunctionFacts())
    asynclint::recordSharedStateFacts(*Sink, Accesses, AllSpawns,
                                      asynclint::SpawnResolver(*Index, *Locks, *Context),
                                      Definitions, SM);
  reset();
}

void UnguardedSharedStateCheck::reset() {
  Starts.clear();
  ConfiguredEntries.clear();
  Classes.clear();
  Definitions.clear();
  Index->clearCache();
  Locks->clear();
  Library->clear();
  Context = nullptr;
}

} // namespace clang::tidy::async
