//===--- RunCommand.cpp - asynclint run -----------------------------------===//
//
// Runs a program (built with -g) under the instrumented runtime and leaves
// its events, symbolised to source lines, in a JSON-lines file for
// `asynclint verify`.
//
//===----------------------------------------------------------------------===//
#include "commands/Command.h"

#include "asynclint/events.h"
#include "findings/Findings.h"
#include "verify/EventLog.h"
#include "verify/Join.h"
#include "verify/RunProgram.h"
#include "verify/SpawnSites.h"

#include <llvm/Support/CommandLine.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/raw_ostream.h>

#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <set>

namespace asynclint::tool {
namespace {

namespace cl = llvm::cl;

cl::SubCommand Sub("run", "Run a program under the asynclint runtime and record what it observes "
                          "(asynclint run [options] -- program args...)");

cl::list<std::string> Program(cl::Positional, cl::OneOrMore, cl::sub(Sub),
                              cl::desc("-- <program> [args...]"));
cl::opt<std::string> EventsFile("events", cl::sub(Sub), cl::value_desc("file"),
                                cl::desc("Events file to write (default: asynclint-events.jsonl)"),
                                cl::init("asynclint-events.jsonl"));
cl::opt<std::string> RuntimeLibrary("runtime", cl::sub(Sub), cl::value_desc("path"),
                                    cl::desc("libasynclint-rt.so to preload (default: the one "
                                             "installed beside asynclint)"));
cl::opt<std::string>
    FindingsFile("findings", cl::sub(Sub), cl::value_desc("file"),
                 cl::desc("Findings (asynclint check --format json): the variables of its\n"
                          "async-unguarded-shared-state findings are watched"));
cl::list<std::string> Watch("watch", cl::sub(Sub), cl::CommaSeparated, cl::value_desc("names"),
                            cl::desc("Variables to watch for unguarded writes (qualified names, "
                                     "at most 4)"));
cl::list<std::string>
    SpawnSite("spawn-site", cl::sub(Sub), cl::value_desc("file:line:task"),
              cl::desc("A coroutine task spawned at file:line to watch for being awaited at once\n"
                       "(besides the async-immediate-await findings of --findings)"));
cl::opt<std::string>
    Executable("executable", cl::sub(Sub), cl::value_desc("path"),
               cl::desc("The program's executable, when the command runs it through a wrapper\n"
                        "(env, taskset, a script): coroutine spawn sites are found in it\n"
                        "(default: the command's program)"));
cl::opt<double> Timeout("timeout", cl::sub(Sub), cl::value_desc("seconds"),
                        cl::desc("Kill the program after this long (default: no limit)"),
                        cl::init(0));

int runRun() {
  verify::RunOptions Options;
  Options.Argv.assign(Program.begin(), Program.end());
  Options.EventsPath = EventsFile;
  Options.TimeoutSeconds = Timeout;
  Options.RuntimePath = RuntimeLibrary;
  if (Options.RuntimePath.empty()) {
    std::string Executable =
        llvm::sys::fs::getMainExecutable("asynclint", reinterpret_cast<void *>(&runRun));
    Options.RuntimePath = verify::findRuntime(Executable);
    if (Options.RuntimePath.empty()) {
      llvm::errs() << "asynclint run: the runtime library libasynclint-rt.so is missing; looked "
                      "in:\n";
      for (const std::string &Place : verify::runtimeCandidates(Executable))
        llvm::errs() << "  " << Place << "\n";
      llvm::errs() << "install it beside asynclint (cmake --install) or pass --runtime PATH\n";
      return ExitUsage;
    }
  }
  // Said while the program runs: a server may run for hours.
  // Each process (a wrapper, the program, forked children) writes its own
  // start event: each thing not watched is said once.
  auto Said = std::make_shared<std::set<std::string>>();
  Options.OnStart = [Said](const nlohmann::json &Start) {
    auto unwatched = [&](const char *List, const char *Key, const char *What) {
      if (!Start.contains(List) || !Start[List].is_array())
        return;
      for (const nlohmann::json &W : Start[List])
        // A wrapper's process (the first to start) is not the program the
        // spawn sites belong to: the program's own start event says more.
        if (W.is_object() && W.value("status", "") != events::Watching &&
            W.value("reason", "").rfind(events::SpawnSiteOtherProgram, 0) != 0 &&
            Said->insert(std::string(What) + W.value(Key, "?") + W.value("reason", "")).second)
          llvm::errs() << "asynclint run: not watching " << What << "'" << W.value(Key, "?")
                       << "': " << W.value("reason", "no reason given") << "\n";
    };
    unwatched("watch", "variable", "");
    unwatched("spawn_watch", "site", "the coroutine spawn at ");
  };
  std::set<std::string> Variables(Watch.begin(), Watch.end());
  std::vector<verify::SpawnRequest> Spawns;
  for (const std::string &Text : SpawnSite) {
    verify::SpawnRequest R;
    if (!verify::parseSpawnRequest(Text, R)) {
      llvm::errs() << "asynclint run: --spawn-site '" << Text << "' is not file:line:task\n";
      return ExitUsage;
    }
    Spawns.push_back(R);
  }
  if (!FindingsFile.empty()) {
    std::ifstream In(FindingsFile);
    nlohmann::json J = nlohmann::json::parse(In, nullptr, false);
    if (J.is_discarded()) {
      llvm::errs() << "asynclint run: '" << FindingsFile << "' is not a JSON report\n";
      return ExitUsage;
    }
    try {
      std::vector<findings::Finding> Findings = findings::reportFromJson(J).Findings;
      for (const findings::Finding &F : Findings)
        if (F.Check == "async-unguarded-shared-state")
          if (std::string V = verify::flaggedVariable(F); !V.empty())
            Variables.insert(V);
      for (const verify::SpawnRequest &R : verify::spawnRequests(Findings))
        Spawns.push_back(R);
    } catch (const std::exception &E) {
      llvm::errs() << "asynclint run: " << FindingsFile << ": " << E.what() << "\n";
      return ExitUsage;
    }
  }
  Options.Watch.assign(Variables.begin(), Variables.end());
  // Breakpoints only for the spawns asked about: none, no cost.
  if (nlohmann::json Sites = verify::resolveSpawnSites(
          Executable.empty() ? Options.Argv.front() : std::string(Executable), Spawns);
      !Sites.empty())
    Options.SpawnSites = Sites.dump();

  verify::RunOutcome Outcome = verify::runUnderRuntime(Options);
  if (!Outcome.Started) {
    llvm::errs() << "asynclint run: " << Outcome.Error << "\n";
    return ExitUsage;
  }
  if (Outcome.Forwarded)
    llvm::errs() << "asynclint run: passed signal " << Outcome.Forwarded << " ("
                 << strsignal(Outcome.Forwarded) << ") on to the program\n";
  if (!Outcome.RuntimeStarted) {
    llvm::errs() << "asynclint run: the program never started the runtime (no start event in "
                 << EventsFile
                 << "): nothing was observed. A static or setuid program ignores LD_PRELOAD.\n";
    return Outcome.ExitCode;
  }
  std::string Error;
  if (!verify::symbolizeEventFile(EventsFile, Error))
    llvm::errs() << "asynclint run: events left unsymbolised: " << Error << "\n";

  verify::EventLog Log;
  if (!verify::EventLog::read(EventsFile, Log, Error)) {
    llvm::errs() << "asynclint run: " << Error << "\n";
    return Outcome.ExitCode;
  }
  std::map<std::string, unsigned> Counts;
  for (const nlohmann::json *E : Log.observations())
    ++Counts[E->value("type", "?")];
  llvm::errs() << "asynclint run: " << Log.observations().size() << " events";
  for (const auto &[Type, Count] : Counts)
    llvm::errs() << ", " << Count << " " << Type;
  llvm::errs() << " in " << EventsFile;
  if (Outcome.TimedOut)
    llvm::errs() << " (killed after " << Timeout << " s)";
  llvm::errs() << "\n";
  return Outcome.ExitCode;
}

} // namespace

static RegisterCommand Registration(Sub, runRun);

} // namespace asynclint::tool
