//===--- Verify.cpp -------------------------------------------------------===//
#include "Verify.h"

#include "EventLog.h"
#include "EventText.h"
#include "Symbolizer.h"

namespace asynclint::verify {

bool verifyReport(findings::Report &Report, const std::string &EventsPath, JoinResult &Result,
                  std::string &Error, std::string &Warning) {
  EventLog Log;
  if (!EventLog::read(EventsPath, Log, Error))
    return false;
  Log.resolveRawAddresses();
  std::string SymbolizerError;
  if (!symbolizeEvents(Log.Events, defaultSymbolizer(), SymbolizerError))
    Warning = SymbolizerError + "; frames without source lines match nothing";
  Result = join(Report.Findings, Log.Events);
  Report.Run = runtimeRun(Result);
  return true;
}

findings::RuntimeRun runtimeRun(const JoinResult &Result) {
  findings::RuntimeRun Run;
  for (const nlohmann::json &E : Result.Unpredicted) {
    findings::UnpredictedEvent U;
    U.Kind = E.value("type", std::string("event"));
    U.Description = describeEvent(E);
    if (const nlohmann::json &Site = E["site"]; Site.is_object()) {
      U.Site = {Site.value("file", std::string()), Site.value("line", 0u), 0};
      U.Function = Site.value("function", std::string());
    }
    U.Occurrences = E.value("occurrences", 1u);
    U.Event = E;
    U.Event.erase("site");
    U.Event.erase("occurrences");
    Run.Unpredicted.push_back(std::move(U));
  }
  return Run;
}

} // namespace asynclint::verify
