//===--- ApplyFixes.cpp ---------------------------------------------------===//
#include "analysis/ApplyFixes.h"

#include <clang/Tooling/Core/Replacement.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/raw_ostream.h>

#include <map>

namespace asynclint::check {

using clang::tooling::Replacements;

FixOutcome applyFixes(const std::vector<findings::Finding> &Findings) {
  FixOutcome Outcome;
  Outcome.Fixed.assign(Findings.size(), false);
  std::map<std::string, Replacements> PerFile;
  for (size_t I = 0; I < Findings.size(); ++I) {
    if (Findings[I].Fixes.empty())
      continue;
    std::map<std::string, Replacements> Trial = PerFile;
    bool Conflict = false;
    for (const findings::Fix &Fix : Findings[I].Fixes)
      for (const findings::Replacement &R : Fix.Replacements)
        if (llvm::Error E = Trial[R.File].add(
                clang::tooling::Replacement(R.File, R.Offset, R.Length, R.Text))) {
          llvm::consumeError(std::move(E));
          Conflict = true;
        }
    if (Conflict)
      continue;
    PerFile = std::move(Trial);
    Outcome.Fixed[I] = true;
  }
  for (const auto &[File, Edits] : PerFile) {
    auto Buffer = llvm::MemoryBuffer::getFile(File);
    if (!Buffer) {
      Outcome.Errors.push_back(File + ": cannot read: " + Buffer.getError().message());
      continue;
    }
    llvm::Expected<std::string> Changed =
        clang::tooling::applyAllReplacements((*Buffer)->getBuffer(), Edits);
    if (!Changed) {
      Outcome.Errors.push_back(File +
                               ": cannot apply fixes: " + llvm::toString(Changed.takeError()));
      continue;
    }
    if (*Changed == (*Buffer)->getBuffer())
      continue;
    std::error_code EC;
    llvm::raw_fd_ostream Out(File, EC);
    if (EC) {
      Outcome.Errors.push_back(File + ": cannot write: " + EC.message());
      continue;
    }
    Out << *Changed;
    ++Outcome.FilesChanged;
  }
  return Outcome;
}

} // namespace asynclint::check
