//===--- LibraryNamespaces.h - code in a catalogued library's namespaces ---===//
//
// The catalog describes a library's API (what blocks, spawns, waits); the
// library's implementation is not the user's code. Its headers are often
// not system headers (vendored, FetchContent, `-I third_party/...`), so
// "skip system headers" is not enough: concurrencpp's own `submit_bridge`
// coroutine in executor.h would be reported for every lambda the user
// submits. Code declared in a catalogued library's namespace, outside the
// main file, is neither checked nor followed into.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Catalog.h"
#include "common/CatalogNames.h"

#include <string>
#include <vector>

namespace clang {
class Decl;
class NamedDecl;
} // namespace clang

namespace asynclint {

class LibraryNamespaces {
public:
  explicit LibraryNamespaces(const catalog::Catalog &Catalog);

  /// \p D (a function, a lambda's call operator, a class) is a catalogued
  /// library's own code: declared in one of its namespaces, in a header.
  bool contains(const clang::Decl &D) const;
  /// \p D is declared in one of the catalogued libraries' namespaces,
  /// wherever it is.
  bool inLibraryNamespace(const clang::NamedDecl &D) const;

  void clearCache() const { Names.clear(); }

private:
  /// "concurrencpp::", "boost::asio::", ...
  std::vector<std::string> Prefixes;
  mutable NameCache Names;
};

} // namespace asynclint
