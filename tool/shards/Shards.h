//===--- Shards.h - the per-unit step on many machines --------------------===//
//
// `asynclint check --shard I/N --facts-out DIR` analyses every N-th unit
// and writes DIR/shard-I-of-N.json: each unit's outcome (findings with
// their facts, errors, per-function facts), paths relative to the checkout
// so shards may run in different folders. `asynclint merge DIR...` reads
// the N files and builds the report a single run would (ProgramReport.h).
// The format is documented in docs/facts-format.md.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "analysis/CompileDatabase.h"
#include "analysis/TidyRunner.h"
#include "wholeprogram/UnitOutcome.h"

#include <llvm/Support/Error.h>

#include <optional>
#include <string>
#include <vector>

namespace asynclint::shards {

struct ShardSpec {
  unsigned Index = 1; ///< 1-based
  unsigned Count = 1;
};

/// "2/5" -> {2, 5}; nothing for text that is not I/N with 1 <= I <= N.
std::optional<ShardSpec> parseShard(const std::string &Text);

/// The units of shard \p Spec: every Count-th of \p Units (sorted by file),
/// starting at Index, so each shard gets a share of every folder.
std::vector<check::Unit> selectShard(const std::vector<check::Unit> &Units, ShardSpec Spec);

/// Paths below \p Root written relative to it, and read back against it:
/// shard files name files so, so shards may run in different folders.
facts::PathMapping checkoutPaths(const std::string &Root);

/// The configuration problems of \p Results, each once: a shard with any
/// is not written (the run stops, as a single run does).
std::vector<std::string> configurationProblems(const std::vector<check::UnitResult> &Results);

/// Writes DIR/shard-I-of-N.json with the results of \p Units (the shard's,
/// in order) and returns its path.
llvm::Expected<std::string> writeShard(const std::string &Dir, ShardSpec Spec,
                                       const std::string &Root, bool WholeProgram,
                                       const std::vector<check::Unit> &Units,
                                       const std::vector<check::UnitResult> &Results);

struct MergedShards {
  /// Every shard's units, in the order of the database (as a single run has
  /// them); each with only what merging needs (File, MayFailToCompile).
  std::vector<check::Unit> Units;
  std::vector<check::UnitResult> Results;
  bool WholeProgram = true;
};

/// Reads every shard file of \p Dirs (paths resolved against \p Root);
/// throws std::runtime_error with a one-line reason when a file does not
/// read, shards disagree on N or on the mode, or a shard is missing or
/// there twice.
MergedShards readShards(const std::vector<std::string> &Dirs, const std::string &Root);

} // namespace asynclint::shards
