//===--- UnitAnalyser.cpp -------------------------------------------------===//
#include "cache/UnitAnalyser.h"

#include "common/CatalogLoader.h"
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
  check::ConfigurationProblems Ignored; // the analysis reported them
  clang::tidy::ClangTidyOptions Options =
      check::makeOptionsProvider(Settings, Ignored, &FS)->getOptions(U.File);
  for (const auto &[Name, Value] : Options.CheckOptions) {
    llvm::StringRef Key(Name);
    if (!Key.ends_with(CatalogFilesOption))
      continue;
    // "check.CatalogFiles", or the global "CatalogFiles" (any check's name
    // finds where it is set).
    llvm::StringRef Check = Key.drop_back(CatalogFilesOption.size()).rtrim('.');
    CatalogFilesOrigin Origin = findCatalogFilesOrigin(
        Value.Value, Check.empty() ? "async-blocking-in-coroutine" : Check, U.File);
    for (const std::string &Path : listedFiles(Value.Value, Origin)) {
      if (auto Buffer = llvm::MemoryBuffer::getFile(Path))
        FS.noteRead(Path, (*Buffer)->getBuffer());
      else
        (void)FS.status(Path); // recorded as missing
    }
  }
}

check::UnitResult UnitAnalyser::analyse(const check::Unit &U) {
  if (!Cache)
    return wholeprogram::analyseUnit(U, Settings, WholeProgram);
  std::string Key = unitKey(U, Settings, WholeProgram);
  if (std::optional<wholeprogram::UnitOutcome> Known = Cache->lookup(Key)) {
    ++Reused;
    return std::move(Known->Result);
  }
  auto Tracking =
      llvm::makeIntrusiveRefCnt<TrackingFileSystem>(llvm::vfs::createPhysicalFileSystem());
  // A unit whose file is missing reads nothing else; its entry must still
  // miss once the file is there.
  (void)Tracking->status(U.File);
  check::UnitResult Result = wholeprogram::analyseUnit(U, Settings, WholeProgram, Tracking);
  // A configuration problem stops the run; the next run must meet it again.
  if (!Result.ConfigurationProblems.empty())
    return Result;
  traceCatalogFiles(U, *Tracking);
  if (!Cache->store(Key, Tracking->take(), {U.File, U.MayFailToCompile, Result}))
    StoreFailed = true;
  return Result;
}

} // namespace asynclint::cache
