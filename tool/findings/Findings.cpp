//===--- Findings.cpp - JSON form of the findings model ------------------===//
#include "findings/Findings.h"

#include <algorithm>
#include <stdexcept>

namespace asynclint::findings {

using nlohmann::json;

static json locationJson(const Location &L) {
  return {{"file", L.File}, {"line", L.Line}, {"column", L.Column}};
}

json toJson(const Finding &F) {
  json Notes = json::array();
  for (const Note &N : F.Notes) {
    json J = locationJson(N.Loc);
    J["message"] = N.Message;
    Notes.push_back(std::move(J));
  }
  json Fixes = json::array();
  for (const Fix &X : F.Fixes) {
    json Replacements = json::array();
    for (const Replacement &R : X.Replacements)
      Replacements.push_back({{"file", R.File},
                              {"offset", R.Offset},
                              {"length", R.Length},
                              {"line", R.Line},
                              {"column", R.Column},
                              {"text", R.Text}});
    Fixes.push_back({{"description", X.Description}, {"replacements", std::move(Replacements)}});
  }
  json J = {
      {"check", F.Check},          {"message", F.Message},      {"severity", F.Severity},
      {"file", F.Loc.File},        {"line", F.Loc.Line},        {"column", F.Loc.Column},
      {"notes", std::move(Notes)}, {"fixes", std::move(Fixes)}, {"fingerprint", F.Fingerprint}};
  if (!F.Properties.empty())
    J["properties"] = F.Properties;
  if (F.Verified)
    J["verification"] = {{"status", F.Verified->Status},
                         {"summary", F.Verified->Summary},
                         {"evidence", F.Verified->Evidence}};
  return J;
}

json toJson(const UnpredictedEvent &U) {
  json J = U.Event;
  J["type"] = U.Kind;
  J["site"] = U.Site.File.empty()
                  ? json(nullptr)
                  : json{{"file", U.Site.File}, {"line", U.Site.Line}, {"function", U.Function}};
  J["occurrences"] = U.Occurrences;
  J["description"] = U.Description;
  return J;
}

json toJson(const Report &R) {
  json Findings = json::array();
  for (const Finding &F : R.Findings)
    Findings.push_back(toJson(F));
  json Errors = json::array();
  for (const FileError &E : R.Errors) {
    json J = locationJson(E.Loc);
    J["message"] = E.Message;
    Errors.push_back(std::move(J));
  }
  json J = {{"version", R.Version},
            {"root", R.Root},
            {"findings", std::move(Findings)},
            {"errors", std::move(Errors)}};
  if (R.Run) {
    json Unpredicted = json::array();
    for (const UnpredictedEvent &U : R.Run->Unpredicted)
      Unpredicted.push_back(toJson(U));
    J["unpredicted_events"] = std::move(Unpredicted);
  }
  return J;
}

std::map<std::string, unsigned> verdictCounts(const Report &R) {
  std::map<std::string, unsigned> Counts;
  for (const Finding &F : R.Findings)
    if (F.Verified)
      ++Counts[F.Verified->Status];
  return Counts;
}

namespace {

const json &field(const json &J, const char *Name, json::value_t Type, const char *Where) {
  if (!J.is_object())
    throw std::runtime_error(std::string(Where) + " is not an object");
  auto It = J.find(Name);
  if (It == J.end())
    throw std::runtime_error(std::string(Where) + " has no \"" + Name + "\"");
  bool Matches = It->type() == Type || (Type == json::value_t::number_unsigned &&
                                        It->is_number_integer() && It->get<long long>() >= 0);
  if (!Matches)
    throw std::runtime_error(std::string(Where) + " field \"" + Name + "\" has the wrong type");
  return *It;
}

std::string str(const json &J, const char *Name, const char *Where) {
  return field(J, Name, json::value_t::string, Where).get<std::string>();
}

unsigned num(const json &J, const char *Name, const char *Where) {
  return field(J, Name, json::value_t::number_unsigned, Where).get<unsigned>();
}

const json &arr(const json &J, const char *Name, const char *Where) {
  return field(J, Name, json::value_t::array, Where);
}

Location locationFromJson(const json &J, const char *Where) {
  return {str(J, "file", Where), num(J, "line", Where), num(J, "column", Where)};
}

} // namespace

Finding findingFromJson(const json &J) {
  const char *Where = "finding";
  Finding F;
  F.Check = str(J, "check", Where);
  F.Message = str(J, "message", Where);
  F.Severity = str(J, "severity", Where);
  F.Loc = locationFromJson(J, Where);
  F.Fingerprint = str(J, "fingerprint", Where);
  for (const json &N : arr(J, "notes", Where))
    F.Notes.push_back({locationFromJson(N, "note"), str(N, "message", "note")});
  for (const json &X : arr(J, "fixes", Where)) {
    Fix Parsed;
    Parsed.Description = str(X, "description", "fix");
    for (const json &R : arr(X, "replacements", "fix"))
      Parsed.Replacements.push_back({str(R, "file", "replacement"), num(R, "offset", "replacement"),
                                     num(R, "length", "replacement"), num(R, "line", "replacement"),
                                     num(R, "column", "replacement"),
                                     str(R, "text", "replacement")});
    F.Fixes.push_back(std::move(Parsed));
  }
  if (auto It = J.find("verification"); It != J.end()) {
    Verification V;
    V.Status = str(*It, "status", "verification");
    if (V.Status.empty())
      throw std::runtime_error("verification has an empty \"status\"");
    if (It->contains("summary"))
      V.Summary = str(*It, "summary", "verification");
    if (It->contains("evidence"))
      V.Evidence = arr(*It, "evidence", "verification");
    F.Verified = std::move(V);
  }
  if (auto It = J.find("properties"); It != J.end()) {
    if (!It->is_object())
      throw std::runtime_error("finding field \"properties\" is not an object");
    F.Properties = *It;
  }
  return F;
}

/// An entry of "unpredicted_events": the runtime's event with "site",
/// "occurrences" and "description" added.
static UnpredictedEvent unpredictedFromJson(const json &J) {
  const char *Where = "unpredicted event";
  UnpredictedEvent U;
  U.Kind = str(J, "type", Where);
  if (J.contains("description"))
    U.Description = str(J, "description", Where);
  if (J.contains("occurrences"))
    U.Occurrences = num(J, "occurrences", Where);
  if (auto Site = J.find("site"); Site != J.end() && !Site->is_null()) {
    U.Site = {str(*Site, "file", "site"), num(*Site, "line", "site"), 0};
    if (Site->contains("function"))
      U.Function = str(*Site, "function", "site");
  }
  U.Event = J;
  for (const char *Added : {"site", "occurrences", "description"})
    U.Event.erase(Added);
  return U;
}

Report reportFromJson(const json &J) {
  const char *Where = "report";
  Report R;
  R.Version = static_cast<int>(num(J, "version", Where));
  if (R.Version != FormatVersion)
    throw std::runtime_error("report version " + std::to_string(R.Version) +
                             " is not the supported version " + std::to_string(FormatVersion));
  if (J.contains("root"))
    R.Root = str(J, "root", Where);
  for (const json &F : arr(J, "findings", Where))
    R.Findings.push_back(findingFromJson(F));
  if (J.contains("errors"))
    for (const json &E : arr(J, "errors", Where))
      R.Errors.push_back({locationFromJson(E, "error"), str(E, "message", "error")});
  if (J.contains("unpredicted_events")) {
    R.Run.emplace();
    for (const json &U : arr(J, "unpredicted_events", Where))
      R.Run->Unpredicted.push_back(unpredictedFromJson(U));
  }
  return R;
}

} // namespace asynclint::findings
