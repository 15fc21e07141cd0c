//===--- FindingMessages.h - what async-unguarded-shared-state says -------===//
#pragma once

#include "shared-state/Locations.h"

#include <clang/Basic/SourceLocation.h>
#include <llvm/ADT/DenseSet.h>

#include <string>
#include <vector>

namespace clang::tidy::async {
class CatalogCheck;
} // namespace clang::tidy::async

namespace asynclint {

struct Inconsistency;
struct Race;
struct SpawnSite;

/// "counter", "ns::Pool::size", "main::total", "stats.hits": every message
/// starts with it, quoted, so that the runtime and `asynclint verify` can
/// name the same location.
std::string locationName(const Location &Where);

/// Emits the warnings and their notes, one warning per access.
class FindingMessages {
public:
  /// The check's own diag(), which stays silent in a library header opened
  /// alone, and its fact channel.
  explicit FindingMessages(clang::tidy::async::CatalogCheck &Check) : Check(Check) {}

  void race(const Race &Found, const std::vector<SpawnSite> &Spawns);
  void inconsistency(const Inconsistency &Found);

private:
  /// False when the access was warned about already.
  bool firstAt(clang::SourceLocation At);

  clang::tidy::async::CatalogCheck &Check;
  llvm::DenseSet<unsigned> Reported;
  /// Members a race was reported on, with the function of the warned
  /// access: lock consistency says nothing more about them there.
  llvm::DenseSet<std::pair<const clang::Decl *, const clang::Decl *>> RacedIn;
};

} // namespace asynclint
