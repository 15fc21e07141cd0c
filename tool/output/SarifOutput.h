//===--- SarifOutput.h - SARIF 2.1.0 for code scanning --------------------===//
#pragma once

#include "findings/Findings.h"

namespace asynclint::output {

/// The SARIF 2.1.0 log of \p R: one run, a rule per check (help text from
/// docs/checks/<check>.md where asynclint has it), results with related
/// locations for the notes, fixes, partialFingerprints and the finding's
/// facts and verdict as properties, then a result per event of the run that
/// no finding predicted (rule asynclint-runtime/<event type>). Paths below
/// R.Root are relative to the uriBaseId SRCROOT, as GitHub code scanning
/// expects.
nlohmann::json toSarif(const findings::Report &R);

} // namespace asynclint::output
