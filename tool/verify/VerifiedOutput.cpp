//===--- VerifiedOutput.cpp -----------------------------------------------===//
#include "VerifiedOutput.h"

#include "EventText.h"
#include "Verify.h"
#include "findings/Findings.h"
#include "output/SarifOutput.h"
#include "output/TextOutput.h"

#include <cstdio>

namespace asynclint::verify {

void writeVerified(std::ostream &Out, VerifiedFormat Format, const findings::Report &Report,
                   const JoinResult &Joined) {
  if (Format == VerifiedFormat::Text) {
    output::writeText(Out, Report, findings::diskLineReader());
    for (const nlohmann::json &E : Joined.Unpredicted) {
      const nlohmann::json &Site = E["site"];
      Out << (Site.is_null() ? std::string("<unknown>")
                             : Site.value("file", "") + ":" + std::to_string(Site.value("line", 0)))
          << ": warning: the runtime observed what no check predicted: " << describeEvent(E)
          << " [asynclint-runtime]\n";
    }
    Out << Joined.Confirmed << " confirmed, " << Joined.NotObserved << " not observed, "
        << Joined.NotWatched << " not watched, " << Joined.Unpredicted.size()
        << " observed without a finding\n";
  } else if (Format == VerifiedFormat::Json) {
    Out << verify::verifiedJson(Report, Joined).dump(2) << "\n";
  } else {
    nlohmann::json Sarif = output::toSarif(Report);
    if (Sarif.contains("runs") && !Sarif["runs"].empty())
      for (const nlohmann::json &E : Joined.Unpredicted) {
        nlohmann::json Result = {
            {"ruleId", "asynclint-runtime/" + E.value("type", std::string("event"))},
            {"level", "warning"},
            {"message",
             {{"text", "the runtime observed what no check predicted: " + describeEvent(E)}}},
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
