//===--- Command.cpp - what every subcommand shares ----------------------===//
#include "commands/Command.h"

#include <llvm/ADT/SmallString.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/raw_ostream.h>

namespace asynclint::tool {

int usageError(const llvm::cl::SubCommand &Sub, const llvm::Twine &Message) {
  llvm::errs() << "asynclint " << Sub.getName() << ": " << Message << "\n";
  return ExitUsage;
}

std::string currentFolder() {
  llvm::SmallString<256> Dir;
  llvm::sys::fs::current_path(Dir);
  return std::string(Dir);
}

} // namespace asynclint::tool
