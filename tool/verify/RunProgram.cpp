//===--- RunProgram.cpp ---------------------------------------------------===//
#include "RunProgram.h"

#include "EventLog.h"
#include "Symbolizer.h"
#include "asynclint/events.h"

#include <algorithm>
#include <iterator>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace asynclint::verify {

std::vector<std::string> runtimeCandidates(const std::string &ExecutablePath) {
  namespace fs = std::filesystem;
  const char *Library = "libasynclint-rt.so";
  std::vector<std::string> Result;
  auto add = [&](const fs::path &P) {
    std::string Text = P.lexically_normal().string();
    if (std::find(Result.begin(), Result.end(), Text) == Result.end())
      Result.push_back(Text);
  };
  if (!ExecutablePath.empty()) {
    fs::path Folder = fs::path(ExecutablePath).parent_path();
    add(Folder / Library);
    add(Folder.parent_path() / "lib" / Library);
#ifdef ASYNCLINT_INSTALL_LIBDIR
    add(Folder.parent_path() / ASYNCLINT_INSTALL_LIBDIR / Library);
#endif
  }
#ifdef ASYNCLINT_INSTALL_FULL_LIBDIR
  add(fs::path(ASYNCLINT_INSTALL_FULL_LIBDIR) / Library);
#endif
  return Result;
}

std::string findRuntime(const std::string &ExecutablePath) {
  for (const std::string &Candidate : runtimeCandidates(ExecutablePath))
    if (::access(Candidate.c_str(), R_OK) == 0)
      return Candidate;
  return "";
}

namespace {

/// The program being run, for the forwarding handler; 0 when none.
volatile sig_atomic_t RunningChild = 0;
volatile sig_atomic_t ForwardedSignal = 0;
constexpr int ForwardedSignals[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT};

void forward(int Signal, siginfo_t *Info, void *) {
  // A terminal sends Ctrl-C to its whole foreground process group, the
  // program included: only signals another process sent to the runner
  // alone (si_code <= 0: kill, sigqueue, tgkill) are passed on.
  if (Info && Info->si_code > 0)
    return;
  if (pid_t Child = RunningChild) {
    ForwardedSignal = Signal;
    kill(Child, Signal);
  }
}

/// Installs the forwarding handlers for its lifetime.
class Forwarding {
public:
  explicit Forwarding(pid_t Child) {
    RunningChild = Child;
    ForwardedSignal = 0;
    struct sigaction Action = {};
    Action.sa_sigaction = forward;
    Action.sa_flags = SA_SIGINFO | SA_RESTART;
    sigemptyset(&Action.sa_mask);
    for (size_t I = 0; I < std::size(ForwardedSignals); ++I)
      sigaction(ForwardedSignals[I], &Action, &Saved[I]);
  }
  ~Forwarding() {
    for (size_t I = 0; I < std::size(ForwardedSignals); ++I)
      sigaction(ForwardedSignals[I], &Saved[I], nullptr);
    RunningChild = 0;
  }
  Forwarding(const Forwarding &) = delete;
  Forwarding &operator=(const Forwarding &) = delete;

private:
  struct sigaction Saved[std::size(ForwardedSignals)];
};

/// Reads the start events of a growing events file as they come: one per
/// process under the runtime (a wrapper's, the program's, forked children's).
class StartEvents {
public:
  explicit StartEvents(std::string Path) : Path(std::move(Path)) {}

  /// The start events completed since the last call.
  std::vector<nlohmann::json> poll() {
    std::vector<nlohmann::json> Found;
    std::ifstream In(Path);
    In.seekg(Offset);
    std::string Line;
    // Only complete lines: the last one may still be being written.
    while (std::getline(In, Line) && !In.eof()) {
      Offset += static_cast<std::streamoff>(Line.size()) + 1;
      nlohmann::json E = nlohmann::json::parse(Line, nullptr, false);
      if (E.is_object() && E.value("type", "") == events::name(events::Type::Start))
        Found.push_back(std::move(E));
    }
    return Found;
  }

private:
  std::string Path;
  std::streamoff Offset = 0;
};

} // namespace

RunOutcome runUnderRuntime(const RunOptions &Options) {
  namespace fs = std::filesystem;
  RunOutcome Outcome;
  if (Options.Argv.empty()) {
    Outcome.Error = "no program to run";
    return Outcome;
  }
  if (::access(Options.RuntimePath.c_str(), R_OK) != 0) {
    Outcome.Error = "runtime library '" + Options.RuntimePath + "' not found";
    return Outcome;
  }
  std::error_code Ignored;
  std::string Events = fs::absolute(Options.EventsPath, Ignored).string();
  {
    std::ofstream Truncate(Events, std::ios::trunc);
  }

  std::string Preload = Options.RuntimePath;
  if (const char *Existing = std::getenv("LD_PRELOAD"); Existing && *Existing)
    Preload += std::string(":") + Existing;
  std::string Watch;
  for (const std::string &V : Options.Watch)
    Watch += (Watch.empty() ? "" : ",") + V;

  std::vector<char *> Argv;
  for (const std::string &A : Options.Argv)
    Argv.push_back(const_cast<char *>(A.c_str()));
  Argv.push_back(nullptr);

  // Blocked from before the fork until the forwarding handlers are in
  // place: a signal in between is then forwarded, not lost.
  sigset_t Termination, Saved;
  sigemptyset(&Termination);
  for (int Signal : ForwardedSignals)
    sigaddset(&Termination, Signal);
  sigprocmask(SIG_BLOCK, &Termination, &Saved);
  pid_t Child = fork();
  if (Child < 0) {
    sigprocmask(SIG_SETMASK, &Saved, nullptr);
    Outcome.Error = std::string("fork: ") + std::strerror(errno);
    return Outcome;
  }
  if (Child == 0) {
    sigprocmask(SIG_SETMASK, &Saved, nullptr);
    setenv("LD_PRELOAD", Preload.c_str(), 1);
    setenv("ASYNCLINT_EVENTS", Events.c_str(), 1);
    if (!Watch.empty())
      setenv("ASYNCLINT_WATCH", Watch.c_str(), 1);
    if (!Options.SpawnSites.empty())
      setenv("ASYNCLINT_SPAWN_SITES", Options.SpawnSites.c_str(), 1);
    if (Options.DiscardOutput) {
      int Null = open("/dev/null", O_WRONLY);
      if (Null >= 0) {
        dup2(Null, STDOUT_FILENO);
        dup2(Null, STDERR_FILENO);
      }
    }
    execvp(Argv[0], Argv.data());
    std::fprintf(stderr, "asynclint run: cannot run '%s': %s\n", Argv[0], std::strerror(errno));
    _exit(127);
  }
  Outcome.Started = true;
  Forwarding Forwarder(Child);
  sigprocmask(SIG_SETMASK, &Saved, nullptr);
  auto Deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(Options.TimeoutSeconds);
  int Status = 0;
  StartEvents Starts(Events);
  auto NoteStarts = [&] {
    for (const nlohmann::json &Start : Starts.poll()) {
      Outcome.RuntimeStarted = true;
      if (Options.OnStart)
        Options.OnStart(Start);
    }
  };
  for (;;) {
    pid_t Done = waitpid(Child, &Status, WNOHANG);
    if (Done == Child)
      break;
    if (Done < 0 && errno != EINTR) {
      Outcome.Error = std::string("waitpid: ") + std::strerror(errno);
      return Outcome;
    }
    NoteStarts();
    if (Options.TimeoutSeconds > 0 && std::chrono::steady_clock::now() >= Deadline) {
      kill(Child, SIGKILL);
      Outcome.TimedOut = true;
      waitpid(Child, &Status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  NoteStarts();
  Outcome.Forwarded = ForwardedSignal;
  Outcome.ExitCode = WIFEXITED(Status) ? WEXITSTATUS(Status) : 128 + WTERMSIG(Status);
  return Outcome;
}

bool symbolizeEventFile(const std::string &EventsPath, std::string &Error) {
  EventLog Log;
  if (!EventLog::read(EventsPath, Log, Error))
    return false;
  Log.resolveRawAddresses();
  if (!symbolizeEvents(Log.Events, defaultSymbolizer(), Error))
    return false;
  std::string Temporary = EventsPath + ".tmp";
  {
    std::ofstream Out(Temporary, std::ios::trunc);
    for (const nlohmann::json &E : Log.Events)
      Out << E.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    if (!Out) {
      Error = "cannot write '" + Temporary + "'";
      return false;
    }
  }
  std::filesystem::rename(Temporary, EventsPath);
  return true;
}

} // namespace asynclint::verify
