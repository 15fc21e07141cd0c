//===--- UnitOutcome.cpp --------------------------------------------------===//
#include "wholeprogram/UnitOutcome.h"

#include <functional>
#include <stdexcept>

namespace asynclint::wholeprogram {

using nlohmann::json;

namespace {

using PathMap = std::function<std::string(const std::string &)>;

void mapFile(json &J, const PathMap &Map) {
  if (J.is_object() && J.contains("file") && J["file"].is_string())
    J["file"] = Map(J["file"].get<std::string>());
}

/// The paths of a finding's JSON: its own, its notes', its replacements'.
void mapFindingFiles(json &Finding, const PathMap &Map) {
  mapFile(Finding, Map);
  if (Finding.contains("notes"))
    for (json &Note : Finding["notes"])
      mapFile(Note, Map);
  if (Finding.contains("fixes"))
    for (json &Fix : Finding["fixes"])
      if (Fix.contains("replacements"))
        for (json &Replacement : Fix["replacements"])
          mapFile(Replacement, Map);
}

} // namespace

json toJson(const UnitOutcome &U, const facts::PathMapping &Paths) {
  PathMap Write = [&](const std::string &File) { return Paths.Write(File); };
  json Findings = json::array();
  for (const findings::Finding &F : U.Result.Findings) {
    json J = findings::toJson(F);
    mapFindingFiles(J, Write);
    Findings.push_back(std::move(J));
  }
  json J = {{"file", Paths.Write(U.File)},
            {"findings", std::move(Findings)},
            {"facts", facts::toJson(U.Result.Facts, Paths)}};
  if (U.MayFailToCompile)
    J["may_fail_to_compile"] = true;
  if (const std::optional<findings::FileError> &E = U.Result.Error)
    J["error"] = {{"file", Paths.Write(E->Loc.File)},
                  {"line", E->Loc.Line},
                  {"column", E->Loc.Column},
                  {"message", E->Message}};
  return J;
}

UnitOutcome unitOutcomeFromJson(const json &J, const facts::PathMapping &Paths) {
  if (!J.is_object() || !J.contains("file") || !J["file"].is_string() || !J.contains("findings") ||
      !J["findings"].is_array() || !J.contains("facts"))
    throw std::runtime_error("a unit has no \"file\", \"findings\" or \"facts\"");
  PathMap Read = [&](const std::string &File) { return Paths.Read(File); };
  UnitOutcome U;
  U.File = Paths.Read(J["file"].get<std::string>());
  U.MayFailToCompile = J.value("may_fail_to_compile", false);
  for (json Finding : J["findings"]) {
    mapFindingFiles(Finding, Read);
    U.Result.Findings.push_back(findings::findingFromJson(Finding));
  }
  U.Result.Facts = facts::unitFactsFromJson(J["facts"], Paths);
  if (auto Error = J.find("error"); Error != J.end()) {
    // at() and get() throw json exceptions (std::exceptions) naming the field.
    const json &E = *Error;
    U.Result.Error =
        findings::FileError{{Paths.Read(E.at("file").get<std::string>()),
                             E.at("line").get<unsigned>(), E.at("column").get<unsigned>()},
                            E.at("message").get<std::string>()};
  }
  return U;
}

} // namespace asynclint::wholeprogram
