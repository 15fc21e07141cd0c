//===--- Locations.h - memory locations and locks, as access paths --------===//
//
// RacerD's access paths, cut to two steps: a location is a root (a global,
// a static, a local shared with a thread, a parameter, or the object `this`
// points to) and at most one field of it. A deeper path keeps its first
// field (`this->stats_.hits` is `stats_` of `this`), which can only merge
// two parts of one object, never two objects. `this->x` in one function and
// `this->x` in another are one location only where both run on the same
// object: a function's locations are instantiated with what its `this` and
// parameters are bound to where it is called (see Binding).
//
//===----------------------------------------------------------------------===//
#pragma once

#include <llvm/ADT/DenseMapInfo.h>
#include <llvm/ADT/SmallVector.h>

#include <optional>
#include <utility>

namespace clang {
class Decl;
class FunctionDecl;
} // namespace clang

namespace asynclint {

/// Root null: the object `this` points to (with no Field, that object
/// itself). Root a VarDecl: that variable, or for a parameter or local of
/// pointer type, the object it points to.
struct Location {
  const clang::Decl *Root = nullptr;
  const clang::Decl *Field = nullptr;

  bool operator==(const Location &O) const { return Root == O.Root && Field == O.Field; }
  bool operator!=(const Location &O) const { return !(*this == O); }
  bool onThis() const { return !Root; }
  /// A member of \p Object: `Object.Field`, or \p Object itself when it is
  /// already a member (the path stays two steps long).
  static Location memberOf(const Location &Object, const clang::Decl *Field) {
    return Object.Field || !Field ? Object : Location{Object.Root, Field};
  }
};

struct HeldLock {
  Location Mutex;
  /// A reader lock: it excludes writers only.
  bool Shared = false;
  /// A lock whose mutex cannot be named here (the guard a caller passed, a
  /// mutex of an object of unknown identity): taken to exclude every other
  /// lock, so it can hide a race but never make one.
  bool Any = false;
};

using Lockset = llvm::SmallVector<HeldLock, 2>;

/// True when some mutex is held by both and at least one holds it
/// exclusively, so the two accesses cannot overlap.
bool excludeEachOther(const Lockset &A, const Lockset &B);
/// The locks of \p A also held in \p B (the intersection).
Lockset intersect(const Lockset &A, const Lockset &B);
void addAll(Lockset &To, const Lockset &From);
/// Some lock held exclusively.
bool holdsExclusively(const Lockset &Locks);

/// What a function's `this` and parameters designate where it runs, in the
/// terms of the function that started the thread (or of a global). Unknown
/// objects (nullopt) are ones the analysis cannot name: their members are
/// that thread's own business.
struct Binding {
  std::optional<Location> This;
  llvm::SmallVector<std::pair<const clang::Decl *, Location>, 2> Params;
  /// The function's own frame: every location stays as it is written.
  bool Identity = false;

  bool operator==(const Binding &O) const {
    return This == O.This && Params == O.Params && Identity == O.Identity;
  }
};

/// \p Where, written in \p Function, as the binding names it; nothing when
/// it lies in an unknown object (or in a parameter of \p Function the
/// binding leaves unbound).
std::optional<Location> instantiate(const Location &Where, const Binding &Bound,
                                    const clang::FunctionDecl &Function);
/// The locks under \p Bound; a mutex of an unknown object becomes Any.
Lockset instantiate(const Lockset &Locks, const Binding &Bound,
                    const clang::FunctionDecl &Function);

} // namespace asynclint

namespace llvm {
template <> struct DenseMapInfo<asynclint::Location> {
  using Pair = std::pair<const clang::Decl *, const clang::Decl *>;
  static asynclint::Location getEmptyKey() {
    Pair P = DenseMapInfo<Pair>::getEmptyKey();
    return {P.first, P.second};
  }
  static asynclint::Location getTombstoneKey() {
    Pair P = DenseMapInfo<Pair>::getTombstoneKey();
    return {P.first, P.second};
  }
  static unsigned getHashValue(const asynclint::Location &L) {
    return DenseMapInfo<Pair>::getHashValue({L.Root, L.Field});
  }
  static bool isEqual(const asynclint::Location &A, const asynclint::Location &B) { return A == B; }
};
} // namespace llvm
