//===--- StatementWork.h - what a statement does, for start/wait pairs ---===//
//
// "No other work between a start and its wait" is defined here, once:
//
// - a *work node* is an evaluated call (other than std::move, std::forward,
//   std::as_const and builtins), a construction by a non-trivial
//   constructor, new, delete, throw, co_await, co_yield, a GNU statement
//   expression, or a dependent construct whose meaning is not known yet;
// - an *idle statement* is `;`, or a declaration or expression statement
//   that evaluates no work node (`int n = 0;`, `x = y * 2;`);
// - a wait is the *first work* of a statement when every work node of the
//   statement that is not inside the wait encloses it (it consumes the
//   waited result: `use(f.get())`), so nothing else runs before the wait.
//
// Lambda bodies are not evaluated where the lambda is written (only its
// captures are), and neither are unevaluated operands (sizeof, decltype...).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <llvm/ADT/SmallPtrSet.h>
#include <llvm/ADT/SmallVector.h>

namespace clang {
class Stmt;
class ValueDecl;
} // namespace clang

namespace asynclint {

bool isWorkNode(const clang::Stmt &S);

/// `;`, or a declaration or expression statement that evaluates no work node.
bool isIdleStatement(const clang::Stmt &S);

/// Where \p Target sits in the statement \p S.
struct TargetPosition {
  bool Found = false;
  /// Some work node of S neither is inside Target nor encloses it.
  bool OtherWork = false;
  /// The work nodes that enclose Target (they run after it), innermost first.
  llvm::SmallVector<const clang::Stmt *, 4> Enclosing;
};
TargetPosition locateTarget(const clang::Stmt &S, const clang::Stmt &Target);

/// The declarations \p S refers to when evaluated: variables, bindings,
/// parameters, and the fields of `this` it names; the variables it declares
/// too. The subtree \p Skip is left out. Sets \p UsesThis when `this` is used
/// other than to name a field.
struct References {
  llvm::SmallPtrSet<const clang::ValueDecl *, 8> Decls;
  bool UsesThis = false;
};
void collectReferences(const clang::Stmt &S, References &Out, const clang::Stmt *Skip = nullptr);

/// The children of \p S evaluated when S is: a lambda's captures but not
/// its body, a co_await's operand, variable initializers; none for
/// unevaluated operands.
llvm::SmallVector<const clang::Stmt *, 4> evaluatedChildren(const clang::Stmt &S);

/// Whether \p Body may change \p D through its name: every use must be a
/// read (a load, a copy, a const member call, an argument bound to a value
/// or a reference to const); anything else counts as a change. A cheap,
/// conservative stand-in for clang's ExprMutationAnalyzer, which builds the
/// whole translation unit's parent map.
/// \p CopiedArguments, if given, is a call that copies its arguments (a
/// spawn: the work runs later, on its own copies), so passing D to it reads D.
bool mayChange(const clang::ValueDecl &D, const clang::Stmt &Body,
               const clang::Stmt *CopiedArguments = nullptr);

/// Every evaluated node of \p S satisfying \p Pred, in evaluation-tree order.
template <typename Pred>
void collectNodes(const clang::Stmt &S, Pred &&P, llvm::SmallVectorImpl<const clang::Stmt *> &Out) {
  if (P(S))
    Out.push_back(&S);
  for (const clang::Stmt *Child : evaluatedChildren(S))
    collectNodes(*Child, P, Out);
}

/// True for variables a result can be written to without leaving the
/// function: automatic, non-reference, non-pointer locals and their bindings.
bool isPlainLocal(const clang::ValueDecl &D);

} // namespace asynclint
