//===--- SystemMainFile.h - is the file being analysed third-party code? --===//
#pragma once

#include <clang/Basic/SourceManager.h>
#include <clang/Lex/HeaderSearch.h>

namespace asynclint {

/// Whether the main file of the translation unit lies in a system include
/// directory of its compilation (-isystem, the compiler's and the platform's
/// headers). It does when an editor's clangd opens a library header on its
/// own (go to definition into Asio, a -isystem third-party folder): such code
/// is not the user's, and findings located in it are never shown when it is
/// included either.
bool isMainFileInSystemDirectory(const clang::SourceManager &Sources,
                                 const clang::HeaderSearch &Headers);

} // namespace asynclint
