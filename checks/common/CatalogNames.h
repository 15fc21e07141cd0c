//===--- CatalogNames.h - the catalog names a call answers to ------------===//
#pragma once

#include "common/CallSites.h"

#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/StringMap.h>
#include <llvm/ADT/StringSet.h>

#include <string>

namespace clang {
class NamedDecl;
class QualType;
} // namespace clang

namespace asynclint {

/// Qualified names of declarations, computed once per declaration. Holds
/// pointers into one AST: clear() it when the translation unit ends.
class NameCache {
public:
  const std::string &nameOf(const clang::NamedDecl &Decl);
  void clear() { Names.clear(); }

private:
  llvm::DenseMap<const clang::NamedDecl *, std::string> Names;
};

/// True when \p Type (or the element type of an array of it, through
/// references) spells one of \p Names: a typedef name on the way
/// (`pthread_mutex_t` is a typedef of an anonymous union), the class or enum,
/// or the template a class specializes.
bool typeIsOneOf(clang::QualType Type, const llvm::StringSet<> &Names, NameCache &Cache);

/// Looks a call site up in a map keyed by catalog names: first by the
/// callee's qualified name (a name at global scope only matches a function
/// with C linkage: the C library's `::sleep`, not a user's overload), then,
/// for a member inherited from an implementation base (std::future<T>::wait
/// is declared in std::__basic_future), by ObjectClass::member. Returns the
/// matched entry and sets \p MatchedName, or returns null.
template <typename T>
const T *lookupCallee(const llvm::StringMap<T> &Map, const CallSite &Site, NameCache &Names,
                      std::string &MatchedName);

/// Non-template part of lookupCallee: the candidate names in order.
llvm::SmallVector<std::string, 2> calleeCandidateNames(const CallSite &Site, NameCache &Names);

template <typename T>
const T *lookupCallee(const llvm::StringMap<T> &Map, const CallSite &Site, NameCache &Names,
                      std::string &MatchedName) {
  for (std::string &Candidate : calleeCandidateNames(Site, Names)) {
    auto It = Map.find(Candidate);
    if (It == Map.end())
      continue;
    MatchedName = std::move(Candidate);
    return &It->second;
  }
  return nullptr;
}

} // namespace asynclint
