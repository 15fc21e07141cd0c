//===--- CatalogCheck.cpp -------------------------------------------------===//
#include "common/CatalogCheck.h"
#include "common/SystemMainFile.h"

#include <clang/Lex/Preprocessor.h>

namespace clang::tidy::async {

CatalogCheck::CatalogCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      CatalogFiles(Options.getLocalOrGlobal(asynclint::CatalogFilesOption, "")),
      CheckName(Name.str()) {
  asynclint::LoadedCatalog Loaded = asynclint::loadCatalog(
      CatalogFiles,
      asynclint::findCatalogFilesOrigin(CatalogFiles, Name, Context->getCurrentFile()));
  Catalog = std::move(Loaded.Catalog);
  // Catalog problems name the file and the option already, and are the
  // same for every check that reads the catalog.
  Problems = std::move(Loaded.Errors);
}

void CatalogCheck::configurationProblem(StringRef Option, const std::string &Message) {
  Problems.push_back(CheckName + "." + Option.str() + ": " + Message);
}

void CatalogCheck::reportConfigurationProblems() {
  for (const std::string &Problem : Problems)
    configurationDiag("%0") << Problem;
  Problems.clear();
}

void CatalogCheck::storeCatalogOption(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, asynclint::CatalogFilesOption, CatalogFiles);
}

void CatalogCheck::registerPPCallbacks(const SourceManager &SM, Preprocessor *PP,
                                       Preprocessor *ModuleExpanderPP) {
  Sources = &SM;
  Preprocessing = PP;
  MainFileIsThirdParty.reset();
}

DiagnosticBuilder CatalogCheck::diag(SourceLocation Loc, StringRef Description,
                                     DiagnosticIDs::Level Level) {
  // Decided at the first report: the main file is not known yet when the
  // preprocessor callbacks are registered.
  if (!MainFileIsThirdParty)
    MainFileIsThirdParty =
        Sources && Preprocessing &&
        asynclint::isMainFileInSystemDirectory(*Sources, Preprocessing->getHeaderSearchInfo());
  return ClangTidyCheck::diag(Loc, Description,
                              *MainFileIsThirdParty ? DiagnosticIDs::Ignored : Level);
}

} // namespace clang::tidy::async
