//===--- Verify.cpp -------------------------------------------------------===//
#include "Verify.h"

#include "EventLog.h"
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
  return true;
}

nlohmann::json verifiedJson(const findings::Report &Report, const JoinResult &Result) {
  nlohmann::json J = findings::toJson(Report);
  J["unpredicted_events"] = Result.Unpredicted;
  return J;
}

} // namespace asynclint::verify
