//===--- ResultCache.h - each unit's outcome, kept until an input changes -===//
//
// Like ctcache for clang-tidy, and ccache's direct mode: an entry is found
// by a key over what is known before the analysis (the command, the
// configuration given on the command line, the environment variables that
// move include paths, asynclint's version and build, clang's version) and
// is used only when the file system still answers as it did for the
// analysis (FileSystemTrace.h): the same content in every file the unit
// read (sources, headers, .clang-tidy files, catalog files), the same files
// present or absent wherever the compiler looked. Editing a header misses
// exactly the units that read it.
//
// Layout: DIR/ab/abcdef....json, one entry per key, written atomically, so
// concurrent runs may share a folder.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/CompileDatabase.h"
#include "analysis/TidyRunner.h"
#include "cache/FileSystemTrace.h"
#include "wholeprogram/UnitOutcome.h"

#include <atomic>
#include <optional>
#include <string>

namespace asynclint::cache {

/// The cache folder: \p Option when given, else .asynclint-cache beside the
/// compile database \p DatabasePath.
std::string cacheFolder(const std::string &Option, const std::string &DatabasePath);

/// The key of \p U's entry: everything its outcome depends on that is known
/// before it is analysed.
std::string unitKey(const check::Unit &U, const check::TidySettings &Settings, bool WholeProgram);

class ResultCache {
public:
  explicit ResultCache(std::string Dir) : Dir(std::move(Dir)) {}

  /// The outcome stored under \p Key, if the file system still gives every
  /// answer its analysis got. Thread-safe.
  std::optional<wholeprogram::UnitOutcome> lookup(const std::string &Key);
  /// Stores an outcome; returns false (and keeps going) when the folder
  /// cannot be written. Thread-safe.
  bool store(const std::string &Key, const FileSystemTrace &Trace,
             const wholeprogram::UnitOutcome &Outcome);

  const std::string &dir() const { return Dir; }

private:
  std::string entryPath(const std::string &Key) const;

  std::string Dir;
  FileSystemState Now;
};

} // namespace asynclint::cache
