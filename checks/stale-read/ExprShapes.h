//===--- ExprShapes.h - what an expression is, under its wrappers --------===//
#pragma once

namespace clang {
class Expr;
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

} // namespace asynclint
