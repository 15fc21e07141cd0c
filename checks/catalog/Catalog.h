//===--- Catalog.h - the asynclint knowledge base -------------------------===//
//
// The one catalog of what blocks a thread, what starts concurrent work, what
// waits for it and which types are locks. It is data (catalog.json, embedded
// at build time); the clang-tidy checks and the runtime library both read it,
// and users extend it with their own JSON files of the same shape.
//
// This library depends on nlohmann_json only, never on LLVM, so that the
// runtime can link it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asynclint::catalog {

/// A function (or, in a `constructors` list, a class whose construction is
/// the event), by fully qualified name without template arguments.
struct FunctionEntry {
  std::string Name;
  /// The call does not block when this argument is a zero duration
  /// (`fut.wait_for(0s)` only polls). -1: no such argument.
  int NonblockingIfZeroArg = -1;
  /// The call does not block when any argument has one of these types
  /// (`std::unique_lock(m, std::defer_lock)`).
  std::vector<std::string> UnlessArgTypes;
  /// The call blocks only with at least this many arguments
  /// (`std::ifstream f;` opens nothing).
  unsigned MinArgs = 0;
};

struct BlockingCategory {
  std::string Id;
  /// Completes "'f' ..." in a message, e.g. "puts the thread to sleep".
  std::string What;
  bool EnabledByDefault = true;
  /// Advice by coroutine library ("asio", "cppcoro", ...) and "default".
  std::map<std::string, std::string> Advice;
  std::vector<FunctionEntry> Functions;
  std::vector<FunctionEntry> Constructors;
  /// C symbols the runtime library interposes for this category.
  std::vector<std::string> RuntimeSymbols;

  /// The advice for \p Library, falling back to "default".
  const std::string &adviceFor(std::string_view Library) const;
};

struct CoroutineLibrary {
  std::string Library;
  std::vector<std::string> ReturnTypes;
};

struct Catalog {
  /// Groups of namespaces that name the same library (standalone Asio and
  /// Boost.Asio): an entry written in one applies to all of them.
  std::vector<std::vector<std::string>> EquivalentNamespaces;
  std::vector<CoroutineLibrary> CoroutineLibraries;
  std::vector<BlockingCategory> Blocking;

  /// The catalog shipped with asynclint (checks/catalog/catalog.json).
  static const Catalog &builtin();
  static std::string_view builtinText();

  /// Parses a catalog; on failure returns nothing and says why in \p Error.
  static std::optional<Catalog> fromJson(std::string_view Text, std::string &Error);
  static std::optional<Catalog> fromFile(const std::string &Path, std::string &Error);

  /// Adds \p Other's knowledge: categories with a known id are extended,
  /// new ones appended.
  void merge(const Catalog &Other);

  /// \p QualifiedName and its spellings in every equivalent namespace
  /// ("asio::read" -> {"asio::read", "boost::asio::read"}).
  std::vector<std::string> spellingsOf(std::string_view QualifiedName) const;

  const BlockingCategory *findBlockingCategory(std::string_view Id) const;
};

/// "::std::foo" -> "std::foo"; surrounding blanks removed.
std::string normalizeName(std::string_view Name);

/// Splits "a;b, c" on ';' and ',' into normalised, non-empty names.
std::vector<std::string> splitList(std::string_view List);

} // namespace asynclint::catalog
