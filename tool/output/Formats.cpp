//===--- Formats.cpp ------------------------------------------------------===//
#include "output/Formats.h"

#include "output/SarifOutput.h"
#include "output/TextOutput.h"

namespace asynclint::output {

static void writeJson(std::ostream &Out, const findings::Report &R, const findings::LineReader &) {
  Out << findings::toJson(R).dump(2) << "\n";
}

static void writeSarif(std::ostream &Out, const findings::Report &R, const findings::LineReader &) {
  Out << toSarif(R).dump(2) << "\n";
}

const std::vector<Format> &formats() {
  static const std::vector<Format> All{
      {"text", "file:line:col: warning: ... [check], notes, verdicts (default)", writeText},
      {"json", "the report as JSON (docs/json-format.md)", writeJson},
      {"sarif", "SARIF 2.1.0, e.g. for GitHub code scanning", writeSarif},
  };
  return All;
}

const Format *findFormat(const std::string &Name) {
  for (const Format &F : formats())
    if (F.Name == Name)
      return &F;
  return nullptr;
}

} // namespace asynclint::output
