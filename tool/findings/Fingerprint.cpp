//===--- Fingerprint.cpp - stable identities of findings -----------------===//
#include "findings/Findings.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <tuple>

namespace asynclint::findings {

namespace fs = std::filesystem;

std::string normalizeLine(const std::string &Line) {
  std::string Result;
  bool PendingSpace = false;
  for (char C : Line) {
    if (C == ' ' || C == '\t' || C == '\r' || C == '\n' || C == '\f' || C == '\v') {
      PendingSpace = !Result.empty();
      continue;
    }
    if (PendingSpace)
      Result += ' ';
    PendingSpace = false;
    Result += C;
  }
  return Result;
}

// FNV-1a over the fields with a separator that cannot occur in them; the
// value must not depend on the platform or the standard library (std::hash
// may), since baselines are shared between machines.
static uint64_t fnv1a(uint64_t Hash, const std::string &Text) {
  for (unsigned char C : Text) {
    Hash ^= C;
    Hash *= 0x100000001b3ULL;
  }
  Hash ^= 0xff; // field separator: 0xff is no valid UTF-8 byte
  Hash *= 0x100000001b3ULL;
  return Hash;
}

std::string fingerprint(const std::string &Check, const std::string &RelativePath,
                        const std::string &NormalizedLine, unsigned Occurrence) {
  uint64_t Hash = 0xcbf29ce484222325ULL;
  for (const std::string *Field : {&Check, &RelativePath, &NormalizedLine})
    Hash = fnv1a(Hash, *Field);
  Hash = fnv1a(Hash, std::to_string(Occurrence));
  static const char Digits[] = "0123456789abcdef";
  std::string Hex(16, '0');
  for (int I = 15; I >= 0; --I, Hash >>= 4)
    Hex[I] = Digits[Hash & 0xf];
  return Hex;
}

std::string relativeToRoot(const std::string &File, const std::string &Root) {
  if (Root.empty())
    return File;
  fs::path Relative = fs::path(File).lexically_relative(Root);
  if (Relative.empty() || *Relative.begin() == "..")
    return File;
  return Relative.generic_string();
}

LineReader diskLineReader() {
  auto Cache = std::make_shared<std::map<std::string, std::vector<std::string>>>();
  return [Cache](const std::string &File, unsigned Line) -> std::string {
    auto It = Cache->find(File);
    if (It == Cache->end()) {
      std::vector<std::string> Lines;
      std::ifstream In(File, std::ios::binary);
      for (std::string Text; std::getline(In, Text);)
        Lines.push_back(std::move(Text));
      It = Cache->emplace(File, std::move(Lines)).first;
    }
    if (Line == 0 || Line > It->second.size())
      return "";
    return It->second[Line - 1];
  };
}

void assignFingerprints(Report &R, const LineReader &Lines) {
  std::stable_sort(R.Findings.begin(), R.Findings.end(), [](const Finding &A, const Finding &B) {
    return std::tie(A.Loc.File, A.Loc.Line, A.Loc.Column, A.Check, A.Message) <
           std::tie(B.Loc.File, B.Loc.Line, B.Loc.Column, B.Check, B.Message);
  });
  std::map<std::tuple<std::string, std::string, std::string>, unsigned> Seen;
  for (Finding &F : R.Findings) {
    std::string Path = relativeToRoot(F.Loc.File, R.Root);
    std::string Text = normalizeLine(Lines(F.Loc.File, F.Loc.Line));
    unsigned &Occurrence = Seen[{F.Check, Path, Text}];
    F.Fingerprint = fingerprint(F.Check, Path, Text, Occurrence++);
  }
}

} // namespace asynclint::findings
