//===--- CatalogCheck.cpp -------------------------------------------------===//
#include "common/CatalogCheck.h"

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

} // namespace clang::tidy::async
