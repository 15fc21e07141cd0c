//===--- TextOutput.cpp ---------------------------------------------------===//
#include "output/TextOutput.h"

namespace asynclint::output {

static void writeDiagnostic(std::ostream &Out, const findings::Location &L, const char *Kind,
                            const std::string &Message, const std::string &Check,
                            const findings::LineReader &Lines) {
  if (!L.File.empty())
    Out << L.File << ":" << L.Line << ":" << L.Column << ": ";
  Out << Kind << ": " << Message;
  if (!Check.empty())
    Out << " [" << Check << "]";
  Out << "\n";
  std::string Source = L.File.empty() ? "" : Lines(L.File, L.Line);
  if (Source.empty() || L.Column == 0)
    return;
  std::string Caret;
  // Tabs stay tabs so the caret lines up in any tab width.
  for (size_t I = 0; I + 1 < L.Column && I < Source.size(); ++I)
    Caret += Source[I] == '\t' ? '\t' : ' ';
  Out << Source << "\n" << Caret << "^\n";
}

/// "not-observed" -> "not observed".
static std::string inWords(std::string Verdict) {
  for (char &C : Verdict)
    if (C == '-')
      C = ' ';
  return Verdict;
}

static void writeRun(std::ostream &Out, const findings::Report &R) {
  for (const findings::UnpredictedEvent &U : R.Run->Unpredicted)
    Out << (U.Site.File.empty() ? std::string("<unknown>")
                                : U.Site.File + ":" + std::to_string(U.Site.Line))
        << ": warning: the runtime observed what no check predicted: " << U.Description
        << " [asynclint-runtime]\n";
  // "confirmed" always, then every other verdict the findings have.
  std::map<std::string, unsigned> Counts = findings::verdictCounts(R);
  Out << Counts["confirmed"] << " confirmed";
  for (const auto &[Verdict, Count] : Counts)
    if (Verdict != "confirmed")
      Out << ", " << Count << " " << inWords(Verdict);
  Out << ", " << R.Run->Unpredicted.size() << " observed without a finding\n";
}

void writeText(std::ostream &Out, const findings::Report &R, const findings::LineReader &Lines) {
  for (const findings::Finding &F : R.Findings) {
    writeDiagnostic(Out, F.Loc, F.Severity == "error" ? "error" : "warning", F.Message, F.Check,
                    Lines);
    for (const findings::Note &N : F.Notes)
      writeDiagnostic(Out, N.Loc, "note", N.Message, "", Lines);
    if (F.Verified)
      Out << F.Loc.File << ":" << F.Loc.Line << ":" << F.Loc.Column
          << ": note: runtime verification: " << F.Verified->Status
          << (F.Verified->Summary.empty() ? "" : " (" + F.Verified->Summary + ")") << "\n";
  }
  if (R.Run)
    writeRun(Out, R);
}

} // namespace asynclint::output
