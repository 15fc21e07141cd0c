//===--- ScratchProject.h - a throwaway project opened in an editor ------===//
#pragma once

#include "LspClient.h"

#include <CorpusFile.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace asynclint::lsp {

/// A temporary folder holding what a user's project gives clangd: sources,
/// a .clang-tidy and a compile_commands.json, and nothing else. Removed on
/// destruction.
class ScratchProject {
public:
  ScratchProject();
  ~ScratchProject();
  ScratchProject(const ScratchProject &) = delete;
  ScratchProject &operator=(const ScratchProject &) = delete;

  const std::filesystem::path &root() const { return Root; }
  /// Writes \p Text to \p Relative (folders created) and returns its path.
  std::filesystem::path write(const std::string &Relative, const std::string &Text);
  /// Sets the command of \p Source in compile_commands.json: \p Arguments,
  /// compiler first.
  void addCompileCommand(const std::string &Source, std::vector<std::string> Arguments);

  /// Starts asynclint-clangd (the one built, or \p Server) in the project.
  /// HOME and XDG_CONFIG_HOME point into the project, so no user
  /// configuration of clangd applies.
  std::unique_ptr<LspClient> startClangd(std::string Server = ASYNCLINT_CLANGD) const;

private:
  std::filesystem::path Root;
  std::vector<std::pair<std::string, std::vector<std::string>>> Commands;
};

/// The diagnostics of an LSP publishDiagnostics for \p File, as the corpus
/// harness compares them: errors and warnings (check: the code of clang-tidy
/// ones) located in \p File, and their related information located in it as
/// notes.
std::vector<corpus::ReportedDiagnostic> reportedDiagnostics(const json &Diagnostics,
                                                            const std::filesystem::path &File);

/// The async-* warnings among \p Diagnostics.
std::vector<json> asyncWarnings(const json &Diagnostics);

} // namespace asynclint::lsp
