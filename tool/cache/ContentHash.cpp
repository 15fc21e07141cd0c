//===--- ContentHash.cpp --------------------------------------------------===//
#include "cache/ContentHash.h"

#include <llvm/ADT/StringExtras.h>

namespace asynclint::cache {

static std::string hexOf(llvm::ArrayRef<uint8_t> Bytes) { return llvm::toHex(Bytes, true); }

std::string contentHash(llvm::StringRef Data) {
  return hexOf(llvm::BLAKE3::hash<16>(llvm::arrayRefFromStringRef(Data)));
}

KeyHasher &KeyHasher::add(llvm::StringRef Field) {
  std::string Length = std::to_string(Field.size()) + ":";
  Hasher.update(Length);
  Hasher.update(Field);
  return *this;
}

std::string KeyHasher::hex() { return hexOf(Hasher.final<16>()); }

} // namespace asynclint::cache
