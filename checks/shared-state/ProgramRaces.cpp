//===--- ProgramRaces.cpp -------------------------------------------------===//
#include "shared-state/ProgramRaces.h"
#include "common/AstFacts.h"
#include "common/CatalogCheck.h"
#include "common/FactChannel.h"
#include "common/FactFiles.h"

#include <clang/Basic/SourceManager.h>

namespace asynclint {

ProgramRaces::ProgramRaces(llvm::StringRef FactFiles, llvm::StringRef CheckName,
                           llvm::StringRef CurrentFile)
    : FactFiles(FactFiles.str()) {
  if (!FactFiles.empty())
    Origin = findCatalogFilesOrigin(FactFiles, CheckName, CurrentFile, facts::FactFilesOption);
}

std::vector<std::string> ProgramRaces::load() {
  if (facts::currentSink())
    return {};
  facts::LoadedFacts Loaded = facts::loadFactFiles(FactFiles, Origin);
  Program = std::move(Loaded.Facts);
  return Loaded.Errors;
}

void ProgramRaces::report(clang::tidy::async::CatalogCheck &Check, clang::SourceManager &SM) const {
  if (!any())
    return;
  std::string Main = facts::mainFileOf(SM);
  for (const facts::ProgramRace &Race : Program->Races) {
    if (Race.At.File != Main)
      continue;
    clang::SourceLocation At = facts::locationOf(SM, Race.At);
    if (At.isInvalid())
      continue;
    Check.diag(At, "%0") << Race.Message;
    for (const auto &[Where, Message] : Race.Notes)
      if (clang::SourceLocation Note = facts::locationOf(SM, Where); Note.isValid())
        Check.diag(Note, "%0", clang::DiagnosticIDs::Note) << Message;
  }
}

} // namespace asynclint
