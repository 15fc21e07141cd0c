//===--- AwaitedOrigin.h - which awaited call an object was taken from ---===//
#pragma once

namespace clang {
class Expr;
class FunctionDecl;
} // namespace clang

namespace asynclint {

/// The function whose call was awaited to produce \p Object, followed through
/// the local variables, structured bindings and range-for loops of the same
/// function and through element access (`std::get`, `[]`, `at`, `front`,
/// `back`, iterators, fields, `std::move`): in
/// `auto all = co_await when_all(ex, a(), b()); std::get<0>(all).get();` the
/// object of `get` comes from `when_all`. Null when it does not come from an
/// awaited call this way.
const clang::FunctionDecl *awaitedOriginOf(const clang::Expr &Object);

} // namespace asynclint
