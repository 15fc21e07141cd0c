//===--- ContentHash.h - hashes that name cache entries -------------------===//
#pragma once

#include <llvm/ADT/StringRef.h>
#include <llvm/Support/BLAKE3.h>

#include <string>

namespace asynclint::cache {

/// 128 bits of BLAKE3 of \p Data, as 32 hex digits.
std::string contentHash(llvm::StringRef Data);

/// Hashes a sequence of fields; no two different sequences give one stream
/// (each field is preceded by its length).
class KeyHasher {
public:
  KeyHasher &add(llvm::StringRef Field);
  std::string hex();

private:
  llvm::BLAKE3 Hasher;
};

} // namespace asynclint::cache
