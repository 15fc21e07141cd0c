//===--- UnitAnalyser.h - the per-unit step, through the result cache -----===//
#pragma once

#include "analysis/CompileDatabase.h"
#include "analysis/TidyRunner.h"
#include "cache/ResultCache.h"
#include "wholeprogram/UnitOutcome.h"

#include <atomic>
#include <memory>
#include <optional>
#include <string>

namespace asynclint::cache {

/// Analyses units (wholeprogram::analyseUnit), or takes their outcome from
/// the cache when nothing they depend on changed. Thread-safe.
class UnitAnalyser {
public:
  /// \p CacheDir empty: no cache.
  UnitAnalyser(check::TidySettings Settings, bool WholeProgram, const std::string &CacheDir);

  check::UnitResult analyse(const check::Unit &U);

  unsigned reused() const { return Reused; }
  /// Whether an outcome could not be stored (the folder is not writable).
  bool storeFailed() const { return StoreFailed; }

private:
  /// The catalog files the unit's configuration names: the checks read
  /// them without the file system the trace watches.
  void traceCatalogFiles(const check::Unit &U, TrackingFileSystem &FS);

  check::TidySettings Settings;
  bool WholeProgram;
  std::unique_ptr<ResultCache> Cache;
  std::atomic<unsigned> Reused{0};
  std::atomic<bool> StoreFailed{false};
};

} // namespace asynclint::cache
