//===--- main.cpp - the asynclint command: subcommand dispatch -----------===//
#include "commands/Command.h"

#include <llvm/Support/CommandLine.h>
#include <llvm/Support/InitLLVM.h>
#include <llvm/Support/raw_ostream.h>

namespace asynclint::tool {

std::vector<Command> &commands() {
  // A function-local static: registrations run in static initialisers of
  // other files, in an order the language does not fix.
  static std::vector<Command> Registered;
  return Registered;
}

} // namespace asynclint::tool

int main(int argc, const char **argv) {
  using namespace asynclint::tool;
  llvm::InitLLVM Init(argc, argv);
  llvm::cl::SetVersionPrinter(
      [](llvm::raw_ostream &OS) { OS << "asynclint " ASYNCLINT_VERSION "\n"; });
  // libLLVM registers dozens of options of its own; asynclint's help shows
  // only the subcommands' options.
  llvm::cl::HideUnrelatedOptions(llvm::ArrayRef<const llvm::cl::OptionCategory *>{});

  const char *Overview =
      "asynclint: finds blocking calls in coroutines, spawns awaited at once,\n"
      "unguarded shared state and shared state read before a co_await and acted on\n"
      "after it, in C++ (see `asynclint <command> --help`).\n"
      "Exit codes: 0 no findings, 1 findings, 2 usage or input error.\n";
  if (argc < 2) {
    llvm::errs() << "asynclint: no command given; commands:";
    for (const Command &C : commands())
      llvm::errs() << " " << C.Sub->getName();
    llvm::errs() << " (see asynclint --help)\n";
    return ExitUsage;
  }
  if (!llvm::cl::ParseCommandLineOptions(argc, argv, Overview, &llvm::errs()))
    return ExitUsage;
  for (const Command &C : commands())
    if (*C.Sub)
      return C.Run();
  llvm::errs() << "asynclint: unknown command '" << argv[1] << "' (see asynclint --help)\n";
  return ExitUsage;
}
