//===--- ProgramsCorpusTest.cpp - whole programs of the corpus ------------===//
//
// Each folder of test-corpus/programs is one project of several units. Its
// annotations state what the whole program shows: `asynclint check` must
// report exactly the annotated warnings, with the annotated notes (which sit
// in the other units' files), and a single-file clang-tidy run with the
// plugin, given the exported facts through the FactFiles option, must see
// the same warnings in each file.
//
//===----------------------------------------------------------------------===//
#include "CorpusFile.h"
#include "ToolRunner.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace asynclint::tooltest {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const fs::path CorpusRoot = ASYNCLINT_TEST_CORPUS_DIR;

struct Diagnostic {
  std::string File;
  unsigned Line;
  std::string Check; ///< empty for a note
  std::string Text;  ///< the message, or the annotated part of it
};

std::vector<corpus::CorpusFile> annotatedUnits(const fs::path &Program) {
  std::vector<corpus::CorpusFile> Units;
  for (const fs::directory_entry &Entry : fs::directory_iterator(Program))
    if (Entry.path().extension() == ".cpp")
      Units.push_back(corpus::CorpusFile::parse(fs::canonical(Entry.path())));
  std::sort(Units.begin(), Units.end(),
            [](const auto &A, const auto &B) { return A.Path < B.Path; });
  return Units;
}

std::vector<std::string> compileArguments(const corpus::CorpusFile &Unit) {
  std::vector<std::string> Arguments = corpus::defaultCompileArgs(CorpusRoot);
  Arguments.insert(Arguments.end(), Unit.ExtraArgs.begin(), Unit.ExtraArgs.end());
  return Arguments;
}

void writeDatabase(const ScratchProject &Work, const std::vector<corpus::CorpusFile> &Units,
                   const std::string &Name = "compile_commands.json") {
  json Commands = json::array();
  for (const corpus::CorpusFile &Unit : Units) {
    std::vector<std::string> Arguments{ASYNCLINT_TEST_CLANGXX};
    for (const std::string &Argument : compileArguments(Unit))
      Arguments.push_back(Argument);
    Arguments.insert(Arguments.end(), {"-c", Unit.Path.string(), "-o", "/dev/null"});
    Commands.push_back({{"directory", Unit.Path.parent_path().string()},
                        {"file", Unit.Path.string()},
                        {"arguments", Arguments}});
  }
  Work.write(Name, Commands.dump(2));
}

/// Each expected diagnostic must be matched by one reported diagnostic of
/// the same file, line and check whose message contains its text.
/// \p ExactlyThese: every reported one must be expected, too.
void compare(const std::vector<Diagnostic> &Expected, const std::vector<Diagnostic> &Reported,
             bool ExactlyThese, const std::string &Where) {
  std::vector<bool> Claimed(Reported.size(), false);
  for (const Diagnostic &E : Expected) {
    auto Match = [&](size_t I) {
      const Diagnostic &R = Reported[I];
      return !Claimed[I] && R.File == E.File && R.Line == E.Line && R.Check == E.Check &&
             R.Text.find(E.Text) != std::string::npos;
    };
    size_t I = 0;
    while (I < Reported.size() && !Match(I))
      ++I;
    EXPECT_LT(I, Reported.size()) << Where << ": " << E.File << ":" << E.Line << ": expected "
                                  << (E.Check.empty() ? "note" : E.Check) << " {{" << E.Text
                                  << "}}";
    if (I < Reported.size())
      Claimed[I] = true;
  }
  if (ExactlyThese)
    for (size_t I = 0; I < Reported.size(); ++I)
      EXPECT_TRUE(Claimed[I]) << Where << ": " << Reported[I].File << ":" << Reported[I].Line
                              << ": unexpected " << Reported[I].Check << ": " << Reported[I].Text;
}

std::vector<Diagnostic> expected(const std::vector<corpus::CorpusFile> &Units, bool Notes) {
  std::vector<Diagnostic> All;
  for (const corpus::CorpusFile &Unit : Units)
    for (const corpus::ExpectedDiagnostic &D : Notes ? Unit.Notes : Unit.Warnings)
      All.push_back({Unit.Path.string(), D.Line, D.Check, D.Text});
  return All;
}

/// A program's units, annotated, and a compile database for them.
class CorpusPrograms : public ::testing::TestWithParam<fs::path> {
protected:
  void SetUp() override {
    Units = annotatedUnits(GetParam());
    writeDatabase(Work, Units);
  }
  std::vector<corpus::CorpusFile> Units;
  ScratchProject Work;
};

TEST_P(CorpusPrograms, WholeProgramFindingsMatchAnnotations) {
  Outcome R = Work.asynclint("check -p . --config='{}' --format=json -j2");
  ASSERT_EQ(R.Status, 1) << R.Err;
  std::vector<Diagnostic> Warnings, Notes;
  json Report = json::parse(R.Out);
  for (const json &F : Report["findings"]) {
    Warnings.push_back({F["file"], F["line"], F["check"], F["message"]});
    for (const json &N : F["notes"])
      Notes.push_back({N["file"], N["line"], "", N["message"]});
  }
  compare(expected(Units, false), Warnings, /*ExactlyThese=*/true, "asynclint check");
  compare(expected(Units, true), Notes, /*ExactlyThese=*/false, "asynclint check");

  // Alone, each unit shows less: the whole program is needed.
  Outcome PerUnit = Work.asynclint("check -p . --config='{}' --format=json -j2 --per-unit");
  ASSERT_LE(PerUnit.Status, 1) << PerUnit.Err;
  EXPECT_LT(json::parse(PerUnit.Out)["findings"].size(), Warnings.size());
}

TEST_P(CorpusPrograms, PluginWithExportedFactsSeesTheSameWarnings) {
  Outcome Export = Work.asynclint("check -p . --config='{}' -j2 --export-facts facts.json");
  ASSERT_EQ(Export.Status, 1) << Export.Err;
  std::string Config = "{CheckOptions: {FactFiles: '" + Work.path("facts.json").string() + "'}}";
  std::vector<Diagnostic> Warnings, Notes;
  for (const corpus::CorpusFile &Unit : Units) {
    std::string Command =
        quote(ASYNCLINT_TEST_CLANG_TIDY) + " --load=" + quote(ASYNCLINT_TEST_PLUGIN) +
        " -checks='-*,async-*' --config=" + quote(Config) + " " + quote(Unit.Path.string()) + " --";
    for (const std::string &Argument : compileArguments(Unit))
      Command += " " + quote(Argument);
    Outcome R = shell(Command, Unit.Path.parent_path());
    for (const corpus::ReportedDiagnostic &D : corpus::parseClangTidyOutput(R.Out, Unit.Path))
      if (D.Severity == "warning")
        Warnings.push_back({Unit.Path.string(), D.Line, D.Check, D.Message});
    for (const corpus::CorpusFile &Other : Units)
      for (const corpus::ReportedDiagnostic &D : corpus::parseClangTidyOutput(R.Out, Other.Path))
        if (D.Severity == "note")
          Notes.push_back({Other.Path.string(), D.Line, "", D.Message});
  }
  compare(expected(Units, false), Warnings, /*ExactlyThese=*/true, "clang-tidy with FactFiles");
  compare(expected(Units, true), Notes, /*ExactlyThese=*/false, "clang-tidy with FactFiles");
}

TEST_P(CorpusPrograms, TheReportDoesNotDependOnJobsOrTheOrderOfUnits) {
  Outcome Parallel = Work.asynclint("check -p . --config='{}' --format=json -j2 --no-cache");
  std::vector<corpus::CorpusFile> Reversed(Units.rbegin(), Units.rend());
  writeDatabase(Work, Reversed, "reversed/compile_commands.json");
  Outcome Serial = Work.asynclint("check -p reversed --config='{}' --format=json -j1 --no-cache");
  ASSERT_EQ(Parallel.Status, 1) << Parallel.Err;
  EXPECT_EQ(Serial.Status, 1) << Serial.Err;
  EXPECT_EQ(Serial.Out, Parallel.Out);
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusPrograms,
                         ::testing::ValuesIn(corpus::findCorpusPrograms(CorpusRoot)),
                         [](const ::testing::TestParamInfo<fs::path> &Info) {
                           return Info.param.filename().string();
                         });

} // namespace
} // namespace asynclint::tooltest
