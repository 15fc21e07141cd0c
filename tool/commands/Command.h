//===--- Command.h - subcommands of the asynclint command ----------------===//
//
// Each subcommand lives in its own file under commands/ and registers itself
// with one line:
//
//   static llvm::cl::SubCommand Sub("check", "Run the async-* checks ...");
//   static asynclint::tool::RegisterCommand Registration(Sub, runCheck);
//
// Its options are llvm::cl options with cl::sub(Sub), so several subcommands
// may use the same option names. A subcommand that writes a report takes
// `FormatOption OutputFormat(Sub);` (commands/FormatOption.h): every format
// of output/Formats.h, the same for all. main.cpp parses the command line once and
// calls the Run of the subcommand that was named.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <llvm/Support/CommandLine.h>

#include <llvm/ADT/Twine.h>

#include <string>
#include <vector>

namespace asynclint::tool {

/// The exit codes every subcommand keeps to.
enum ExitCode : int {
  ExitClean = 0,    ///< ran, nothing to report
  ExitFindings = 1, ///< ran, reported findings
  ExitUsage = 2,    ///< bad usage or input, or something could not be analysed
};

struct Command {
  llvm::cl::SubCommand *Sub;
  int (*Run)();
};

/// The registered subcommands, in registration order.
std::vector<Command> &commands();

struct RegisterCommand {
  RegisterCommand(llvm::cl::SubCommand &Sub, int (*Run)()) { commands().push_back({&Sub, Run}); }
};

/// Prints "asynclint <subcommand>: <Message>" and returns ExitUsage.
int usageError(const llvm::cl::SubCommand &Sub, const llvm::Twine &Message);

/// The folder the command was started in.
std::string currentFolder();

} // namespace asynclint::tool
