//===--- StartContexts.h - where in its function each thread start sits --===//
#pragma once

#include <clang/AST/ASTTypeTraits.h>
#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/DenseSet.h>

#include <vector>

namespace clang {
class ASTContext;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace asynclint {

/// The function a thread start is written in and the nodes between the two.
struct StartContext {
  /// A lambda's call operator for a start inside a lambda.
  const clang::FunctionDecl *Spawner = nullptr;
  /// Innermost first, up to the function body: statements, and the
  /// variable whose initializer holds the start.
  std::vector<clang::DynTypedNode> Ancestors;
};

/// One walk over the user code of the translation unit that records the
/// context of each statement in \p Starts. It enters only the declarations
/// whose source text holds a start (system headers never): cheaper than the
/// AST's parent map, which would index every header.
llvm::DenseMap<const clang::Stmt *, StartContext>
findStartContexts(clang::ASTContext &Context, const llvm::DenseSet<const clang::Stmt *> &Starts);

} // namespace asynclint
