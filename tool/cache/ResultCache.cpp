//===--- ResultCache.cpp --------------------------------------------------===//
#include "cache/ResultCache.h"

#include "cache/ContentHash.h"

#include <clang/Basic/Version.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Process.h>
#include <llvm/Support/raw_ostream.h>

#include <fstream>

namespace asynclint::cache {

namespace {

/// Bumped when the entries' form changes.
constexpr const char *EntryFormat = "asynclint-cache-entry-1";

/// The running asynclint: a rebuilt or reinstalled one (another version, or
/// the same version with other checks or another built-in catalog) has
/// another size or modification time.
std::string toolBuild() {
  static const std::string Build = [] {
    // Any function of this binary locates it.
    std::string Path = llvm::sys::fs::getMainExecutable(
        "asynclint", reinterpret_cast<void *>(&toolBuild)); // NOLINT(bugprone-casting-through-void)
    llvm::sys::fs::file_status Status;
    if (Path.empty() || llvm::sys::fs::status(Path, Status))
      return std::string("unknown");
    return Path + ":" + std::to_string(Status.getSize()) + ":" +
           std::to_string(Status.getLastModificationTime().time_since_epoch().count());
  }();
  return Build;
}

} // namespace

std::string cacheFolder(const std::string &Option, const std::string &DatabasePath) {
  if (!Option.empty())
    return Option;
  llvm::SmallString<256> Dir(llvm::sys::path::parent_path(DatabasePath));
  llvm::sys::path::append(Dir, ".asynclint-cache");
  return std::string(Dir);
}

std::string unitKey(const check::Unit &U, const check::TidySettings &Settings, bool WholeProgram) {
  KeyHasher Key;
  Key.add(EntryFormat).add(ASYNCLINT_VERSION).add(toolBuild()).add(clang::getClangFullVersion());
  Key.add(U.File).add(U.Command.Directory).add(U.Command.Filename);
  for (const std::string &Argument : U.Command.CommandLine)
    Key.add(Argument);
  Key.add(Settings.Checks ? "checks:" + *Settings.Checks : "no --checks");
  Key.add(Settings.Config ? "config:" + *Settings.Config : "no --config");
  Key.add(Settings.HeaderFilter ? "header-filter:" + *Settings.HeaderFilter : "no --header-filter");
  Key.add(Settings.ProjectHeaders.key());
  Key.add(Settings.ResourceDir).add(WholeProgram ? "whole-program" : "per-unit");
  // The driver adds these to the include paths.
  for (const char *Variable : {"CPATH", "C_INCLUDE_PATH", "CPLUS_INCLUDE_PATH"}) {
    std::optional<std::string> Value = llvm::sys::Process::GetEnv(Variable);
    Key.add(Value ? std::string(Variable) + "=" + *Value : std::string(Variable) + " unset");
  }
  return Key.hex();
}

std::string ResultCache::entryPath(const std::string &Key) const {
  llvm::SmallString<256> Path(Dir);
  llvm::sys::path::append(Path, Key.substr(0, 2), Key + ".json");
  return std::string(Path);
}

std::optional<wholeprogram::UnitOutcome> ResultCache::lookup(const std::string &Key) {
  std::ifstream In(entryPath(Key), std::ios::binary);
  if (!In)
    return std::nullopt;
  nlohmann::json Entry = nlohmann::json::parse(In, nullptr, /*allow_exceptions=*/false);
  // A damaged or foreign entry is a miss; the analysis overwrites it.
  try {
    if (Entry.is_discarded() || Entry.value("format", "") != EntryFormat ||
        !Now.unchanged(traceFromJson(Entry.at("trace"))))
      return std::nullopt;
    return wholeprogram::unitOutcomeFromJson(Entry.at("outcome"), facts::PathMapping());
  } catch (const std::exception &) {
    return std::nullopt;
  }
}

bool ResultCache::store(const std::string &Key, const FileSystemTrace &Trace,
                        const wholeprogram::UnitOutcome &Outcome) {
  std::string Path = entryPath(Key);
  if (llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path)))
    return false;
  nlohmann::json Entry = {{"format", EntryFormat},
                          {"trace", toJson(Trace)},
                          {"outcome", wholeprogram::toJson(Outcome, facts::PathMapping())}};
  // Written aside and renamed: a concurrent reader sees a whole entry or none.
  llvm::SmallString<256> Temporary;
  int Descriptor = -1;
  if (llvm::sys::fs::createUniqueFile(Path + ".%%%%%%.tmp", Descriptor, Temporary))
    return false;
  {
    llvm::raw_fd_ostream Out(Descriptor, /*shouldClose=*/true);
    Out << Entry.dump();
    if (Out.has_error()) {
      Out.clear_error();
      llvm::sys::fs::remove(Temporary);
      return false;
    }
  }
  if (llvm::sys::fs::rename(Temporary, Path)) {
    llvm::sys::fs::remove(Temporary);
    return false;
  }
  return true;
}

} // namespace asynclint::cache
