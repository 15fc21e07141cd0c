//===--- ExprShapes.h - what an expression is, under its wrappers --------===//
#pragma once

#include <utility>

namespace clang {
class CallExpr;
class Expr;
class FunctionDecl;
class QualType;
} // namespace clang

namespace asynclint {

/// Looks through what wraps a value: temporaries, conversions, copies and
/// moves, functional casts, std::move and std::forward.
const clang::Expr *unwrap(const clang::Expr *E);

/// Whether two expressions name the same object: the same variable, or the
/// same member of the same object.
bool sameObject(const clang::Expr *A, const clang::Expr *B);

/// `m[k] = v` on a map inserts: its operator[] has no const overload.
bool insertsThroughSubscript(const clang::Expr *Target);

bool isNonConstLValueReference(clang::QualType Type);

/// The object a call runs a member of (`obj.f()`, the left operand of a
/// member operator), and the index of the first argument that is a
/// parameter of \p Callee.
std::pair<const clang::Expr *, unsigned> objectOf(const clang::CallExpr &Call,
                                                  const clang::FunctionDecl &Callee);

} // namespace asynclint
