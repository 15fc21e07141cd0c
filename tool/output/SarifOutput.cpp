//===--- SarifOutput.cpp --------------------------------------------------===//
#include "output/SarifOutput.h"

#include <set>
#include <sstream>

namespace asynclint::output {

using nlohmann::json;

namespace {

/// RFC 3986: keep unreserved characters and '/', escape the rest.
std::string uriEscape(const std::string &Path) {
  static const char Hex[] = "0123456789ABCDEF";
  std::string Out;
  for (unsigned char C : Path) {
    if (std::isalnum(C) || C == '/' || C == '-' || C == '_' || C == '.' || C == '~')
      Out += static_cast<char>(C);
    else
      Out += std::string("%") + Hex[C >> 4] + Hex[C & 15];
  }
  return Out;
}

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

/// The first paragraph under "## What it does", else the first paragraph
/// that is not a heading, on one line.
std::string summaryOf(const std::string &Markdown) {
  std::istringstream In(Markdown);
  std::string Line, Paragraph, Fallback;
  bool InWhatItDoes = false;
  while (std::getline(In, Line)) {
    if (Line.rfind("#", 0) == 0) {
      if (!Paragraph.empty() && (InWhatItDoes || Fallback.empty()))
        break;
      InWhatItDoes = Line.find("What it does") != std::string::npos;
      continue;
    }
    if (Line.find_first_not_of(" \t") == std::string::npos) {
      if (!Paragraph.empty()) {
        if (InWhatItDoes)
          return Paragraph;
        if (Fallback.empty())
          Fallback = Paragraph;
        Paragraph.clear();
      }
      continue;
    }
    Paragraph += (Paragraph.empty() ? "" : " ") + Line.substr(Line.find_first_not_of(" \t"));
  }
  if (!Paragraph.empty() && (InWhatItDoes || Fallback.empty()))
    return Paragraph;
  return Fallback;
}

json ruleFor(const std::string &Check) {
  json Rule = {{"id", Check}, {"defaultConfiguration", {{"level", "warning"}}}};
  auto Doc = ruleDocs().find(Check);
  if (Doc != ruleDocs().end()) {
    std::string Summary = summaryOf(Doc->second);
    Rule["shortDescription"] = {{"text", Summary.empty() ? Check : Summary}};
    Rule["fullDescription"] = {{"text", Summary.empty() ? Check : Summary}};
    Rule["help"] = {{"text", Doc->second}, {"markdown", Doc->second}};
    return Rule;
  }
  // An upstream clang-tidy check: its page is on the LLVM site, named
  // <module>/<rest of the name>.html.
  size_t Dash = Check.find('-');
  Rule["shortDescription"] = {{"text", "clang-tidy check " + Check}};
  if (Dash != std::string::npos && Check.rfind("clang-diagnostic-", 0) != 0) {
    std::string Uri = "https://clang.llvm.org/extra/clang-tidy/checks/" + Check.substr(0, Dash) +
                      "/" + Check.substr(Dash + 1) + ".html";
    Rule["helpUri"] = Uri;
    Rule["help"] = {{"text", "See " + Uri}};
  }
  return Rule;
}

} // namespace

json toSarif(const findings::Report &R) {
  std::set<std::string> Checks;
  for (const auto &[Check, Doc] : ruleDocs())
    Checks.insert(Check);
  for (const findings::Finding &F : R.Findings)
    Checks.insert(F.Check);
  json Rules = json::array();
  std::map<std::string, size_t> RuleIndex;
  for (const std::string &Check : Checks) {
    RuleIndex[Check] = Rules.size();
    Rules.push_back(ruleFor(Check));
  }

  json Results = json::array();
  for (const findings::Finding &F : R.Findings) {
    json Result = {
        {"ruleId", F.Check},
        {"ruleIndex", RuleIndex[F.Check]},
        {"level", F.Severity == "error" ? "error" : "warning"},
        {"message", {{"text", F.Message}}},
        {"locations", json::array({{{"physicalLocation", physicalLocation(F.Loc, R.Root)}}})},
        {"partialFingerprints", {{"asynclintFingerprint/v1", F.Fingerprint}}}};
    json Related = json::array();
    int Id = 0;
    for (const findings::Note &N : F.Notes) {
      if (N.Loc.File.empty())
        continue;
      Related.push_back({{"id", Id++},
                         {"physicalLocation", physicalLocation(N.Loc, R.Root)},
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
        Changes.push_back({{"artifactLocation", artifactLocation(File, R.Root)},
                           {"replacements", std::move(Replacements)}});
      json Fix = {{"artifactChanges", std::move(Changes)}};
      if (!X.Description.empty())
        Fix["description"] = {{"text", X.Description}};
      Fixes.push_back(std::move(Fix));
    }
    if (!Fixes.empty())
      Result["fixes"] = std::move(Fixes);
    if (F.Verified)
      Result["properties"] = {{"verification",
                               {{"status", F.Verified->Status},
                                {"summary", F.Verified->Summary},
                                {"evidence", F.Verified->Evidence}}}};
    Results.push_back(std::move(Result));
  }

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
