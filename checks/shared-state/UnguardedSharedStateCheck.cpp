//===--- UnguardedSharedStateCheck.cpp ------------------------------------===//
#include "shared-state/UnguardedSharedStateCheck.h"
#include "common/CatalogLoader.h"
#include "common/FactChannel.h"
#include "common/QualifiedName.h"
#include "shared-state/RaceFinder.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclTemplate.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>

using namespace clang::ast_matchers;

namespace clang::tidy::async {

namespace {

/// "counter", "ns::Pool::size", "main::total", "stats.hits".
std::string nameOf(const asynclint::Location &Where) {
  std::string Root;
  if (const auto *Var = dyn_cast_or_null<VarDecl>(Where.Root)) {
    if (const auto *Function = dyn_cast<FunctionDecl>(Var->getDeclContext()))
      Root = asynclint::qualifiedName(*Function) + "::" + Var->getName().str();
    else
      Root = asynclint::qualifiedName(*Var);
  }
  const auto *Field = dyn_cast_or_null<NamedDecl>(Where.Field);
  if (!Field)
    return Root;
  if (Root.empty())
    return asynclint::qualifiedName(*Field);
  return Root + "." + Field->getName().str();
}

std::string entryName(const asynclint::SpawnSite &Site) {
  if (Site.Lambda)
    return Site.Spawner ? "the lambda started in '" + Site.Spawner->getQualifiedNameAsString() + "'"
                        : "a lambda";
  return "'" + Site.Entry->getQualifiedNameAsString() + "'";
}

std::string partyName(const asynclint::PartyAccess &Party,
                      const std::vector<asynclint::SpawnSite> &Spawns, bool Another) {
  const asynclint::SpawnSite &Site = Spawns[Party.Spawn];
  if (Party.SpawnerSide)
    return "'" + Site.Spawner->getQualifiedNameAsString() + "' (which started the thread)";
  return std::string(Another ? "another" : "a") + " thread running " + entryName(Site);
}

/// The calls of emplace_back / emplace that build a thread in a container:
/// `threads.emplace_back(worker)`.
const CXXRecordDecl *containerElementClass(const CXXMemberCallExpr &Call) {
  const Expr *Object = Call.getImplicitObjectArgument();
  if (!Object)
    return nullptr;
  const CXXRecordDecl *Container = asynclint::classOf(Object->getType());
  const auto *Specialization = dyn_cast_or_null<ClassTemplateSpecializationDecl>(Container);
  if (!Specialization || Specialization->getTemplateArgs().size() == 0 ||
      Specialization->getTemplateArgs()[0].getKind() != TemplateArgument::Type)
    return nullptr;
  return Specialization->getTemplateArgs()[0].getAsType()->getAsCXXRecordDecl();
}

} // namespace

UnguardedSharedStateCheck::UnguardedSharedStateCheck(StringRef Name, ClangTidyContext *Context)
    : CatalogCheck(Name, Context), ThreadEntryFunctions(Options.get("ThreadEntryFunctions", "")),
      LockGuardTypes(Options.get("LockGuardTypes", "")) {
  asynclint::SharedStateIndex::Settings Settings;
  Settings.ThreadEntryFunctions = asynclint::catalog::splitList(ThreadEntryFunctions.str());
  Settings.ExtraLockGuards = asynclint::catalog::splitList(LockGuardTypes.str());
  Index = std::make_unique<asynclint::SharedStateIndex>(Catalog, Settings);
}

void UnguardedSharedStateCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  storeCatalogOption(Opts);
  Options.store(Opts, "ThreadEntryFunctions", ThreadEntryFunctions);
  Options.store(Opts, "LockGuardTypes", LockGuardTypes);
}

static std::vector<StringRef> refs(const std::vector<std::string> &Names) {
  return std::vector<StringRef>(Names.begin(), Names.end());
}

void UnguardedSharedStateCheck::registerMatchers(MatchFinder *Finder) {
  reportConfigurationProblems();
  auto InUserCode = unless(isExpansionInSystemHeader());
  StartFunctionNames = Index->threadStartFunctionNames();
  StartClassNames = Index->threadStartClassNames();
  EntryNames = asynclint::catalog::splitList(ThreadEntryFunctions.str());
  if (!StartFunctionNames.empty())
    Finder->addMatcher(
        callExpr(callee(functionDecl(hasAnyName(refs(StartFunctionNames)))), InUserCode)
            .bind("call"),
        this);
  if (!StartClassNames.empty()) {
    Finder->addMatcher(cxxConstructExpr(hasDeclaration(cxxConstructorDecl(ofClass(
                                            cxxRecordDecl(hasAnyName(refs(StartClassNames)))))),
                                        InUserCode)
                           .bind("construct"),
                       this);
    // The thread is built inside the library's emplace_back; its arguments
    // are the ones written here. The element type decides (in check()).
    Finder->addMatcher(cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName(
                                             "emplace_back", "emplace_front", "emplace"))),
                                         InUserCode)
                           .bind("emplace"),
                       this);
  }
  for (std::string &Name : EntryNames)
    Name = "::" + Name;
  if (!EntryNames.empty())
    Finder->addMatcher(functionDecl(isDefinition(), hasAnyName(refs(EntryNames))).bind("entry"),
                       this);
}

void UnguardedSharedStateCheck::check(const MatchFinder::MatchResult &Result) {
  Context = Result.Context;
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
    Pending.Start = Construct;
    Pending.Kind = Index->threadStart(
        {Construct, Construct->getConstructor(), Construct->getConstructor()->getParent()});
    Pending.Arguments.append(Construct->arg_begin(), Construct->arg_end());
    // Copies and moves of a thread object start nothing.
    if (Construct->getConstructor()->isCopyOrMoveConstructor() ||
        Construct->getConstructor()->isDefaultConstructor())
      return;
  } else if (const auto *Emplace = Result.Nodes.getNodeAs<CXXMemberCallExpr>("emplace")) {
    const CXXRecordDecl *Element = containerElementClass(*Emplace);
    if (!Element || Emplace->getNumArgs() == 0)
      return;
    // Find the element's constructor entry by asking for a construction of it.
    Pending.Start = Emplace;
    Pending.Kind = Index->threadStartClass(*Element);
    Pending.Arguments.append(Emplace->arg_begin(), Emplace->arg_end());
  }
  if (Pending.Kind)
    Starts.push_back(std::move(Pending));
}

void UnguardedSharedStateCheck::onEndOfTranslationUnit() {
  // Code that does not compile may have lost the very lock that guards an
  // access (a guard declaration that no longer parses): no findings there.
  if (!Context || (Starts.empty() && ConfiguredEntries.empty()) ||
      Context->getDiagnostics().hasUncompilableErrorOccurred()) {
    Starts.clear();
    ConfiguredEntries.clear();
    Index->clearCache();
    Context = nullptr;
    return;
  }
  llvm::DenseSet<const Stmt *> StartNodes;
  for (const PendingStart &Pending : Starts)
    StartNodes.insert(Pending.Start);
  llvm::DenseMap<const Stmt *, asynclint::StartContext> Contexts =
      asynclint::findStartContexts(*Context, StartNodes);
  asynclint::SpawnResolver Resolver(*Index, *Context);
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

  llvm::DenseSet<const VarDecl *> CapturedLocals;
  for (const asynclint::SpawnSite &Site : Spawns)
    if (Site.Lambda)
      for (const LambdaCapture &Capture : Site.Lambda->captures())
        if (Capture.capturesVariable() && Capture.getCaptureKind() == LCK_ByRef)
          if (const auto *Var = dyn_cast<VarDecl>(Capture.getCapturedVar());
              Var && Var->hasLocalStorage())
            CapturedLocals.insert(Var);

  asynclint::AccessCollector Accesses(*Index, *Context, CapturedLocals);
  const SourceManager &SM = Context->getSourceManager();
  llvm::DenseSet<unsigned> Reported;
  for (const asynclint::Race &Race : asynclint::RaceFinder(Spawns, Accesses, Resolver, SM).find()) {
    const asynclint::PartyAccess &Warn = Race.Unguarded, &Other = Race.Other;
    SourceLocation At = Warn.What->At->getExprLoc();
    if (!Reported.insert(At.getRawEncoding()).second)
      continue;
    std::string Name = nameOf(Race.Where);
    bool SameSpawn = !Warn.SpawnerSide && !Other.SpawnerSide &&
                     Spawns[Warn.Spawn].Entry == Spawns[Other.Spawn].Entry;
    std::string Here = partyName(Warn, Spawns, false);
    std::string There = partyName(Other, Spawns, SameSpawn);
    if (asynclint::facts::currentSink()) {
      nlohmann::json Properties = {{"variable", Name},
                                   {"access", Warn.What->Write ? "write" : "read"},
                                   {"other_access", Other.What->Write ? "write" : "read"}};
      if (Race.UsualLock)
        Properties["usual_lock"] = nameOf(Race.UsualLock->Mutex);
      recordFindingFacts(SM, At, std::move(Properties));
    }
    if (Race.UsualLock) {
      std::string Lock = nameOf(Race.UsualLock->Mutex);
      diag(At, "'%0' is %select{read|written}1 in %2 without holding '%3', which guards its "
               "other accesses, while %4 %select{reads|writes}5 it concurrently (data race); "
               "take '%3' here too, or make it std::atomic")
          << Name << Warn.What->Write << Here << Lock << There << Other.What->Write
          << Warn.What->At->getSourceRange();
    } else if (asynclint::Lockset Readers = asynclint::intersect(Warn.Locks, Other.Locks);
               !Readers.empty()) {
      diag(At, "'%0' is %select{read|written}1 in %2 holding '%3' only as a reader lock, which "
               "does not exclude %4, which %select{reads|writes}5 it concurrently (data race); "
               "take '%3' exclusively (std::unique_lock) to write")
          << Name << Warn.What->Write << Here << nameOf(Readers.front().Mutex) << There
          << Other.What->Write << Warn.What->At->getSourceRange();
    } else {
      diag(At, "'%0' is %select{read|written}1 in %2 %select{without a lock|holding no lock in "
               "common with the other access}3, while %4 %select{reads|writes}5 it concurrently "
               "(data race); guard every access with one mutex (std::lock_guard) or make it "
               "std::atomic")
          << Name << Warn.What->Write << Here << !Warn.Locks.empty() << There << Other.What->Write
          << Warn.What->At->getSourceRange();
    }
    if (Other.What != Warn.What)
      diag(Other.What->At->getExprLoc(), "conflicting %select{read|write}0 of '%1' in %2",
           DiagnosticIDs::Note)
          << Other.What->Write << Name << There;
    if (Race.Guarded)
      diag(Race.Guarded->At->getExprLoc(), "'%0' is accessed holding '%1' here",
           DiagnosticIDs::Note)
          << Name << nameOf(Race.UsualLock->Mutex);
    llvm::SmallVector<unsigned, 2> Sites{Warn.Spawn};
    if (Other.Spawn != Warn.Spawn)
      Sites.push_back(Other.Spawn);
    for (unsigned I : Sites) {
      const asynclint::SpawnSite &Site = Spawns[I];
      if (!Site.Start)
        diag(Site.Entry->getLocation(), "%0 runs on several threads (ThreadEntryFunctions)",
             DiagnosticIDs::Note)
            << entryName(Site);
      else
        diag(Site.Start->getExprLoc(),
             "%0 starts on another thread here%select{|, more than once}1", DiagnosticIDs::Note)
            << entryName(Site) << Site.Multiple;
    }
  }
  Starts.clear();
  ConfiguredEntries.clear();
  Index->clearCache();
  Context = nullptr;
}

} // namespace clang::tidy::async
