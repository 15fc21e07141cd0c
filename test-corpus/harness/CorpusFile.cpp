//===--- CorpusFile.cpp ---------------------------------------------------===//
#include "CorpusFile.h"

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

namespace asynclint::corpus {

namespace fs = std::filesystem;

static std::string afterPrefix(const std::string &Line, const std::string &Prefix) {
  std::string Rest = Line.substr(Prefix.size());
  size_t Start = Rest.find_first_not_of(" \t");
  return Start == std::string::npos ? "" : Rest.substr(Start);
}

static std::vector<std::string> splitWords(const std::string &Text) {
  std::istringstream In(Text);
  std::vector<std::string> Words;
  for (std::string Word; In >> Word;)
    Words.push_back(Word);
  return Words;
}

CorpusFile CorpusFile::parse(const fs::path &Path) {
  CorpusFile File;
  File.Path = Path;
  std::ifstream In(Path);
  static const std::regex Annotation(
      R"(\b(expect|expect-note|ok)(@([+-]\d+))?:\s*([a-z0-9-]*)\s*(\{\{(.*?)\}\})?)");
  unsigned LineNumber = 0;
  for (std::string Line; std::getline(In, Line);) {
    ++LineNumber;
    if (Line.rfind("// CHECKS:", 0) == 0)
      File.Checks = afterPrefix(Line, "// CHECKS:");
    else if (Line.rfind("// RUN-ARGS:", 0) == 0)
      File.ExtraArgs = splitWords(afterPrefix(Line, "// RUN-ARGS:"));
    else if (Line.rfind("// CONFIG:", 0) == 0)
      File.Config = afterPrefix(Line, "// CONFIG:");
    else if (Line.rfind("// EXPECT-COMPILE-ERRORS", 0) == 0)
      File.ExpectCompileErrors = true;
    else if (Line.rfind("// EXPECT-CONFIG:", 0) == 0)
      File.ConfigErrors.push_back(afterPrefix(Line, "// EXPECT-CONFIG:"));
    else if (Line.rfind("// NO-RUN", 0) == 0)
      File.NoRun = true;

    size_t Comment = Line.find("//");
    if (Comment == std::string::npos)
      continue;
    std::string Tail = Line.substr(Comment);
    for (std::sregex_iterator It(Tail.begin(), Tail.end(), Annotation), End; It != End; ++It) {
      const std::smatch &Match = *It;
      std::string Kind = Match[1];
      unsigned Target = LineNumber;
      if (Match[3].matched)
        Target = static_cast<unsigned>(static_cast<int>(LineNumber) + std::stoi(Match[3]));
      if (Kind == "expect") {
        File.Warnings.push_back({Target, Match[4], Match[6]});
      } else if (Kind == "expect-note") {
        // "expect-note: {{text}}": the regex reads no check name before {{.
        File.Notes.push_back({Target, "", Match[6]});
      } else {
        auto Known = std::find_if(File.NegativeCases.begin(), File.NegativeCases.end(),
                                  [&](const auto &Entry) { return Entry.first == Match[4]; });
        if (Known == File.NegativeCases.end())
          File.NegativeCases.emplace_back(Match[4], 1);
        else
          ++Known->second;
      }
    }
  }
  return File;
}

std::vector<fs::path> findCorpusFiles(const fs::path &Root) {
  std::vector<fs::path> Files;
  for (const fs::directory_entry &Entry : fs::recursive_directory_iterator(Root)) {
    if (!Entry.is_regular_file() || Entry.path().extension() != ".cpp")
      continue;
    std::string Relative = fs::relative(Entry.path(), Root).generic_string();
    // programs/ holds projects of several units, analysed together.
    if (Relative.rfind("include/", 0) == 0 || Relative.rfind("harness/", 0) == 0 ||
        Relative.rfind("programs/", 0) == 0)
      continue;
    Files.push_back(Entry.path());
  }
  std::sort(Files.begin(), Files.end());
  return Files;
}

std::vector<fs::path> findCorpusPrograms(const fs::path &Root) {
  std::vector<fs::path> Programs;
  if (fs::is_directory(Root / "programs"))
    for (const fs::directory_entry &Entry : fs::directory_iterator(Root / "programs"))
      if (Entry.is_directory())
        Programs.push_back(Entry.path());
  std::sort(Programs.begin(), Programs.end());
  return Programs;
}

std::vector<std::string> defaultCompileArgs(const fs::path &Root) {
  return {"-std=c++20", "-DASIO_HAS_CO_AWAIT", "-DASIO_HAS_STD_COROUTINE",
          "-I" + (Root / "include").string()};
}

std::vector<ReportedDiagnostic> parseClangTidyOutput(const std::string &Output,
                                                     const fs::path &File) {
  static const std::regex Diagnostic(
      R"(^(.*):(\d+):(\d+): (warning|error|note): (.*?)(?: \[([a-zA-Z0-9.,_-]+)\])?$)");
  std::vector<ReportedDiagnostic> Result;
  std::istringstream In(Output);
  fs::path Wanted = fs::weakly_canonical(File);
  for (std::string Line; std::getline(In, Line);) {
    std::smatch Match;
    if (!std::regex_match(Line, Match, Diagnostic))
      continue;
    std::error_code Error;
    if (fs::weakly_canonical(fs::path(Match[1].str()), Error) != Wanted)
      continue;
    ReportedDiagnostic Reported;
    Reported.Line = static_cast<unsigned>(std::stoul(Match[2]));
    Reported.Severity = Match[4];
    Reported.Message = Match[5];
    if (Reported.Severity != "note")
      Reported.Check = Match[6];
    Result.push_back(std::move(Reported));
  }
  return Result;
}

} // namespace asynclint::corpus
