//===--- UnitAnalysis.cpp -------------------------------------------------===//
#include "wholeprogram/UnitAnalysis.h"

#include "common/AstFacts.h"
#include "common/FactChannel.h"

#include <clang-tidy/GlobList.h>

#include <map>
#include <tuple>

namespace asynclint::wholeprogram {

namespace {

constexpr const char *BlockingCheck = "async-blocking-in-coroutine";
constexpr const char *SharedStateCheck = "async-unguarded-shared-state";

/// Keeps what the checks of one unit record.
class UnitFactCollector : public facts::FactSink {
public:
  explicit UnitFactCollector(bool WholeProgram) : WholeProgram(WholeProgram) {}

  bool wantsFunctionFacts() const override { return WholeProgram; }
  void function(facts::FunctionFacts Facts) override { Unit.Functions.push_back(std::move(Facts)); }
  void coroutineUses(const std::string &Id, facts::CoroutineUses Uses) override {
    facts::CoroutineUses &Total = Unit.Coroutines[Id];
    Total.Uses += Uses.Uses;
    Total.PoolSpawns += Uses.PoolSpawns;
  }
  void sharedState(facts::SharedStateFacts Facts) override {
    Unit.SharedState.push_back(std::move(Facts));
  }
  void finding(llvm::StringRef Check, const clang::SourceManager &SM, clang::SourceLocation Loc,
               nlohmann::json Properties) override {
    // Named as clang-tidy's diagnostics are, to find the finding again.
    facts::Place At = facts::placeOf(SM, Loc);
    FindingProperties[{Check.str(), At.File, At.Line, At.Column}] = std::move(Properties);
  }

  /// Gives each finding the properties its check recorded at its place.
  void attachTo(std::vector<findings::Finding> &Findings) {
    for (findings::Finding &F : Findings)
      if (auto It = FindingProperties.find({F.Check, F.Loc.File, F.Loc.Line, F.Loc.Column});
          It != FindingProperties.end())
        F.Properties = It->second;
  }
  facts::UnitFacts take() { return std::move(Unit); }

private:
  bool WholeProgram;
  facts::UnitFacts Unit;
  std::map<std::tuple<std::string, std::string, unsigned, unsigned>, nlohmann::json>
      FindingProperties;
};

/// What WarningsAsErrors makes of the findings the whole program adds in
/// this unit, as clang-tidy makes of the unit's own.
void markChecksAsErrors(const check::Unit &U, const check::TidySettings &Settings,
                        llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS,
                        facts::UnitFacts &Facts) {
  bool Any = !Facts.SharedState.empty();
  for (const facts::FunctionFacts &F : Facts.Functions)
    Any |= F.CoroutineCalls && !F.CoroutineCalls->OpenCalls.empty();
  if (!Any)
    return;
  check::ConfigurationProblems Ignored; // the analysis reported them
  clang::tidy::ClangTidyOptions Options =
      check::makeOptionsProvider(Settings, Ignored, std::move(FS))->getOptions(U.File);
  auto AsError = [&](const char *Check) {
    return Options.WarningsAsErrors &&
           clang::tidy::GlobList(*Options.WarningsAsErrors).contains(Check);
  };
  bool Blocking = AsError(BlockingCheck), SharedState = AsError(SharedStateCheck);
  for (facts::FunctionFacts &F : Facts.Functions)
    if (F.CoroutineCalls)
      F.CoroutineCalls->AsError = Blocking;
  for (facts::SharedStateFacts &F : Facts.SharedState)
    F.AsError = SharedState;
}

} // namespace

check::UnitResult analyseUnit(const check::Unit &U, const check::TidySettings &Settings,
                              bool WholeProgram,
                              llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> BaseFS) {
  UnitFactCollector Collector(WholeProgram);
  check::UnitResult Result;
  {
    facts::ScopedFactSink Listening(Collector);
    Result = check::runChecks(U, Settings, BaseFS);
  }
  Collector.attachTo(Result.Findings);
  // Facts of code that does not compile would describe code that is not there.
  if (!Result.Error) {
    Result.Facts = Collector.take();
    markChecksAsErrors(U, Settings, BaseFS, Result.Facts);
  }
  return Result;
}

} // namespace asynclint::wholeprogram
