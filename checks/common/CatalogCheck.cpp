//===--- CatalogCheck.cpp -------------------------------------------------===//
#include "common/CatalogCheck.h"
#include "common/FactChannel.h"

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

void CatalogCheck::recordFindingFacts(const SourceManager &SM, SourceLocation Loc,
                                      nlohmann::json Properties) const {
  if (asynclint::facts::FactSink *Sink = asynclint::facts::currentSink())
    Sink->finding(CheckName, SM, Loc, std::move(Properties));
}

} // namespace clang::tidy::async
