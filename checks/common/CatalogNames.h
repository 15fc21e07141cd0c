//===--- CatalogNames.h - the catalog names a call answers to ------------===//
#pragma once

#include "common/CallSites.h"

#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/StringMap.h>
#include <llvm/ADT/StringSet.h>

#include <string>
#include <utility>

namespace clang {
class CXXRecordDecl;
class Expr;
class FunctionDecl;
class NamedDecl;
class QualType;
class VarDecl;
} // namespace clang

namespace asynclint {

/// Qualified names of declarations, computed once per declaration, and the
/// catalog names a callee answers to, once per callee and object class.
/// Holds pointers into one AST: clear() it when the translation unit ends.
class NameCache {
public:
  const std::string &nameOf(const clang::NamedDecl &Decl);
  /// The callee's qualified name (a name at global scope only for a function
  /// with C linkage: the C library's `::sleep`, not a user's overload), then,
  /// for a member inherited from an implementation base (std::future<T>::wait
  /// is declared in std::__basic_future), ObjectClass::member. The reference
  /// stays valid until the next call.
  const llvm::SmallVector<std::string, 2> &calleeNames(const clang::FunctionDecl &Callee,
                                                       const clang::CXXRecordDecl *ObjectClass);
  void clear() {
    Names.clear();
    Callees.clear();
  }

private:
  llvm::DenseMap<const clang::NamedDecl *, std::string> Names;
  llvm::DenseMap<std::pair<const clang::FunctionDecl *, const clang::CXXRecordDecl *>,
                 llvm::SmallVector<std::string, 2>>
      Callees;
};

/// True when \p Type (or the element type of an array of it, through
/// references) spells one of \p Names: a typedef name on the way
/// (`pthread_mutex_t` is a typedef of an anonymous union), the class or enum,
/// or the template a class specializes.
bool typeIsOneOf(clang::QualType Type, const llvm::StringSet<> &Names, NameCache &Cache);

/// The customization point object \p Call is made through, or null. Such
/// an object (`stdexec::sync_wait(s)`, folly's `blockingWait(t)`) is a
/// variable of static storage whose operator() does the work: a call of it
/// answers to the variable's name too.
const clang::VarDecl *customizationPointObject(const clang::Expr *Call);

/// The qualified name of Site's customization point object, or null.
const std::string *customizationPointName(const CallSite &Site, NameCache &Names);

/// Calls \p Candidate with each catalog name the call site answers to, in
/// order (NameCache::calleeNames, then a customization point object's name),
/// until it returns true. True when it did.
template <typename Visit>
bool anyCalleeName(const CallSite &Site, NameCache &Names, Visit &&Candidate) {
  if (!Site.Callee)
    return false;
  for (const std::string &Name : Names.calleeNames(*Site.Callee, Site.ObjectClass))
    if (Candidate(Name))
      return true;
  const std::string *Object = customizationPointName(Site, Names);
  return Object && Candidate(*Object);
}

/// Looks a call site up in a map keyed by catalog names (anyCalleeName's
/// order). Returns the matched entry and sets \p MatchedName, or returns
/// null.
template <typename T>
const T *lookupCallee(const llvm::StringMap<T> &Map, const CallSite &Site, NameCache &Names,
                      std::string &MatchedName) {
  const T *Found = nullptr;
  anyCalleeName(Site, Names, [&](const std::string &Candidate) {
    auto It = Map.find(Candidate);
    if (It == Map.end())
      return false;
    MatchedName = Candidate;
    Found = &It->second;
    return true;
  });
  return Found;
}

} // namespace asynclint
