//===--- FactFiles.cpp ----------------------------------------------------===//
#include "common/FactFiles.h"

#include <iterator>

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>

namespace asynclint::facts {

namespace {

struct CachedFacts {
  /// The files' modification times when they were read.
  std::vector<std::filesystem::file_time_type> Stamps;
  LoadedFacts Loaded;
};

std::vector<std::filesystem::file_time_type> stampsOf(const std::vector<std::string> &Paths) {
  std::vector<std::filesystem::file_time_type> Stamps;
  for (const std::string &Path : Paths) {
    std::error_code Error;
    Stamps.push_back(std::filesystem::last_write_time(Path, Error));
  }
  return Stamps;
}

void mergeInto(ProgramFacts &All, ProgramFacts &&One) {
  All.Functions.merge(One.Functions);
  All.Blocking.merge(One.Blocking);
  All.OffLoop.merge(One.OffLoop);
  All.SharedState.merge(One.SharedState);
  All.Races.insert(All.Races.end(), std::make_move_iterator(One.Races.begin()),
                   std::make_move_iterator(One.Races.end()));
}

LoadedFacts readAll(const std::vector<std::string> &Paths) {
  LoadedFacts Result;
  auto Merged = std::make_shared<ProgramFacts>();
  for (const std::string &Path : Paths) {
    std::ifstream In(Path);
    if (!In) {
      Result.Errors.push_back(Path + ": cannot read the facts file");
      continue;
    }
    nlohmann::json J = nlohmann::json::parse(In, nullptr, /*allow_exceptions=*/false);
    if (J.is_discarded()) {
      Result.Errors.push_back(Path + ": invalid JSON");
      continue;
    }
    try {
      mergeInto(*Merged, programFactsFromJson(J, PathMapping()));
    } catch (const std::exception &E) {
      Result.Errors.push_back(Path + ": " + E.what());
    }
  }
  Result.Facts = std::move(Merged);
  return Result;
}

} // namespace

LoadedFacts loadFactFiles(llvm::StringRef FactFiles, const CatalogFilesOrigin &Origin) {
  std::vector<std::string> Paths = listedFiles(FactFiles, Origin);
  if (Paths.empty())
    return {};
  static std::mutex CacheMutex;
  static std::map<std::string, CachedFacts> Cache;

  std::string Key;
  for (const std::string &Path : Paths)
    Key += Path + '\n';
  std::vector<std::filesystem::file_time_type> Stamps = stampsOf(Paths);
  std::lock_guard<std::mutex> Lock(CacheMutex);
  CachedFacts &Entry = Cache[Key];
  if (!Entry.Loaded.Facts || Entry.Stamps != Stamps) {
    Entry.Loaded = readAll(Paths);
    Entry.Stamps = std::move(Stamps);
  }
  return Entry.Loaded;
}

} // namespace asynclint::facts
