//===--- VerifyCommand.cpp - asynclint verify -----------------------------===//
//
// Joins static findings with runtime events: each finding is marked
// confirmed, not observed or not watched, and runtime events that no finding
// predicted are listed as what the checks missed.
//
//===----------------------------------------------------------------------===//
#include "commands/Command.h"

#include "commands/FormatOption.h"
#include "findings/Findings.h"
#include "verify/Verify.h"

#include <llvm/Support/CommandLine.h>
#include <llvm/Support/raw_ostream.h>

#include <fstream>
#include <iostream>
#include <sstream>

namespace asynclint::tool {
namespace {

namespace cl = llvm::cl;

cl::SubCommand Sub("verify", "Mark each finding confirmed, not observed or not watched by a run "
                             "under the runtime, and list what the checks missed");

cl::opt<std::string> FindingsFile("findings", cl::sub(Sub), cl::Required, cl::value_desc("file"),
                                  cl::desc("Findings from asynclint check --format json"));
cl::opt<std::string> EventsFile("events", cl::sub(Sub), cl::Required, cl::value_desc("file"),
                                cl::desc("Events from asynclint run"));
FormatOption OutputFormat(Sub);
cl::opt<std::string> OutputFile("output", cl::sub(Sub), cl::value_desc("file"),
                                cl::desc("Write the report to this file instead of stdout"));

int runVerify() {
  std::ifstream In(FindingsFile);
  nlohmann::json J = nlohmann::json::parse(In, nullptr, false);
  if (!In.good() && J.is_discarded()) {
    llvm::errs() << "asynclint verify: cannot read '" << FindingsFile << "' as JSON\n";
    return ExitUsage;
  }
  findings::Report Report;
  try {
    Report = findings::reportFromJson(J);
  } catch (const std::exception &E) {
    llvm::errs() << "asynclint verify: " << FindingsFile << ": " << E.what() << "\n";
    return ExitUsage;
  }
  verify::JoinResult Joined;
  std::string Error, Warning;
  if (!verify::verifyReport(Report, EventsFile, Joined, Error, Warning)) {
    llvm::errs() << "asynclint verify: " << Error << "\n";
    return ExitUsage;
  }
  if (!Warning.empty())
    llvm::errs() << "asynclint verify: " << Warning << "\n";

  std::ostringstream Out;
  OutputFormat->Write(Out, Report, findings::diskLineReader());
  if (OutputFile.empty()) {
    std::cout << Out.str();
  } else {
    std::ofstream File(OutputFile);
    File << Out.str();
    if (!File) {
      llvm::errs() << "asynclint verify: cannot write '" << OutputFile << "'\n";
      return ExitUsage;
    }
  }
  bool Observed =
      findings::verdictCounts(Report)["confirmed"] > 0 || !Report.Run->Unpredicted.empty();
  return Observed ? ExitFindings : ExitClean;
}

} // namespace

static RegisterCommand Registration(Sub, runVerify);

} // namespace asynclint::tool
