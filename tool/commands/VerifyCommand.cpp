//===--- VerifyCommand.cpp - asynclint verify -----------------------------===//
//
// Joins static findings with runtime events: each finding is marked
// confirmed or not observed, and runtime events that no finding predicted
// are listed as what the checks missed.
//
//===----------------------------------------------------------------------===//
#include "commands/Command.h"

#include "findings/Findings.h"
#include "output/SarifOutput.h"
#include "output/TextOutput.h"
#include "verify/Verify.h"

#include <llvm/Support/CommandLine.h>
#include <llvm/Support/raw_ostream.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

namespace asynclint::tool {
namespace {

namespace cl = llvm::cl;

cl::SubCommand Sub("verify", "Mark each finding confirmed or not observed by a run under the "
                             "runtime, and list what the checks missed");

enum class Format { Text, Json, Sarif };

cl::opt<std::string> FindingsFile("findings", cl::sub(Sub), cl::Required, cl::value_desc("file"),
                                  cl::desc("Findings from asynclint check --format json"));
cl::opt<std::string> EventsFile("events", cl::sub(Sub), cl::Required, cl::value_desc("file"),
                                cl::desc("Events from asynclint run"));
cl::opt<Format> OutputFormat(
    "format", cl::sub(Sub), cl::desc("Output format:"), cl::init(Format::Text),
    cl::values(clEnumValN(Format::Text, "text", "findings with their verdicts (default)"),
               clEnumValN(Format::Json, "json",
                          "the report with a verification per finding and "
                          "\"unpredicted_events\" (docs/json-format.md)"),
               clEnumValN(Format::Sarif, "sarif", "SARIF 2.1.0 with the verdict in properties")));
cl::opt<std::string> OutputFile("output", cl::sub(Sub), cl::value_desc("file"),
                                cl::desc("Write the report to this file instead of stdout"));

std::string milliseconds(uint64_t Ns) {
  char Text[32];
  std::snprintf(Text, sizeof(Text), "%.1f ms", static_cast<double>(Ns) / 1e6);
  return Text;
}

std::string describe(const nlohmann::json &Event) {
  std::string Type = Event.value("type", "");
  if (Type == "blocking")
    return "'" + Event.value("symbol", std::string("?")) + "' blocked " +
           (Event.value("context", "") == "coroutine"
                ? "coroutine '" + Event.value("context_function", std::string("?")) + "'"
                : std::string("the event loop")) +
           " for " + milliseconds(Event.value("duration_ns", uint64_t(0)));
  if (Type == "serialized-spawn")
    return "a spawned thread ran while nothing else ran and was then waited for";
  return "'" + Event.value("variable", std::string("?")) +
         "' written by two threads with no common lock";
}

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
  if (OutputFormat == Format::Text) {
    output::writeText(Out, Report, findings::diskLineReader());
    for (const nlohmann::json &E : Joined.Unpredicted) {
      const nlohmann::json &Site = E["site"];
      Out << (Site.is_null() ? std::string("<unknown>")
                             : Site.value("file", "") + ":" + std::to_string(Site.value("line", 0)))
          << ": warning: the runtime observed what no check predicted: " << describe(E)
          << " [asynclint-runtime]\n";
    }
    Out << Joined.Confirmed << " confirmed, " << Joined.NotObserved << " not observed, "
        << Joined.Unpredicted.size() << " observed without a finding\n";
  } else if (OutputFormat == Format::Json) {
    Out << verify::verifiedJson(Report, Joined).dump(2) << "\n";
  } else {
    nlohmann::json Sarif = output::toSarif(Report);
    if (Sarif.contains("runs") && !Sarif["runs"].empty())
      for (const nlohmann::json &E : Joined.Unpredicted) {
        nlohmann::json Result = {
            {"ruleId", "asynclint-runtime/" + E.value("type", std::string("event"))},
            {"level", "warning"},
            {"message", {{"text", "the runtime observed what no check predicted: " + describe(E)}}},
            {"properties", {{"event", E}}}};
        const nlohmann::json &Site = E["site"];
        if (!Site.is_null())
          Result["locations"] = {
              {{"physicalLocation",
                {{"artifactLocation", {{"uri", "file://" + Site.value("file", "")}}},
                 {"region", {{"startLine", Site.value("line", 1)}}}}}}};
        Sarif["runs"][0]["results"].push_back(Result);
      }
    Out << Sarif.dump(2) << "\n";
  }
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
  return Joined.Confirmed > 0 || !Joined.Unpredicted.empty() ? ExitFindings : ExitClean;
}

} // namespace

static RegisterCommand Registration(Sub, runVerify);

} // namespace asynclint::tool
