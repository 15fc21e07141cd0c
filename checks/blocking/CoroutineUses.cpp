//===--- CoroutineUses.cpp ------------------------------------------------===//
#include "blocking/CoroutineUses.h"
#include "blocking/BlockingCallIndex.h"
#include "blocking/OffLoopCoroutines.h"
#include "common/CatalogNames.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/AST/StmtCXX.h>
#include <clang/Basic/SourceManager.h>
#include <llvm/ADT/StringSet.h>

namespace asynclint {

using namespace clang;

bool hasCoroutineBody(const FunctionDecl &Function) {
  const FunctionDecl *Definition = Function.getDefinition();
  return Definition && isa_and_nonnull<CoroutineBodyStmt>(Definition->getBody());
}

namespace {

/// The nodes the AST matchers would meet: implicit code (a co_await's
/// operand is also inside its implicit await expressions, counted once by
/// OffLoopCoroutines) and template instantiations included.
class UseWalker : public RecursiveASTVisitor<UseWalker> {
public:
  UseWalker(const SourceManager &SM, OffLoopCoroutines &OffLoop,
            const BlockingCallIndex *DeclaredOnly, const std::vector<std::string> &Spawns)
      : SM(SM), OffLoop(OffLoop), DeclaredOnly(DeclaredOnly) {
    for (const std::string &Name : Spawns)
      SpawnNames.insert(Name);
  }

  bool shouldVisitTemplateInstantiations() const { return true; }
  bool shouldVisitImplicitCode() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (D && !isa<TranslationUnitDecl>(D) && SM.isInSystemHeader(D->getLocation()))
      return true;
    return RecursiveASTVisitor::TraverseDecl(D);
  }

  bool VisitCallExpr(CallExpr *Call) {
    if (isSpawnNamed(*Call))
      OffLoop.noteSpawnCall(*Call);
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *Ref) {
    if (const auto *Function = dyn_cast<FunctionDecl>(Ref->getDecl());
        Function && counts(*Function))
      OffLoop.noteUse(*Ref, *Function);
    return true;
  }

  bool VisitMemberExpr(MemberExpr *Member) {
    if (const auto *Function = dyn_cast<FunctionDecl>(Member->getMemberDecl());
        Function && counts(*Function))
      OffLoop.noteUse(*Member, *Function);
    return true;
  }

private:
  /// Named like a spawn call (noteSpawnCall compares the qualified name):
  /// the callee, or a customization point object called through its
  /// operator() (`stdexec::starts_on(pool, task())`).
  bool isSpawnNamed(const CallExpr &Call) const {
    if (const auto *Callee = dyn_cast_or_null<FunctionDecl>(Call.getCalleeDecl());
        Callee && Callee->getIdentifier() && SpawnNames.contains(Callee->getName()))
      return true;
    const VarDecl *Object = customizationPointObject(&Call);
    return Object && Object->getIdentifier() && SpawnNames.contains(Object->getName());
  }

  bool counts(const FunctionDecl &Function) const {
    if (hasCoroutineBody(Function))
      return true;
    return DeclaredOnly && !DeclaredOnly->coroutineLibrary(Function).empty();
  }

  const SourceManager &SM;
  OffLoopCoroutines &OffLoop;
  const BlockingCallIndex *DeclaredOnly;
  llvm::StringSet<> SpawnNames;
};

} // namespace

void noteCoroutineUses(ASTContext &Context, OffLoopCoroutines &OffLoop,
                       const BlockingCallIndex *DeclaredOnly) {
  // Without spawn calls in the catalog nothing is started on a pool, and
  // nothing is counted.
  std::vector<std::string> Spawns = OffLoop.spawnCallNames();
  if (Spawns.empty())
    return;
  UseWalker(Context.getSourceManager(), OffLoop, DeclaredOnly, Spawns)
      .TraverseDecl(Context.getTranslationUnitDecl());
}

} // namespace asynclint
