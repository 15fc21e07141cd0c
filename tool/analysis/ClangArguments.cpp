//===--- ClangArguments.cpp -----------------------------------------------===//
#include "analysis/ClangArguments.h"

#include <clang/Basic/Version.h>
#if CLANG_VERSION_MAJOR >= 22
#include <clang/Options/Options.h> // LLVM 22 moved the driver's options here
#else
#include <clang/Driver/Options.h>
#endif
#include <llvm/ADT/StringRef.h>
#include <llvm/Option/ArgList.h>
#include <llvm/Option/OptTable.h>
#include <llvm/Support/Path.h>

#include <set>

namespace asynclint::check {

namespace {

#if CLANG_VERSION_MAJOR >= 22
namespace driver_options = clang::options;
using clang::getDriverOptTable;
#else
namespace driver_options = clang::driver::options;
using clang::driver::getDriverOptTable;
#endif

bool isLauncher(llvm::StringRef Program) {
  llvm::StringRef Name = llvm::sys::path::filename(Program);
  return Name == "ccache" || Name == "sccache" || Name == "distcc" || Name == "icecc";
}

} // namespace

ClangArguments acceptableToClang(const std::vector<std::string> &CommandLine) {
  ClangArguments Result;
  size_t First = 0;
  // "ccache g++ ...", but not "ccache -s": a launcher is followed by the compiler.
  while (First + 1 < CommandLine.size() && isLauncher(CommandLine[First]) &&
         !llvm::StringRef(CommandLine[First + 1]).starts_with("-"))
    ++First;
  if (First == CommandLine.size())
    return Result;

  std::vector<const char *> Arguments;
  for (size_t I = First + 1; I < CommandLine.size(); ++I)
    Arguments.push_back(CommandLine[I].c_str());
  unsigned MissingIndex = 0, MissingCount = 0;
  llvm::opt::InputArgList Parsed =
      getDriverOptTable().ParseArgs(Arguments, MissingIndex, MissingCount);
  std::set<unsigned> Unknown; // indices into Arguments; an unknown argument is one token
  for (const llvm::opt::Arg *A : Parsed.filtered(driver_options::OPT_UNKNOWN))
    Unknown.insert(A->getIndex());

  Result.CommandLine.push_back(CommandLine[First]);
  for (unsigned I = 0; I < Arguments.size(); ++I) {
    if (Unknown.count(I))
      Result.Dropped.push_back(Arguments[I]);
    else
      Result.CommandLine.push_back(Arguments[I]);
  }
  // A GCC build's -Werror would turn Clang's own warnings into errors that
  // stop the analysis, "argument unused during compilation: -fcoroutines"
  // first of all; warnings are for the compiler of the build to give.
  Result.CommandLine.push_back("-Qunused-arguments");
  Result.CommandLine.push_back("-Wno-error");
  return Result;
}

} // namespace asynclint::check
