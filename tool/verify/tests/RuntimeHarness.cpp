//===--- RuntimeHarness.cpp -----------------------------------------------===//
#include "RuntimeHarness.h"

#include "Subprocess.h"
#include "verify/EventLog.h"
#include "verify/Join.h"
#include "verify/Symbolizer.h"

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <unistd.h>

namespace asynclint::rttest {

ShellResult shell(const std::string &Command) {
  corpus::CommandResult Run = corpus::runShell(Command);
  bool Exited = Run.Status != -1 && WIFEXITED(Run.Status);
  return {Exited ? WEXITSTATUS(Run.Status) : -1, Run.Output};
}

ObservedRun runObserved(const std::vector<std::string> &Argv,
                        const std::vector<std::string> &Watch) {
  ObservedRun Run = runObservedFor(Argv, Watch, 5);
  EXPECT_FALSE(Run.Outcome.TimedOut);
  return Run;
}

ObservedRun runObservedFor(const std::vector<std::string> &Argv,
                           const std::vector<std::string> &Watch, double Seconds) {
  static std::atomic<unsigned> Counter{0};
  std::filesystem::path Dir = std::filesystem::temp_directory_path() / "asynclint-rt-tests";
  std::filesystem::create_directories(Dir);
  std::string Events =
      (Dir / ("events-" + std::to_string(getpid()) + "-" + std::to_string(Counter++) + ".jsonl"))
          .string();
  verify::RunOptions Options;
  Options.Argv = Argv;
  Options.EventsPath = Events;
  Options.RuntimePath = ASYNCLINT_TEST_RUNTIME;
  Options.Watch = Watch;
  Options.TimeoutSeconds = Seconds;
  // A terminal would flush stdio line by line, a pipe at exit: the same
  // either way, whoever runs the tests.
  Options.DiscardOutput = true;
  ObservedRun Run;
  Run.Outcome = verify::runUnderRuntime(Options);
  EXPECT_TRUE(Run.Outcome.Started) << Run.Outcome.Error;
  verify::EventLog Log;
  std::string Error;
  EXPECT_TRUE(verify::EventLog::read(Events, Log, Error)) << Error;
  Log.resolveRawAddresses();
  EXPECT_TRUE(verify::symbolizeEvents(Log.Events, verify::defaultSymbolizer(), Error)) << Error;
  Run.Events = std::move(Log.Events);
  std::filesystem::remove(Events);
  return Run;
}

std::vector<nlohmann::json> eventsOfType(const ObservedRun &Run, const std::string &Type) {
  std::vector<nlohmann::json> Result;
  for (const nlohmann::json &E : Run.Events)
    if (E.value("type", "") == Type)
      Result.push_back(E);
  return Result;
}

std::string watchRefusal(const ObservedRun &Run) {
  for (const nlohmann::json &E : Run.Events)
    if (E.value("type", "") == "start" && E.contains("watch"))
      for (const nlohmann::json &W : E["watch"])
        if (W.value("reason", "").find("perf_event_open") != std::string::npos)
          return W.value("reason", "");
  return "";
}

unsigned lineOf(const std::string &File, const std::string &Marker) {
  std::ifstream In(File);
  std::string Line;
  for (unsigned N = 1; std::getline(In, Line); ++N)
    if (Line.find(Marker) != std::string::npos)
      return N;
  ADD_FAILURE() << "no line with " << Marker << " in " << File;
  return 0;
}

bool eventHits(const nlohmann::json &Event, const std::string &File, unsigned Line) {
  for (const nlohmann::json *Stack : verify::stacksOf(Event))
    for (const nlohmann::json &Frame : *Stack)
      if (verify::frameAt(Frame, File, Line))
        return true;
  return false;
}

} // namespace asynclint::rttest
