//===--- SarifOutput.h - SARIF 2.1.0 for code scanning --------------------===//
#pragma once

#include "findings/Findings.h"

#include <map>
#include <string>

namespace asynclint::output {

/// The SARIF 2.1.0 log of \p R: one run, a rule per check (help text from
/// docs/checks/<check>.md where asynclint has it), results with related
/// locations for the notes, fixes, and partialFingerprints. Paths below
/// R.Root are relative to the uriBaseId SRCROOT, as GitHub code scanning
/// expects.
nlohmann::json toSarif(const findings::Report &R);

/// check name -> its documentation page (Markdown), embedded at build time.
const std::map<std::string, std::string> &ruleDocs();

} // namespace asynclint::output
