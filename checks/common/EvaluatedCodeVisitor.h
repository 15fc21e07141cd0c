//===--- EvaluatedCodeVisitor.h - the code a body evaluates when it runs --===//
//
// Every analysis asks the same first question of a function body: which of
// its statements run, here, on the thread that runs the body? Not the bodies
// of lambdas (they run wherever the closure is passed, unless called in
// place, which is itself a call), not local classes, not unevaluated operands
// (sizeof, alignof, decltype, typeof, noexcept, requires, concept checks,
// typeid of a non-polymorphic operand). This base answers it once; an
// analysis derives from it (CRTP) and adds its Visit* methods.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <clang/AST/ExprCXX.h>
#include <clang/AST/ExprConcepts.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Basic/Version.h>

namespace asynclint {

template <typename Derived>
class EvaluatedCodeVisitor : public clang::RecursiveASTVisitor<Derived> {
  using Base = clang::RecursiveASTVisitor<Derived>;

public:
  /// Whether a lambda's capture initialisers count as evaluated here (they
  /// are: a by-copy capture reads its variable when the closure is built).
  /// An analysis that treats the closure as a function of its own, captures
  /// included, returns false.
  bool shouldTraverseLambdaCaptures() const { return true; }

  bool TraverseLambdaExpr(clang::LambdaExpr *Lambda) {
    if (!derived().shouldTraverseLambdaCaptures())
      return true;
    for (clang::Expr *Init : Lambda->capture_inits())
      if (Init && !derived().TraverseStmt(Init))
        return false;
    return true;
  }
  bool TraverseCXXRecordDecl(clang::CXXRecordDecl *) { return true; }
  bool TraverseUnaryExprOrTypeTraitExpr(clang::UnaryExprOrTypeTraitExpr *) { return true; }
  bool TraverseCXXNoexceptExpr(clang::CXXNoexceptExpr *) { return true; }
  bool TraverseRequiresExpr(clang::RequiresExpr *) { return true; }
  bool TraverseConceptSpecializationExpr(clang::ConceptSpecializationExpr *) { return true; }
  bool TraverseCXXTypeidExpr(clang::CXXTypeidExpr *Typeid) {
    if (Typeid->isPotentiallyEvaluated())
      return Base::TraverseCXXTypeidExpr(Typeid);
    return true;
  }

  // LLVM 22 gave the TypeLoc traversals a second parameter (whether to
  // traverse the qualifier); the overrides must match the base's signature
  // or they silently stop overriding (or, for a call with two arguments,
  // fail to compile).
#if CLANG_VERSION_MAJOR >= 22
  bool TraverseDecltypeTypeLoc(clang::DecltypeTypeLoc, bool = true) { return true; }
  bool TraverseTypeOfExprTypeLoc(clang::TypeOfExprTypeLoc, bool = true) { return true; }
#else
  bool TraverseDecltypeTypeLoc(clang::DecltypeTypeLoc) { return true; }
  bool TraverseTypeOfExprTypeLoc(clang::TypeOfExprTypeLoc) { return true; }
#endif

private:
  Derived &derived() { return *static_cast<Derived *>(this); }
};

} // namespace asynclint
