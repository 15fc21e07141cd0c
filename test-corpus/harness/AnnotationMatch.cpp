//===--- AnnotationMatch.cpp ----------------------------------------------===//
#include "AnnotationMatch.h"

#include <cctype>

namespace asynclint::corpus {

bool messageContains(const std::string &Message, const std::string &Text) {
  if (Message.find(Text) != std::string::npos)
    return true;
  if (Text.empty() || Message.size() < Text.size())
    return false;
  auto Lower = [](char C) { return std::tolower(static_cast<unsigned char>(C)); };
  return Lower(Message[0]) == Lower(Text[0]) && Message.compare(1, Text.size() - 1, Text, 1) == 0;
}

std::vector<std::string> compareWithAnnotations(const CorpusFile &File,
                                                const std::vector<ReportedDiagnostic> &Reported) {
  std::string Name = File.Path.filename().string();
  std::vector<bool> Claimed(Reported.size(), false);
  auto Claim = [&](const ExpectedDiagnostic &Expected, bool Note) {
    for (size_t I = 0; I < Reported.size(); ++I) {
      const ReportedDiagnostic &R = Reported[I];
      if (Claimed[I] || R.Line != Expected.Line || (R.Severity == "note") != Note)
        continue;
      if (!Note && R.Check.rfind(Expected.Check, 0) != 0)
        continue;
      if (!messageContains(R.Message, Expected.Text))
        continue;
      Claimed[I] = true;
      return true;
    }
    return false;
  };

  std::vector<std::string> Problems;
  auto At = [&](unsigned Line) { return Name + ":" + std::to_string(Line) + ": "; };
  for (const ExpectedDiagnostic &Expected : File.Warnings)
    if (!Claim(Expected, false))
      Problems.push_back(At(Expected.Line) + "missing warning [" + Expected.Check +
                         "] containing '" + Expected.Text + "'");
  for (const ExpectedDiagnostic &Expected : File.Notes)
    if (!Claim(Expected, true))
      Problems.push_back(At(Expected.Line) + "missing note containing '" + Expected.Text + "'");

  bool SawCompileError = false;
  for (size_t I = 0; I < Reported.size(); ++I) {
    const ReportedDiagnostic &R = Reported[I];
    if (R.Severity == "error") {
      SawCompileError = true;
      if (!File.ExpectCompileErrors)
        Problems.push_back(At(R.Line) + "does not compile: " + R.Message);
    } else if (R.Severity == "warning" && R.Check.rfind("async-", 0) == 0 && !Claimed[I]) {
      Problems.push_back(At(R.Line) + "unexpected warning [" + R.Check + "] " + R.Message);
    }
  }
  if (File.ExpectCompileErrors && !SawCompileError)
    Problems.push_back(Name + ": the file is marked EXPECT-COMPILE-ERRORS but compiles");
  return Problems;
}

} // namespace asynclint::corpus
