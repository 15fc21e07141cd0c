//===--- QualifiedName.h - catalog-style names of declarations -----------===//
#pragma once

#include <string>

namespace clang {
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

/// A name for messages: "'handle'", "lambda coroutine".
std::string describeFunction(const clang::FunctionDecl &F);

} // namespace asynclint
