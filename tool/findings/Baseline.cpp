//===--- Baseline.cpp -----------------------------------------------------===//
#include "findings/Baseline.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace asynclint::findings {

nlohmann::json baselineJson(const Report &R) {
  nlohmann::json Entries = nlohmann::json::array();
  for (const Finding &F : R.Findings)
    Entries.push_back({{"fingerprint", F.Fingerprint},
                       {"check", F.Check},
                       {"file", relativeToRoot(F.Loc.File, R.Root)},
                       {"line", F.Loc.Line},
                       {"message", F.Message}});
  return {{"version", FormatVersion}, {"findings", std::move(Entries)}};
}

std::set<std::string> readBaseline(const std::string &Path) {
  std::ifstream In(Path);
  if (!In)
    throw std::runtime_error(Path + ": cannot read the baseline");
  nlohmann::json J;
  try {
    J = nlohmann::json::parse(In);
  } catch (const nlohmann::json::parse_error &E) {
    throw std::runtime_error(Path + ": invalid JSON: " + E.what());
  }
  if (!J.is_object() || !J.contains("findings") || !J["findings"].is_array())
    throw std::runtime_error(Path + ": not an asynclint baseline (no \"findings\" array)");
  std::set<std::string> Fingerprints;
  for (const nlohmann::json &Entry : J["findings"]) {
    if (!Entry.is_object() || !Entry.contains("fingerprint") || !Entry["fingerprint"].is_string())
      throw std::runtime_error(Path + ": a baseline entry has no \"fingerprint\" string");
    Fingerprints.insert(Entry["fingerprint"].get<std::string>());
  }
  return Fingerprints;
}

size_t removeBaselined(Report &R, const std::set<std::string> &Accepted) {
  size_t Before = R.Findings.size();
  R.Findings.erase(std::remove_if(R.Findings.begin(), R.Findings.end(),
                                  [&](const Finding &F) { return Accepted.count(F.Fingerprint); }),
                   R.Findings.end());
  return Before - R.Findings.size();
}

} // namespace asynclint::findings
