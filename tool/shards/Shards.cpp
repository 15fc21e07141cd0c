//===--- Shards.cpp -------------------------------------------------------===//
#include "shards/Shards.h"

#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <stdexcept>

namespace asynclint::shards {

namespace {

constexpr const char *ShardFormat = "asynclint-shard";

std::string shardName(ShardSpec Spec) {
  return "shard-" + std::to_string(Spec.Index) + "-of-" + std::to_string(Spec.Count) + ".json";
}

} // namespace

facts::PathMapping checkoutPaths(const std::string &Root) {
  facts::PathMapping Paths;
  Paths.Write = [Root](const std::string &File) { return findings::relativeToRoot(File, Root); };
  Paths.Read = [Root](const std::string &File) {
    namespace fs = std::filesystem;
    if (File.empty() || fs::path(File).is_absolute())
      return File;
    return (fs::path(Root) / File).lexically_normal().generic_string();
  };
  return Paths;
}

std::optional<ShardSpec> parseShard(const std::string &Text) {
  static const std::regex Form("([0-9]{1,9})/([0-9]{1,9})");
  std::smatch Match;
  if (!std::regex_match(Text, Match, Form))
    return std::nullopt;
  ShardSpec Spec{static_cast<unsigned>(std::stoul(Match[1])),
                 static_cast<unsigned>(std::stoul(Match[2]))};
  if (Spec.Index < 1 || Spec.Index > Spec.Count)
    return std::nullopt;
  return Spec;
}

std::vector<check::Unit> selectShard(const std::vector<check::Unit> &Units, ShardSpec Spec) {
  std::vector<check::Unit> Selected;
  for (size_t I = Spec.Index - 1; I < Units.size(); I += Spec.Count)
    Selected.push_back(Units[I]);
  return Selected;
}

std::vector<std::string> configurationProblems(const std::vector<check::UnitResult> &Results) {
  std::vector<std::string> Problems;
  std::set<std::string> Seen;
  for (const check::UnitResult &R : Results)
    for (const std::string &Problem : R.ConfigurationProblems)
      if (Seen.insert(Problem).second)
        Problems.push_back(Problem);
  return Problems;
}

llvm::Expected<std::string> writeShard(const std::string &Dir, ShardSpec Spec,
                                       const std::string &Root, bool WholeProgram,
                                       const std::vector<check::Unit> &Units,
                                       const std::vector<check::UnitResult> &Results) {
  if (std::error_code Error = llvm::sys::fs::create_directories(Dir))
    return llvm::createStringError(Error, "%s: cannot create the folder: %s", Dir.c_str(),
                                   Error.message().c_str());
  facts::PathMapping Paths = checkoutPaths(Root);
  nlohmann::json Outcomes = nlohmann::json::array();
  for (size_t I = 0; I < Units.size(); ++I)
    Outcomes.push_back(wholeprogram::toJson(
        wholeprogram::UnitOutcome{Units[I].File, Units[I].MayFailToCompile, Results[I]}, Paths));
  nlohmann::json Shard = {{"format", ShardFormat},         {"version", facts::FactsVersion},
                          {"shard", Spec.Index},           {"shards", Spec.Count},
                          {"whole_program", WholeProgram}, {"units", std::move(Outcomes)}};
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, shardName(Spec));
  std::ofstream Out(std::string(Path), std::ios::binary);
  Out << Shard.dump() << "\n";
  if (!Out)
    return llvm::createStringError(std::errc::io_error, "%s: cannot write the shard", Path.c_str());
  return std::string(Path);
}

MergedShards readShards(const std::vector<std::string> &Dirs, const std::string &Root) {
  facts::PathMapping Paths = checkoutPaths(Root);
  std::map<unsigned, std::string> Seen; // shard index -> its file
  unsigned Count = 0;
  std::optional<bool> WholeProgram;
  std::map<size_t, wholeprogram::UnitOutcome> ByPosition;
  for (const std::string &Dir : Dirs) {
    std::error_code Error;
    std::vector<std::string> Files;
    for (llvm::sys::fs::directory_iterator It(Dir, Error), End; !Error && It != End;
         It.increment(Error))
      if (llvm::StringRef Name = llvm::sys::path::filename(It->path());
          Name.starts_with("shard-") && Name.ends_with(".json"))
        Files.push_back(It->path());
    if (Error)
      throw std::runtime_error(Dir + ": cannot read the folder: " + Error.message());
    std::sort(Files.begin(), Files.end());
    for (const std::string &File : Files) {
      std::ifstream In(File, std::ios::binary);
      nlohmann::json Shard = nlohmann::json::parse(In, nullptr, /*allow_exceptions=*/false);
      try {
        if (Shard.is_discarded() || Shard.value("format", "") != ShardFormat)
          throw std::runtime_error("not an asynclint shard file");
        if (Shard.at("version") != facts::FactsVersion)
          throw std::runtime_error("a shard of another asynclint version");
        unsigned Index = Shard.at("shard").get<unsigned>();
        unsigned Of = Shard.at("shards").get<unsigned>();
        if (Index < 1 || Index > Of)
          throw std::runtime_error("shard " + std::to_string(Index) + " of " + std::to_string(Of));
        if (Count && Of != Count)
          throw std::runtime_error("shard of " + std::to_string(Of) + " where others are of " +
                                   std::to_string(Count));
        Count = Of;
        bool Whole = Shard.at("whole_program").get<bool>();
        if (WholeProgram && *WholeProgram != Whole)
          throw std::runtime_error("some shards ran with --per-unit and some without");
        WholeProgram = Whole;
        if (auto [It, New] = Seen.try_emplace(Index, File); !New)
          throw std::runtime_error("shard " + std::to_string(Index) + " is also in " + It->second);
        // Shard I holds units I-1, I-1+N, I-1+2N, ... of the database.
        size_t Position = Index - 1;
        for (const nlohmann::json &Unit : Shard.at("units")) {
          ByPosition.emplace(Position, wholeprogram::unitOutcomeFromJson(Unit, Paths));
          Position += Of;
        }
      } catch (const std::exception &E) {
        throw std::runtime_error(File + ": " + E.what());
      }
    }
  }
  if (Seen.empty())
    throw std::runtime_error("no shard files (shard-I-of-N.json) in the folders given");
  for (unsigned I = 1; I <= Count; ++I)
    if (!Seen.count(I))
      throw std::runtime_error("shard " + std::to_string(I) + " of " + std::to_string(Count) +
                               " is missing");
  MergedShards Merged;
  for (auto &[Position, U] : ByPosition) {
    check::Unit Unit;
    Unit.File = U.File;
    Unit.MayFailToCompile = U.MayFailToCompile;
    Merged.Units.push_back(std::move(Unit));
    Merged.Results.push_back(std::move(U.Result));
  }
  Merged.WholeProgram = WholeProgram.value_or(true);
  return Merged;
}

} // namespace asynclint::shards
