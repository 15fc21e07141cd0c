//===--- FormatOption.h - the --format option of every subcommand --------===//
//
// `--format=<name>` with a value per row of output::formats(), so that a new
// format appears in every subcommand's --format and --help by itself:
//
//   FormatOption OutputFormat(Sub);
//   OutputFormat->Write(Out, Report, Lines);
//
//===----------------------------------------------------------------------===//
#pragma once

#include "output/Formats.h"

#include <llvm/Support/CommandLine.h>

namespace asynclint::tool {

/// The values of a --format option: the rows of output::formats().
struct FormatValues {
  template <class Opt> void apply(Opt &O) const {
    for (const output::Format &F : output::formats())
      O.getParser().addLiteralOption(F.Name, &F, F.Description);
  }
};

class FormatOption : public llvm::cl::opt<const output::Format *> {
public:
  explicit FormatOption(llvm::cl::SubCommand &Sub)
      : llvm::cl::opt<const output::Format *>(
            "format", llvm::cl::sub(Sub), llvm::cl::desc("Output format:"),
            llvm::cl::init(&output::formats().front()), FormatValues()) {}
};

} // namespace asynclint::tool
