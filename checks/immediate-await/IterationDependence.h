//===--- IterationDependence.h - could a loop's iterations overlap? ------===//
#pragma once

#include "immediate-await/StatementWork.h"

namespace clang {
class ASTContext;
class Stmt;
} // namespace clang

namespace asynclint {

/// Whether the iterations of \p Loop could overlap if the start awaited in
/// each of them ran concurrently: no iteration's start reads (\p Inputs,
/// following the initializers of the body's own variables) what the body
/// changes or what other code may change (mutable fields, globals,
/// references to non-const, `this`); the loop does not stop on a result
/// (break, return, goto, throw), does not run forever or just once, does not
/// suspend elsewhere (pacing), and its condition does not depend on what the
/// body changes. Passing a variable to the \p Spawn call itself reads it: a
/// spawn copies its arguments.
bool iterationsIndependent(const clang::Stmt &Loop, const References &Inputs,
                           clang::ASTContext &Context, const clang::Stmt *Spawn = nullptr);

} // namespace asynclint
