//===--- CatalogCheck.h - the base of the async-* checks -----------------===//
#pragma once

#include "common/CatalogLoader.h"

#include <nlohmann/json.hpp>

#include <clang-tidy/ClangTidyCheck.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::async {

/// Loads the catalog a check runs with (the built-in one and the files of the
/// CatalogFiles option) and reports configuration problems when matchers are
/// registered, not while the check is constructed: clang-tidy 16 builds
/// checks for --dump-config with no diagnostics engine, and a diagnostic
/// from a constructor crashes it.
class CatalogCheck : public ClangTidyCheck {
public:
  /// ClangTidyCheck::diag, but a translation unit whose main file is a
  /// system or third-party header (asynclint::isMainFileInSystemDirectory:
  /// clangd opened a library header alone) reports nothing: the diagnostic
  /// and its notes are created ignored. Public, as ClangTidyCheck's, for the
  /// helpers that word a check's findings.
  DiagnosticBuilder diag(SourceLocation Loc, StringRef Description,
                         DiagnosticIDs::Level Level = DiagnosticIDs::Warning);
  /// Attaches \p Properties (names, as data) to the diagnostic this check
  /// reports at \p Loc, when the asynclint tool listens (FactChannel.h).
  void recordFindingFacts(const SourceManager &SM, SourceLocation Loc,
                          nlohmann::json Properties) const;

protected:
  CatalogCheck(StringRef Name, ClangTidyContext *Context);

  /// Remembers a problem with the value of the check's option \p Option,
  /// reported later as "CHECK.OPTION: MESSAGE" (the asynclint tool adds the
  /// file that sets the option).
  void configurationProblem(StringRef Option, const std::string &Message);
  /// Reports the remembered problems; call first in registerMatchers().
  void reportConfigurationProblems();
  void storeCatalogOption(ClangTidyOptions::OptionMap &Opts);
  /// Remembers the header search of the translation unit; a check that
  /// overrides this calls it too.
  void registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                           Preprocessor *ModuleExpanderPP) override;
  const StringRef CatalogFiles;
  std::shared_ptr<const asynclint::catalog::Catalog> Catalog;

private:
  const std::string CheckName;
  std::vector<std::string> Problems;
  const SourceManager *Sources = nullptr;
  const Preprocessor *Preprocessing = nullptr;
  std::optional<bool> MainFileIsThirdParty;
};

} // namespace clang::tidy::async
