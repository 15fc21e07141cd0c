//===--- SarifOutput.cpp --------------------------------------------------===//
#include "output/SarifOutput.h"

#include "output/CheckPages.h"

#include <map>

namespace asynclint::output {

using nlohmann::json;

namespace {

json artifactLocation(const std::string &File, const std::string &Root) {
  std::string Relative = findings::relativeToRoot(File, Root);
  if (Relative != File)
    return {{"uri", uriEscape(Relative)}, {"uriBaseId", "SRCROOT"}};
  return {{"uri", "file://" + uriEscape(File)}};
}

json physicalLocation(const findings::Location &L, const std::string &Root) {
  json Region = {{"startLine", std::max(L.Line, 1u)}};
  if (L.Column > 0)
    Region["startColumn"] = L.Column;
  return {{"artifactLocation", artifactLocation(L.File, Root)}, {"region", std::move(Region)}};
}

json ruleFor(const std::string &Check) {
  json Rule = {{"id", Check}, {"defaultConfiguration", {{"level", "warning"}}}};
  auto Doc = ruleDocs().find(Check);
  if (Doc != ruleDocs().end()) {
    std::string Summary = summaryOf(Doc->second);
    Rule["shortDescription"] = {{"text", Summary.empty() ? Check : Summary}};
    Rule["fullDescription"] = {{"text", Summary.empty() ? Check : Summary}};
    Rule["help"] = {{"text", Doc->second}, {"markdown", Doc->second}};
    if (std::string Uri = checkPageUri(Check); !Uri.empty())
      Rule["helpUri"] = Uri;
    return Rule;
  }
  Rule["shortDescription"] = {{"text", "clang-tidy check " + Check}};
  if (std::string Uri = upstreamPageUri(Check); !Uri.empty()) {
    Rule["helpUri"] = Uri;
    Rule["help"] = {{"text", "See " + Uri}};
  }
  return Rule;
}

/// The rule of the events of \p Kind that the runtime observed and no check
/// predicted.
json runtimeRuleFor(const std::string &Id, const std::string &Kind) {
  return {{"id", Id},
          {"defaultConfiguration", {{"level", "warning"}}},
          {"shortDescription",
           {{"text", "The runtime observed a '" + Kind + "' event that no check predicted"}}}};
}

json resultFor(const findings::Finding &F, size_t RuleIndex, const std::string &Root) {
  json Result = {
      {"ruleId", F.Check},
      {"ruleIndex", RuleIndex},
      {"level", F.Severity == "error" ? "error" : "warning"},
      {"message", {{"text", F.Message}}},
      {"locations", json::array({{{"physicalLocation", physicalLocation(F.Loc, Root)}}})},
      {"partialFingerprints", {{"asynclintFingerprint/v1", F.Fingerprint}}}};
  json Related = json::array();
  int Id = 0;
  for (const findings::Note &N : F.Notes) {
    if (N.Loc.File.empty())
      continue;
    Related.push_back({{"id", Id++},
                       {"physicalLocation", physicalLocation(N.Loc, Root)},
                       {"message", {{"text", N.Message}}}});
  }
  if (!Related.empty())
    Result["relatedLocations"] = std::move(Related);
  json Fixes = json::array();
  for (const findings::Fix &X : F.Fixes) {
    std::map<std::string, json> PerFile;
    for (const findings::Replacement &Rep : X.Replacements) {
      json Replacement = {
          {"deletedRegion", {{"byteOffset", Rep.Offset}, {"byteLength", Rep.Length}}}};
      if (!Rep.Text.empty())
        Replacement["insertedContent"] = {{"text", Rep.Text}};
      PerFile[Rep.File].push_back(std::move(Replacement));
    }
    json Changes = json::array();
    for (auto &[File, Replacements] : PerFile)
      Changes.push_back({{"artifactLocation", artifactLocation(File, Root)},
                         {"replacements", std::move(Replacements)}});
    json Fix = {{"artifactChanges", std::move(Changes)}};
    if (!X.Description.empty())
      Fix["description"] = {{"text", X.Description}};
    Fixes.push_back(std::move(Fix));
  }
  if (!Fixes.empty())
    Result["fixes"] = std::move(Fixes);
  json Properties = F.Properties;
  if (F.Verified)
    Properties["verification"] = {{"status", F.Verified->Status},
                                  {"summary", F.Verified->Summary},
                                  {"evidence", F.Verified->Evidence}};
  if (!Properties.empty())
    Result["properties"] = std::move(Properties);
  return Result;
}

json resultFor(const findings::UnpredictedEvent &U, const std::string &RuleId, size_t RuleIndex,
               const std::string &Root) {
  json Result = {
      {"ruleId", RuleId},
      {"ruleIndex", RuleIndex},
      {"level", "warning"},
      {"message", {{"text", "the runtime observed what no check predicted: " + U.Description}}},
      {"properties", {{"event", findings::toJson(U)}}}};
  if (!U.Site.File.empty())
    Result["locations"] = json::array({{{"physicalLocation", physicalLocation(U.Site, Root)}}});
  return Result;
}

} // namespace

json toSarif(const findings::Report &R) {
  // A rule per asynclint check (documented or not) and per check or runtime
  // event kind of this report, in name order.
  std::map<std::string, json> RuleById;
  for (const auto &[Check, Doc] : ruleDocs())
    RuleById.emplace(Check, ruleFor(Check));
  for (const findings::Finding &F : R.Findings)
    if (!RuleById.count(F.Check))
      RuleById.emplace(F.Check, ruleFor(F.Check));
  auto RuntimeRuleId = [](const findings::UnpredictedEvent &U) {
    return "asynclint-runtime/" + U.Kind;
  };
  if (R.Run)
    for (const findings::UnpredictedEvent &U : R.Run->Unpredicted)
      if (!RuleById.count(RuntimeRuleId(U)))
        RuleById.emplace(RuntimeRuleId(U), runtimeRuleFor(RuntimeRuleId(U), U.Kind));
  json Rules = json::array();
  std::map<std::string, size_t> RuleIndex;
  for (auto &[Id, Rule] : RuleById) {
    RuleIndex[Id] = Rules.size();
    Rules.push_back(std::move(Rule));
  }

  json Results = json::array();
  for (const findings::Finding &F : R.Findings)
    Results.push_back(resultFor(F, RuleIndex[F.Check], R.Root));
  if (R.Run)
    for (const findings::UnpredictedEvent &U : R.Run->Unpredicted)
      Results.push_back(resultFor(U, RuntimeRuleId(U), RuleIndex[RuntimeRuleId(U)], R.Root));

  json Notifications = json::array();
  for (const findings::FileError &E : R.Errors)
    Notifications.push_back(
        {{"level", "error"},
         {"message", {{"text", E.Message}}},
         {"locations", json::array({{{"physicalLocation", physicalLocation(E.Loc, R.Root)}}})}});

  json Run = {
      {"tool",
       {{"driver",
         {{"name", "asynclint"}, {"version", ASYNCLINT_VERSION}, {"rules", std::move(Rules)}}}}},
      {"invocations", json::array({{{"executionSuccessful", R.Errors.empty()},
                                    {"toolExecutionNotifications", std::move(Notifications)}}})},
      {"results", std::move(Results)},
      {"columnKind", "utf16CodeUnits"}};
  if (!R.Root.empty())
    Run["originalUriBaseIds"] = {
        {"SRCROOT", {{"uri", "file://" + uriEscape(R.Root + (R.Root.back() == '/' ? "" : "/"))}}}};
  return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
          {"version", "2.1.0"},
          {"runs", json::array({std::move(Run)})}};
}

} // namespace asynclint::output
