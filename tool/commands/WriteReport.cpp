//===--- WriteReport.cpp --------------------------------------------------===//
#include "commands/WriteReport.h"

#include <llvm/Support/raw_ostream.h>

#include <fstream>
#include <iostream>

namespace asynclint::tool {

bool writeReport(const output::Format &Format, const std::string &OutputFile,
                 const findings::Report &R, const findings::LineReader &Lines) {
  std::ofstream File;
  if (!OutputFile.empty()) {
    File.open(OutputFile);
    if (!File)
      return false;
  }
  std::ostream &Out = OutputFile.empty() ? std::cout : File;
  Format.Write(Out, R, Lines);
  Out.flush();
  for (const findings::FileError &E : R.Errors) {
    llvm::errs() << E.Loc.File;
    if (E.Loc.Line)
      llvm::errs() << ":" << E.Loc.Line << ":" << E.Loc.Column;
    llvm::errs() << ": error: " << E.Message << " (translation unit not analysed)\n";
  }
  return true;
}

} // namespace asynclint::tool
