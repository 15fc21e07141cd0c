//===--- RunProgram.cpp ---------------------------------------------------===//
#include "RunProgram.h"

#include "EventLog.h"
#include "Symbolizer.h"

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

std::string defaultRuntimePath(const std::string &ExecutablePath) {
  namespace fs = std::filesystem;
  std::error_code Ignored;
  fs::path Beside =
      fs::path(ExecutablePath).parent_path().parent_path() / "lib" / "libasynclint-rt.so";
  if (!ExecutablePath.empty() && fs::exists(Beside, Ignored))
    return Beside.string();
#ifdef ASYNCLINT_RUNTIME_LIBRARY
  return ASYNCLINT_RUNTIME_LIBRARY;
#else
  return Beside.string();
#endif
}

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

  pid_t Child = fork();
  if (Child < 0) {
    Outcome.Error = std::string("fork: ") + std::strerror(errno);
    return Outcome;
  }
  if (Child == 0) {
    setenv("LD_PRELOAD", Preload.c_str(), 1);
    setenv("ASYNCLINT_EVENTS", Events.c_str(), 1);
    if (!Watch.empty())
      setenv("ASYNCLINT_WATCH", Watch.c_str(), 1);
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
  auto Deadline =
      std::chrono::steady_clock::now() + std::chrono::duration<double>(Options.TimeoutSeconds);
  int Status = 0;
  for (;;) {
    pid_t Done = waitpid(Child, &Status, Options.TimeoutSeconds > 0 ? WNOHANG : 0);
    if (Done == Child)
      break;
    if (Done < 0 && errno != EINTR) {
      Outcome.Error = std::string("waitpid: ") + std::strerror(errno);
      return Outcome;
    }
    if (Options.TimeoutSeconds > 0 && std::chrono::steady_clock::now() >= Deadline) {
      kill(Child, SIGKILL);
      Outcome.TimedOut = true;
      waitpid(Child, &Status, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
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
