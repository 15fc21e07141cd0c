//===--- CallSites.h - the calls a function body makes when it runs ------===//
#pragma once

#include <llvm/ADT/SmallVector.h>

namespace clang {
class CXXRecordDecl;
class Expr;
class FunctionDecl;
class Stmt;
} // namespace clang

namespace asynclint {

/// One call or construction evaluated by a function body.
struct CallSite {
  /// The CallExpr (any kind) or CXXConstructExpr.
  const clang::Expr *Call = nullptr;
  const clang::FunctionDecl *Callee = nullptr;
  /// For a member call, the class of the object it is called on (which may
  /// derive from the callee's class); for a construction, the class built.
  const clang::CXXRecordDecl *ObjectClass = nullptr;
};

/// The calls \p Body evaluates on the thread that runs it, in source order.
/// Left out: the bodies of lambdas (they run where they are passed, unless
/// called in place, which is itself a call site), local classes, and
/// unevaluated operands (sizeof, decltype, noexcept, requires, typeid of a
/// non-polymorphic operand). Calls whose callee is not known (dependent,
/// through a pointer) are left out too.
llvm::SmallVector<CallSite, 16> collectCallSites(const clang::Stmt &Body);

} // namespace asynclint
