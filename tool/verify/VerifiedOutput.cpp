//===--- VerifiedOutput.cpp -----------------------------------------------===//
#include "VerifiedOutput.h"

#include "Verify.h"
#include "findings/Findings.h"
#include "output/SarifOutput.h"
#include "output/TextOutput.h"

#include <cstdio>

namespace asynclint::verify {
namespace {

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

} // namespace

void writeVerified(std::ostream &Out, VerifiedFormat Format, const findings::Report &Report,
                   const JoinResult &Joined) {
  if (Format == VerifiedFormat::Text) {
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
  } else if (Format == VerifiedFormat::Json) {
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
}

} // namespace asynclint::verify
