//===--- QualifiedName.h - catalog-style names of declarations -----------===//
#pragma once

#include <string>

#include <llvm/ADT/ArrayRef.h>

namespace clang {
class CallExpr;
class Expr;
class NamedDecl;
class FunctionDecl;
class QualType;
class CXXRecordDecl;
} // namespace clang

namespace asynclint {

/// The fully qualified name of \p D as the catalog writes it: no template
/// arguments, no inline namespaces (`std::__cxx11`), transparent `extern "C"`
/// blocks. Declarations in anonymous namespaces, functions or lambdas get a
/// name no catalog entry can spell.
std::string qualifiedName(const clang::NamedDecl &D);

/// The class \p Type is or points to, looking through references, pointers
/// and typedefs; null for non-class types.
const clang::CXXRecordDecl *classOf(clang::QualType Type);

/// Like classOf, and through std::shared_ptr, std::unique_ptr and
/// std::weak_ptr too: executors are often held by shared_ptr
/// (concurrencpp's `runtime.thread_pool_executor()`).
const clang::CXXRecordDecl *handledClassOf(clang::QualType Type);

/// The arguments of \p Call as written, without the object of a member
/// operator call (`cpo(a, b)` calls `cpo.operator()(a, b)`: a, b).
llvm::ArrayRef<const clang::Expr *> callArguments(const clang::CallExpr &Call);

/// A name for messages: "'handle'", "lambda coroutine".
std::string describeFunction(const clang::FunctionDecl &F);

} // namespace asynclint
