//===--- SpawnIndex.cpp ---------------------------------------------------===//
#include "immediate-await/SpawnIndex.h"
#include "common/QualifiedName.h"

#include <clang/AST/Decl.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <llvm/ADT/STLExtras.h>

namespace asynclint {

using namespace clang;

namespace {

CallSite callSiteOf(const CallExpr &Call) {
  CallSite Site{&Call, Call.getDirectCallee(), nullptr};
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call)) {
    if (const Expr *Object = Member->getImplicitObjectArgument())
      Site.ObjectClass = classOf(Object->IgnoreParenImpCasts()->getType());
  }
  return Site;
}

} // namespace

SpawnIndex::SpawnIndex(std::shared_ptr<const catalog::Catalog> TheCatalog,
                       const std::vector<std::string> &ExtraSpawnFunctions, bool RecognizeShapes)
    : Catalog(std::move(TheCatalog)), Library(*Catalog) {
  if (RecognizeShapes)
    Shapes = std::make_unique<SpawnShapes>(*this);
  const catalog::SpawnKnowledge &Spawn = Catalog->Spawn;
  for (const catalog::SpawnFunction &Function : Spawn.Functions)
    for (const std::string &Spelling : Catalog->spellingsOf(Function.Name))
      Spawns.try_emplace(Spelling, &Function);
  for (const std::string &Name : ExtraSpawnFunctions) {
    UserSpawns.push_back(std::make_unique<catalog::SpawnFunction>());
    UserSpawns.back()->Name = Name;
    for (const std::string &Spelling : Catalog->spellingsOf(Name))
      Spawns.insert_or_assign(Spelling, UserSpawns.back().get());
  }
  for (const catalog::ThreadClass &Thread : Spawn.Threads)
    for (const std::string &Spelling : Catalog->spellingsOf(Thread.Name))
      Threads.try_emplace(Spelling, &Thread);
  addNames(Waits, Spawn.WaitFunctions);
  addNames(Outputs, Spawn.OutputFunctions);
  addNames(Combinators, Spawn.Combinators);
  addNames(ExecutorTypes, Spawn.ExecutorTypes);
  addNames(InlineExecutorTypes, Spawn.InlineExecutorTypes);
  for (const catalog::CoroutineLibrary &Library : Catalog->CoroutineLibraries)
    addNames(TaskTypes, Library.ReturnTypes);
}

void SpawnIndex::addNames(llvm::StringSet<> &Set, const std::vector<std::string> &List) const {
  for (const std::string &Name : List)
    for (const std::string &Spelling : Catalog->spellingsOf(Name))
      Set.insert(Spelling);
}

bool SpawnIndex::inList(const llvm::StringSet<> &Set, const CallExpr &Call) const {
  return anyCalleeName(callSiteOf(Call), Names,
                       [&](const std::string &Candidate) { return Set.contains(Candidate); });
}

const catalog::SpawnFunction *SpawnIndex::spawnOf(const CallExpr &Call) const {
  std::string Matched;
  if (const auto *Entry = lookupCallee(Spawns, callSiteOf(Call), Names, Matched))
    return callArguments(Call).size() < (*Entry)->MinArgs || runsInline(Call) ? nullptr : *Entry;
  const FunctionDecl *Callee = Call.getDirectCallee();
  return Shapes && Callee ? Shapes->spawnOf(*Callee) : nullptr;
}

const std::string *SpawnIndex::shapeReason(const catalog::SpawnFunction &Spawn) const {
  return Shapes ? Shapes->reasonFor(Spawn) : nullptr;
}

const FunctionDecl *SpawnIndex::shapeFunction(const catalog::SpawnFunction &Spawn) const {
  return Shapes ? Shapes->functionOf(Spawn) : nullptr;
}

const catalog::ThreadClass *SpawnIndex::threadOf(const CXXConstructExpr &Construct) const {
  const CXXConstructorDecl *Constructor = Construct.getConstructor();
  // A moved-in thread starts nothing; a default-constructed one has no thread.
  if (!Constructor || Constructor->isCopyOrMoveConstructor() || Construct.getNumArgs() == 0)
    return nullptr;
  auto It = Threads.find(Names.nameOf(*Constructor->getParent()));
  return It == Threads.end() ? nullptr : It->second;
}

bool SpawnIndex::isWait(const CallExpr &Call) const {
  return isa<CXXMemberCallExpr>(Call) && inList(Waits, Call);
}

bool SpawnIndex::isOutput(const CallExpr &Call) const { return inList(Outputs, Call); }

bool SpawnIndex::isCombinator(const FunctionDecl &Function) const {
  return Combinators.contains(Names.nameOf(Function));
}

bool SpawnIndex::isExecutorArgument(const Expr &Arg) const {
  const CXXRecordDecl *Class = handledClassOf(Arg.getType());
  return Class && isExecutorType(*Class);
}

bool SpawnIndex::runsInline(const CallExpr &Call) const {
  if (InlineExecutorTypes.empty())
    return false;
  auto IsInline = [&](const Expr &E) {
    const CXXRecordDecl *Class = handledClassOf(E.IgnoreParenImpCasts()->getType());
    return Class && InlineExecutorTypes.contains(Names.nameOf(*Class));
  };
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(&Call))
    if (const Expr *Object = Member->getImplicitObjectArgument(); Object && IsInline(*Object))
      return true;
  return llvm::any_of(callArguments(Call), [&](const Expr *Arg) { return IsInline(*Arg); });
}

bool SpawnIndex::isExecutorType(const CXXRecordDecl &Class) const {
  return ExecutorTypes.contains(Names.nameOf(Class));
}

bool SpawnIndex::isLazyTaskCall(const CallExpr &Call) const {
  const FunctionDecl *Callee = Call.getDirectCallee();
  const CXXRecordDecl *Result = classOf(Call.getType());
  if (!Callee || !Result || !TaskTypes.contains(Names.nameOf(*Result)))
    return false;
  return !isCombinator(*Callee) && !spawnOf(Call) && !Library.inLibraryNamespace(*Callee);
}

bool SpawnIndex::neverRunsIfDiscarded(const CallExpr &Spawn,
                                      const catalog::SpawnFunction &Entry) const {
  if (Entry.NeverRunsIfDiscardedWith.empty() || Spawn.getNumArgs() == 0)
    return false;
  const auto *Ref = dyn_cast<DeclRefExpr>(Spawn.getArg(0)->IgnoreParenImpCasts());
  const auto *Constant = Ref ? dyn_cast<EnumConstantDecl>(Ref->getDecl()) : nullptr;
  if (!Constant)
    return false;
  const auto *Enum = cast<EnumDecl>(Constant->getDeclContext());
  std::string Name = Names.nameOf(*Enum) + "::" + Constant->getName().str();
  for (const std::string &Spelling : Catalog->spellingsOf(Entry.NeverRunsIfDiscardedWith))
    if (Spelling == Name)
      return true;
  return false;
}

const std::string &SpawnIndex::advice(const std::string &Library) const {
  return catalog::SpawnKnowledge::adviceFor(Catalog->Spawn.Advice, Library);
}

const std::string &SpawnIndex::loopAdvice(const std::string &Library) const {
  return catalog::SpawnKnowledge::adviceFor(Catalog->Spawn.LoopAdvice, Library);
}

} // namespace asynclint
