//===--- StartContexts.cpp ------------------------------------------------===//
#include "shared-state/StartContexts.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclTemplate.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/SourceManager.h>

namespace asynclint {

using namespace clang;

namespace {

class ContextWalker : public RecursiveASTVisitor<ContextWalker> {
public:
  ContextWalker(const SourceManager &SM, const llvm::DenseSet<const Stmt *> &Starts,
                llvm::DenseMap<const Stmt *, StartContext> &Found)
      : SM(SM), Starts(Starts), Found(Found) {
    for (const Stmt *Start : Starts)
      StartPlaces.push_back(SM.getExpansionLoc(Start->getBeginLoc()));
    llvm::sort(StartPlaces, [&](SourceLocation A, SourceLocation B) {
      return SM.isBeforeInTranslationUnit(A, B);
    });
  }

  bool shouldVisitTemplateInstantiations() const { return true; }

  bool TraverseDecl(Decl *D) {
    if (!D)
      return true;
    if (!isa<TranslationUnitDecl>(D) &&
        (SM.isInSystemHeader(D->getLocation()) || !mayHoldStart(*D)))
      return true;
    const auto *Function = dyn_cast<FunctionDecl>(D);
    if (!Function || !Function->doesThisDeclarationHaveABody())
      return RecursiveASTVisitor::TraverseDecl(D);
    return inFunction(Function, [&] { return RecursiveASTVisitor::TraverseDecl(D); });
  }

  bool TraverseLambdaExpr(LambdaExpr *Lambda) {
    return inFunction(Lambda->getCallOperator(),
                      [&] { return RecursiveASTVisitor::TraverseLambdaExpr(Lambda); });
  }

  // A single-argument override makes the base recurse through it for every
  // child instead of its own work queue, so the ancestor stack stays exact.
  bool TraverseStmt(Stmt *S) {
    if (!S)
      return true;
    if (Starts.contains(S) && Function) {
      StartContext &Context = Found[S];
      Context.Spawner = Function;
      Context.Ancestors.assign(Ancestors.rbegin(), Ancestors.rend());
    }
    Ancestors.push_back(DynTypedNode::create(*S));
    bool Result = RecursiveASTVisitor::TraverseStmt(S);
    Ancestors.pop_back();
    return Result;
  }

  bool TraverseVarDecl(VarDecl *Var) {
    Ancestors.push_back(DynTypedNode::create(*Var));
    bool Result = RecursiveASTVisitor::TraverseVarDecl(Var);
    Ancestors.pop_back();
    return Result;
  }

private:
  /// A declaration whose source text holds no start need not be walked.
  /// An implicit instantiation's text is its pattern's, so the template's
  /// range covers the starts of its instantiations too.
  bool mayHoldStart(const Decl &D) const {
    if (isa<NamespaceDecl, LinkageSpecDecl, ExportDecl>(D))
      return true;
    // `template struct Box<int>;` is walked where it is written, and its
    // range is that line, not the template's text (an explicit
    // specialization's is its own text: entered too, at little cost).
    if (const auto *Class = dyn_cast<ClassTemplateSpecializationDecl>(&D);
        Class && Class->isExplicitInstantiationOrSpecialization())
      return true;
    if (const auto *Var = dyn_cast<VarTemplateSpecializationDecl>(&D);
        Var && Var->isExplicitInstantiationOrSpecialization())
      return true;
    SourceRange Range = D.getSourceRange();
    if (Range.isInvalid())
      return true;
    CharSourceRange Text = SM.getExpansionRange(Range);
    // The first start not before the declaration's first token.
    auto First = llvm::partition_point(StartPlaces, [&](SourceLocation Start) {
      return SM.isBeforeInTranslationUnit(Start, Text.getBegin());
    });
    return First != StartPlaces.end() && !SM.isBeforeInTranslationUnit(Text.getEnd(), *First);
  }

  template <typename Walk> bool inFunction(const FunctionDecl *Inner, Walk Traverse) {
    const FunctionDecl *Outer = Function;
    std::vector<DynTypedNode> Saved;
    Saved.swap(Ancestors);
    Function = Inner;
    bool Result = Traverse();
    Function = Outer;
    Ancestors.swap(Saved);
    return Result;
  }

  const SourceManager &SM;
  const llvm::DenseSet<const Stmt *> &Starts;
  llvm::DenseMap<const Stmt *, StartContext> &Found;
  /// Where each start is written (its macro's use for one in a macro),
  /// in translation-unit order.
  std::vector<SourceLocation> StartPlaces;
  const FunctionDecl *Function = nullptr;
  std::vector<DynTypedNode> Ancestors;
};

} // namespace

llvm::DenseMap<const Stmt *, StartContext>
findStartContexts(ASTContext &Context, const llvm::DenseSet<const Stmt *> &Starts) {
  llvm::DenseMap<const Stmt *, StartContext> Found;
  if (!Starts.empty())
    ContextWalker(Context.getSourceManager(), Starts, Found)
        .TraverseDecl(Context.getTranslationUnitDecl());
  return Found;
}

} // namespace asynclint
