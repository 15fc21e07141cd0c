//===--- LspClient.cpp ----------------------------------------------------===//
#include "LspClient.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <sstream>
#include <stdexcept>
#include <sys/wait.h>
#include <unistd.h>

namespace asynclint::lsp {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string fileUri(const fs::path &Path) { return "file://" + fs::absolute(Path).string(); }

LspClient::LspClient(Options Given, Seconds Timeout) : Opts(std::move(Given)) {
  int In[2], Out[2];
  if (pipe(In) != 0 || pipe(Out) != 0)
    throw std::runtime_error("pipe: " + std::string(std::strerror(errno)));
  Pid = fork();
  if (Pid < 0)
    throw std::runtime_error("fork: " + std::string(std::strerror(errno)));
  if (Pid == 0) {
    dup2(In[0], STDIN_FILENO);
    dup2(Out[1], STDOUT_FILENO);
    int Log = open(Opts.LogFile.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (Log >= 0)
      dup2(Log, STDERR_FILENO);
    for (int Fd : {In[0], In[1], Out[0], Out[1]})
      close(Fd);
    if (!Opts.WorkingDirectory.empty() && chdir(Opts.WorkingDirectory.c_str()) != 0)
      _exit(127);
    for (const std::string &Entry : Opts.Environment)
      putenv(const_cast<char *>(Entry.c_str()));
    std::vector<char *> Argv;
    for (const std::string &Arg : Opts.Command)
      Argv.push_back(const_cast<char *>(Arg.c_str()));
    Argv.push_back(nullptr);
    execvp(Argv[0], Argv.data());
    _exit(127);
  }
  close(In[0]);
  close(Out[1]);
  ToServer = In[1];
  FromServer = Out[0];
  signal(SIGPIPE, SIG_IGN); // a server that died shows as a failed write, not a killed test

  json Capabilities = {
      {"textDocument",
       {{"publishDiagnostics", {{"relatedInformation", true}, {"versionSupport", true}}},
        {"codeAction",
         {{"codeActionLiteralSupport",
           {{"codeActionKind", {{"valueSet", {"quickfix", "refactor", "source"}}}}}}}}}}};
  request("initialize",
          {{"processId", getpid()}, {"rootUri", nullptr}, {"capabilities", Capabilities}}, Timeout);
  notify("initialized", json::object());
}

LspClient::~LspClient() {
  try {
    request("shutdown", nullptr, Seconds(10));
    notify("exit", nullptr);
  } catch (const std::exception &) {
    // The server is gone or hung: it is killed below.
  }
  close(ToServer);
  for (int I = 0; I < 50; ++I) {
    if (waitpid(Pid, nullptr, WNOHANG) == Pid) {
      close(FromServer);
      return;
    }
    usleep(100000);
  }
  kill(Pid, SIGKILL);
  waitpid(Pid, nullptr, 0);
  close(FromServer);
}

void LspClient::send(const json &Message) {
  std::string Body = Message.dump();
  std::string Data = "Content-Length: " + std::to_string(Body.size()) + "\r\n\r\n" + Body;
  size_t Written = 0;
  while (Written < Data.size()) {
    ssize_t N = write(ToServer, Data.data() + Written, Data.size() - Written);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      throw std::runtime_error("the language server stopped reading (exited?)\n" + log());
    Written += static_cast<size_t>(N);
  }
}

std::optional<json> LspClient::readMessage(Clock::time_point Deadline) {
  while (true) {
    size_t HeaderEnd = Buffer.find("\r\n\r\n");
    if (HeaderEnd != std::string::npos) {
      size_t Length = 0;
      std::istringstream Headers(Buffer.substr(0, HeaderEnd));
      for (std::string Line; std::getline(Headers, Line);)
        if (Line.rfind("Content-Length:", 0) == 0)
          Length = std::stoul(Line.substr(15));
      if (Buffer.size() >= HeaderEnd + 4 + Length) {
        json Message = json::parse(Buffer.substr(HeaderEnd + 4, Length));
        Buffer.erase(0, HeaderEnd + 4 + Length);
        return Message;
      }
    }
    auto Left = std::chrono::duration_cast<std::chrono::milliseconds>(Deadline - Clock::now());
    if (Left.count() <= 0)
      return std::nullopt;
    pollfd Poll{FromServer, POLLIN, 0};
    int Ready = poll(&Poll, 1, static_cast<int>(std::min<long>(Left.count(), 1000)));
    if (Ready < 0 && errno != EINTR)
      return std::nullopt;
    if (Ready <= 0)
      continue;
    char Chunk[65536];
    ssize_t N = read(FromServer, Chunk, sizeof(Chunk));
    if (N <= 0)
      return std::nullopt; // the server exited
    Buffer.append(Chunk, static_cast<size_t>(N));
  }
}

std::optional<json> LspClient::waitFor(const std::function<bool(const json &)> &Wanted,
                                       Seconds Timeout) {
  for (auto It = Pending.begin(); It != Pending.end(); ++It)
    if (Wanted(*It)) {
      json Found = std::move(*It);
      Pending.erase(It);
      return Found;
    }
  Clock::time_point Deadline = Clock::now() + Timeout;
  while (std::optional<json> Message = readMessage(Deadline)) {
    // Requests from the server (progress, configuration) get an empty answer.
    if (Message->contains("method") && Message->contains("id")) {
      send({{"jsonrpc", "2.0"}, {"id", (*Message)["id"]}, {"result", nullptr}});
      continue;
    }
    if (Wanted(*Message))
      return Message;
    if (Message->contains("method"))
      Pending.push_back(std::move(*Message));
  }
  return std::nullopt;
}

json LspClient::request(const std::string &Method, const json &Params, Seconds Timeout) {
  int Id = NextId++;
  send({{"jsonrpc", "2.0"}, {"id", Id}, {"method", Method}, {"params", Params}});
  std::optional<json> Answer = waitFor(
      [&](const json &M) { return !M.contains("method") && M.value("id", -1) == Id; }, Timeout);
  if (!Answer)
    throw std::runtime_error("no answer to " + Method + "\n" + log());
  if (Answer->contains("error"))
    throw std::runtime_error(Method + " failed: " + (*Answer)["error"].dump());
  return (*Answer)["result"];
}

void LspClient::notify(const std::string &Method, const json &Params) {
  send({{"jsonrpc", "2.0"}, {"method", Method}, {"params", Params}});
}

void LspClient::openDocument(const fs::path &Path, const std::string &Text) {
  notify("textDocument/didOpen",
         {{"textDocument",
           {{"uri", fileUri(Path)}, {"languageId", "cpp"}, {"version", 1}, {"text", Text}}}});
}

void LspClient::changeDocument(const fs::path &Path, const std::string &Text, int Version) {
  notify("textDocument/didChange",
         {{"textDocument", {{"uri", fileUri(Path)}, {"version", Version}}},
          {"contentChanges", {{{"text", Text}}}}});
}

std::optional<json> LspClient::waitForDiagnostics(const fs::path &Path, int Version,
                                                  Seconds Timeout) {
  std::string Uri = fileUri(Path);
  std::optional<json> Published = waitFor(
      [&](const json &M) {
        if (M.value("method", "") != "textDocument/publishDiagnostics")
          return false;
        const json &Params = M["params"];
        return Params.value("uri", "") == Uri && Params.value("version", -1) == Version;
      },
      Timeout);
  if (!Published)
    return std::nullopt;
  return (*Published)["params"]["diagnostics"];
}

std::string LspClient::log() const {
  std::ifstream In(Opts.LogFile);
  std::stringstream Text;
  Text << In.rdbuf();
  std::string Log = Text.str();
  const size_t Keep = 6000; // the end says why; all of it would drown the failure
  return Log.size() <= Keep ? Log : "...\n" + Log.substr(Log.size() - Keep);
}

} // namespace asynclint::lsp
