//===--- AwaitedCalls.h - calls a coroutine awaits, and calls it drops ---===//
//
// A pool switch moves a coroutine only when its result is awaited:
// `co_await concurrencpp::resume_on(pool)` moves the rest of the body onto
// the pool, while `concurrencpp::resume_on(pool);` builds an awaitable and
// throws it away, moving nothing (a real bug in one of the library's own
// examples). This sorts the calls of a coroutine body by what happens to
// their result.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <llvm/ADT/SmallPtrSet.h>
#include <llvm/ADT/SmallVector.h>

namespace clang {
class CallExpr;
class Expr;
class Stmt;
} // namespace clang

namespace asynclint {

struct AwaitedCalls {
  /// Calls that are the operand of a co_await.
  llvm::SmallPtrSet<const clang::Expr *, 8> Awaited;
  /// Calls that are a whole expression statement: their result is dropped.
  llvm::SmallVector<const clang::CallExpr *, 4> Discarded;
};

/// The awaited and the discarded calls \p Body evaluates (lambda bodies and
/// unevaluated operands left out, as everywhere).
AwaitedCalls findAwaitedCalls(const clang::Stmt &Body);

} // namespace asynclint
