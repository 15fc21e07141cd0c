//===--- UserCode.h - the functions of the program being checked --------===//
#pragma once

namespace clang {
class FunctionDecl;
class SourceManager;
} // namespace clang

namespace asynclint {

/// The definition a call of \p Callee runs, if the program itself defines it
/// (not a system header); analyses follow calls into these only.
const clang::FunctionDecl *userDefinition(const clang::FunctionDecl &Callee,
                                          const clang::SourceManager &SM);

} // namespace asynclint
