//===--- CorpusFile.h - an annotated corpus program ----------------------===//
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace asynclint::corpus {

struct ExpectedDiagnostic {
  unsigned Line = 0;
  std::string Check; // empty for a note
  std::string Text;  // must be contained in the message; may be empty
};

struct ReportedDiagnostic {
  unsigned Line = 0;
  std::string Severity; // "warning", "error", "note"
  std::string Check;    // empty for notes
  std::string Message;
};

/// The annotations of one corpus file (see test-corpus/README.md).
struct CorpusFile {
  std::filesystem::path Path;
  std::string Checks = "async-*";
  std::vector<std::string> ExtraArgs;
  std::string Config;
  bool ExpectCompileErrors = false;
  /// Texts that must each appear in a clang-tidy configuration diagnostic.
  std::vector<std::string> ConfigErrors;
  bool NoRun = false;
  std::vector<ExpectedDiagnostic> Warnings;
  std::vector<ExpectedDiagnostic> Notes;
  /// Check name -> number of `// ok:` negative cases.
  std::vector<std::pair<std::string, unsigned>> NegativeCases;

  static CorpusFile parse(const std::filesystem::path &Path);
};

/// Every corpus program (*.cpp) below \p Root, skipping include/, harness/
/// and programs/.
std::vector<std::filesystem::path> findCorpusFiles(const std::filesystem::path &Root);

/// Every folder of \p Root/programs: a project whose translation units (its
/// *.cpp files) are analysed together, as a whole program.
std::vector<std::filesystem::path> findCorpusPrograms(const std::filesystem::path &Root);

/// The compiler arguments every corpus file is analysed with.
std::vector<std::string> defaultCompileArgs(const std::filesystem::path &Root);

/// Parses clang-tidy's output, keeping diagnostics located in \p File.
std::vector<ReportedDiagnostic> parseClangTidyOutput(const std::string &Output,
                                                     const std::filesystem::path &File);

} // namespace asynclint::corpus
