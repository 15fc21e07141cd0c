//===--- ElfSymbols.h - function and object symbols of one ELF file -------===//
//
// The runtime names stack frames itself (to tell a coroutine body or an event
// loop's dispatch from other code) and resolves watched variables by name.
// dladdr only sees exported symbols, and a program's own functions are not
// exported, so this reads .symtab (falling back to .dynsym) from the file.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace asynclint::rt {

struct ElfSymbol {
  uint64_t Value = 0; // address in the file (add the load bias)
  uint64_t Size = 0;
  const char *Name = nullptr; // mangled, points into the mapped file
  uint8_t Flags = 0;          // SymbolFlag bits, filled by the classifier
};

class ElfSymbols {
public:
  ElfSymbols() = default;
  ElfSymbols(const ElfSymbols &) = delete;
  ElfSymbols &operator=(const ElfSymbols &) = delete;
  ~ElfSymbols();

  /// Maps \p Path and indexes its symbols; false if it is not a readable
  /// 64-bit ELF file.
  bool load(const std::string &Path);

  /// The function containing file address \p Address, or null.
  ElfSymbol *function(uint64_t Address);
  /// The data object named \p MangledName (file address and size).
  std::optional<ElfSymbol> object(std::string_view MangledName) const;

  /// The data objects, for lookups by demangled name.
  const std::vector<ElfSymbol> &objects() const { return Objects; }
  std::vector<ElfSymbol> &functions() { return Functions; }

private:
  void *Map = nullptr;
  size_t MapSize = 0;
  std::vector<ElfSymbol> Functions; // sorted by Value
  std::vector<ElfSymbol> Objects;
};

/// The Itanium mangling of the name of a namespace-scope entity
/// ("ns::counter" -> "_ZN2ns7counterE"; "counter" -> "counter").
std::string mangleQualifiedName(std::string_view QualifiedName);

/// The length-prefixed form of a qualified name's components
/// ("asio::detail" -> "4asio6detail"), to find it inside mangled names.
std::string nestedNameFragment(std::string_view QualifiedName);

} // namespace asynclint::rt
