//===--- CheapMatchers.h - matchers for the nodes every unit has many of --===//
#pragma once

#include <clang/AST/DeclCXX.h>
#include <clang/AST/ExprCXX.h>
#include <clang/ASTMatchers/ASTMatchers.h>
#include <llvm/ADT/ArrayRef.h>
#include <llvm/ADT/StringSet.h>

#include <memory>
#include <string>

/// Matchers run on every call, construction and function of the translation
/// unit, the standard library's thousands included. Nested matchers
/// (`callee(functionDecl(hasAnyName(...)))`) pay the matcher machinery at
/// every level of every node, and `callee` builds a new matcher on each call;
/// these do the same test in one step, and settle the usual "not one of
/// ours" by comparing one identifier.
namespace asynclint::matchers {

/// `hasAnyName(Names)`, with a quick first look at the declaration's own
/// identifier: a name like `::std::thread` can only match a declaration
/// called `thread`. What passes is judged by hasAnyName itself, so the
/// result is always hasAnyName's.
class NameSet {
public:
  /// \p Names must not be empty (as for hasAnyName).
  explicit NameSet(llvm::ArrayRef<std::string> Names);

  bool matches(const clang::NamedDecl &Decl, clang::ast_matchers::internal::ASTMatchFinder *Finder,
               clang::ast_matchers::internal::BoundNodesTreeBuilder *Builder) const;

private:
  /// The last component of every name.
  llvm::StringSet<> LastComponents;
  clang::ast_matchers::internal::Matcher<clang::NamedDecl> Full;
};

using NameSetRef = std::shared_ptr<const NameSet>;

inline NameSetRef nameSet(llvm::ArrayRef<std::string> Names) {
  return std::make_shared<const NameSet>(Names);
}

/// `unless(isExpansionInSystemHeader())`.
inline bool outsideSystemHeaders(const clang::SourceManager &SM, clang::SourceLocation Begin) {
  clang::SourceLocation Expansion = SM.getExpansionLoc(Begin);
  return Expansion.isInvalid() || !SM.isInSystemHeader(Expansion);
}

inline bool callsAnyOf(const clang::CallExpr &Call, const NameSet &Names,
                       clang::ast_matchers::internal::ASTMatchFinder *Finder,
                       clang::ast_matchers::internal::BoundNodesTreeBuilder *Builder) {
  const auto *Callee = llvm::dyn_cast_or_null<clang::FunctionDecl>(Call.getCalleeDecl());
  return Callee && Names.matches(*Callee, Finder, Builder);
}

/// `callee(functionDecl(hasAnyName(Names)))`.
AST_MATCHER_P(clang::CallExpr, callsAnyOf, NameSetRef, Names) {
  return callsAnyOf(Node, *Names, Finder, Builder);
}

/// `callee(functionDecl(hasAnyName(Names))), unless(isExpansionInSystemHeader())`.
AST_MATCHER_P(clang::CallExpr, userCodeCallsAnyOf, NameSetRef, Names) {
  return callsAnyOf(Node, *Names, Finder, Builder) &&
         outsideSystemHeaders(Finder->getASTContext().getSourceManager(), Node.getBeginLoc());
}

/// `hasDeclaration(cxxConstructorDecl(ofClass(cxxRecordDecl(hasAnyName(Names))))),
/// unless(isExpansionInSystemHeader())`.
AST_MATCHER_P(clang::CXXConstructExpr, userCodeConstructsAnyOf, NameSetRef, Names) {
  const clang::CXXConstructorDecl *Constructor = Node.getConstructor();
  return Constructor && Constructor->getParent() &&
         Names->matches(*Constructor->getParent(), Finder, Builder) &&
         outsideSystemHeaders(Finder->getASTContext().getSourceManager(), Node.getBeginLoc());
}

/// `isDefinition(), unless(isImplicit()), unless(isExpansionInSystemHeader())`.
AST_MATCHER(clang::FunctionDecl, isExplicitDefinitionOutsideSystemHeaders) {
  return Node.isThisDeclarationADefinition() && !Node.isImplicit() &&
         outsideSystemHeaders(Finder->getASTContext().getSourceManager(), Node.getBeginLoc());
}

/// `isDefinition(), unless(isLambda()), unless(isExpansionInSystemHeader()),
/// has(fieldDecl())`: a class of the user's that has data members.
AST_MATCHER(clang::CXXRecordDecl, isUserClassWithFields) {
  return Node.isThisDeclarationADefinition() && !Node.isLambda() && !Node.field_empty() &&
         outsideSystemHeaders(Finder->getASTContext().getSourceManager(), Node.getBeginLoc());
}

} // namespace asynclint::matchers
