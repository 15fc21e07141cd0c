//===--- RawRun.cpp -------------------------------------------------------===//
#include "RawRun.h"

#include "Subprocess.h"
#include "asynclint/events.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

namespace asynclint::rttest {
namespace {

/// timeout, then \p Launcher, then \p Prefix (env ...: only the program
/// itself gets the runtime), then the program.
RawRun run(const std::vector<std::string> &Argv, const std::vector<std::string> &Launcher,
           const std::string &Prefix, int BoundSeconds) {
  std::string Line = "timeout -s KILL " + std::to_string(BoundSeconds) + " ";
  for (const std::string &A : Launcher)
    Line += corpus::shellQuote(A) + " ";
  Line += Prefix;
  for (const std::string &A : Argv)
    Line += " " + corpus::shellQuote(A);
  corpus::CommandResult Result = corpus::runShell(Line);
  RawRun Run;
  Run.Output = Result.Output;
  if (Result.Status != -1 && WIFEXITED(Result.Status))
    Run.ExitCode = WEXITSTATUS(Result.Status);
  return Run;
}

} // namespace

RawRun runRaw(const std::vector<std::string> &Argv,
              const std::map<std::string, std::string> &Environment, int BoundSeconds,
              const std::vector<std::string> &Launcher) {
  static std::atomic<unsigned> Counter{0};
  std::filesystem::path Events =
      std::filesystem::path(::testing::TempDir()) /
      ("raw-" + std::to_string(getpid()) + "-" + std::to_string(Counter++) + ".jsonl");
  std::filesystem::remove(Events);
  std::string Prefix = "env LD_PRELOAD=" + corpus::shellQuote(ASYNCLINT_TEST_RUNTIME) +
                       " ASYNCLINT_EVENTS=" + corpus::shellQuote(Events.string());
  for (const auto &[Name, Value] : Environment)
    Prefix += " " + Name + "=" + corpus::shellQuote(Value);
  RawRun Run = run(Argv, Launcher, Prefix, BoundSeconds);
  std::ifstream In(Events);
  unsigned Number = 0;
  for (std::string Line; std::getline(In, Line);) {
    ++Number;
    nlohmann::json Event = nlohmann::json::parse(Line, nullptr, false);
    // The runtime writes nothing that the tool would reject.
    EXPECT_EQ(events::problemWith(Event), "") << "line " << Number << ": " << Line;
    Run.Events.push_back(std::move(Event));
  }
  std::filesystem::remove(Events);
  return Run;
}

RawRun runPlain(const std::vector<std::string> &Argv, int BoundSeconds) {
  return run(Argv, {}, "env -u LD_PRELOAD", BoundSeconds);
}

std::vector<nlohmann::json> eventsOfType(const RawRun &Run, const std::string &Type) {
  std::vector<nlohmann::json> Result;
  for (const nlohmann::json &E : Run.Events)
    if (E.is_object() && E.value("type", "") == Type)
      Result.push_back(E);
  return Result;
}

bool stackHasFunction(const nlohmann::json &Stack, const std::string &Part) {
  for (const nlohmann::json &Frame : Stack)
    if (Frame.value("function", "").find(Part) != std::string::npos)
      return true;
  return false;
}

nlohmann::json watchEntry(const RawRun &Run, const std::string &Variable) {
  for (const nlohmann::json &Start : eventsOfType(Run, "start"))
    for (const nlohmann::json &W : Start["watch"])
      if (W.value("variable", "") == Variable)
        return W;
  return nullptr;
}

} // namespace asynclint::rttest
