//===--- UnitAnalyser.cpp -------------------------------------------------===//
#include "cache/UnitAnalyser.h"

#include "Catalog.h"
#include "wholeprogram/UnitAnalysis.h"

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/MemoryBuffer.h>

namespace asynclint::cache {

UnitAnalyser::UnitAnalyser(check::TidySettings SettingsIn, bool WholeProgram,
                           const std::string &CacheDir)
    : Settings(std::move(SettingsIn)), WholeProgram(WholeProgram) {
  if (!CacheDir.empty())
    Cache = std::make_unique<ResultCache>(CacheDir);
}

void UnitAnalyser::traceCatalogFiles(const check::Unit &U, TrackingFileSystem &FS) {
  clang::tidy::ClangTidyOptions Options =
      check::unitOptionsProvider(Settings, &FS)->getOptions(U.File);
  for (const auto &[Name, Value] : Options.CheckOptions) {
    if (!llvm::StringRef(Name).ends_with("CatalogFiles"))
      continue;
    for (const std::string &Path : catalog::splitList(Value.Value)) {
      std::string Absolute = check::absolutePath(Path);
      if (auto Buffer = llvm::MemoryBuffer::getFile(Absolute))
        FS.noteRead(Absolute, (*Buffer)->getBuffer());
      else
        (void)FS.status(Absolute); // recorded as missing
    }
  }
}

wholeprogram::UnitOutcome UnitAnalyser::analyse(const check::Unit &U) {
  if (!Cache)
    return wholeprogram::analyseUnit(U, Settings, WholeProgram);
  std::string Key = unitKey(U, Settings, WholeProgram);
  if (std::optional<wholeprogram::UnitOutcome> Known = Cache->lookup(Key)) {
    ++Reused;
    return std::move(*Known);
  }
  auto Tracking =
      llvm::makeIntrusiveRefCnt<TrackingFileSystem>(llvm::vfs::createPhysicalFileSystem());
  // A unit whose file is missing reads nothing else; its entry must still
  // miss once the file is there.
  (void)Tracking->status(U.File);
  wholeprogram::UnitOutcome Outcome =
      wholeprogram::analyseUnit(U, Settings, WholeProgram, Tracking);
  traceCatalogFiles(U, *Tracking);
  if (!Cache->store(Key, Tracking->take(), Outcome))
    StoreFailed = true;
  return Outcome;
}

} // namespace asynclint::cache
