//===--- MemberFunctions.h - what a member function does to its object ---===//
#pragma once

namespace clang {
class CXXMethodDecl;
} // namespace clang

namespace asynclint {

/// A non-const member with a const overload of the same arity is an
/// accessor (`front()`, `begin()`, `at()`, `find()`): calling it changes
/// nothing; what is done with the reference it returns decides.
bool isAccessor(const clang::CXXMethodDecl &Method);

} // namespace asynclint
