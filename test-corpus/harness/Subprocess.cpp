//===--- Subprocess.cpp ---------------------------------------------------===//
#include "Subprocess.h"

#include <array>
#include <cstdio>

namespace asynclint::corpus {

std::string shellQuote(const std::string &Argument) {
  std::string Quoted = "'";
  for (char C : Argument)
    Quoted += C == '\'' ? std::string("'\\''") : std::string(1, C);
  return Quoted + "'";
}

CommandResult runShell(const std::string &Line) {
  CommandResult Result;
  FILE *Pipe = popen((Line + " 2>&1").c_str(), "r");
  if (!Pipe)
    return Result;
  std::array<char, 4096> Buffer;
  while (size_t Read = std::fread(Buffer.data(), 1, Buffer.size(), Pipe))
    Result.Output.append(Buffer.data(), Read);
  Result.Status = pclose(Pipe);
  return Result;
}

CommandResult runCommand(const std::vector<std::string> &Command) {
  std::string Line;
  for (const std::string &Part : Command)
    Line += shellQuote(Part) + " ";
  return runShell(Line);
}

} // namespace asynclint::corpus
