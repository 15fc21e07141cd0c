//===--- LspClient.h - a language server spoken to as an editor does ------===//
#pragma once

#include <nlohmann/json.hpp>

#include <chrono>
#include <deque>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace asynclint::lsp {

using nlohmann::json;
using Seconds = std::chrono::seconds;

/// "file:///abs/path" for \p Path.
std::string fileUri(const std::filesystem::path &Path);

/// A language server run as a child process and spoken to over its standard
/// input and output (JSON-RPC with Content-Length headers), with the client
/// capabilities of an editor that shows related information and quick fixes.
/// Its standard error goes to a log file, for failure messages.
class LspClient {
public:
  struct Options {
    std::vector<std::string> Command;
    std::filesystem::path WorkingDirectory;
    /// NAME=value entries added to (or replacing) the environment.
    std::vector<std::string> Environment;
    std::filesystem::path LogFile;
  };

  /// Starts the server and completes the initialize handshake; throws
  /// std::runtime_error when it cannot be started or does not answer.
  explicit LspClient(Options Opts, Seconds Timeout = Seconds(60));
  ~LspClient();
  LspClient(const LspClient &) = delete;
  LspClient &operator=(const LspClient &) = delete;

  /// Sends a request and waits for its result (throws on an error answer or a timeout).
  json request(const std::string &Method, const json &Params, Seconds Timeout);
  void notify(const std::string &Method, const json &Params);

  void openDocument(const std::filesystem::path &Path, const std::string &Text);
  void changeDocument(const std::filesystem::path &Path, const std::string &Text, int Version);

  /// The first textDocument/publishDiagnostics for \p Path at \p Version
  /// (the "diagnostics" array), or nothing after \p Timeout.
  std::optional<json> waitForDiagnostics(const std::filesystem::path &Path, int Version,
                                         Seconds Timeout);

  /// The end of the server's standard error so far.
  std::string log() const;

private:
  /// Reads one message, or nothing when \p Deadline passes or the server exits.
  std::optional<json> readMessage(std::chrono::steady_clock::time_point Deadline);
  void send(const json &Message);
  /// Reads until a message satisfies \p Wanted; other notifications are kept.
  std::optional<json> waitFor(const std::function<bool(const json &)> &Wanted, Seconds Timeout);

  Options Opts;
  int Pid = -1;
  int ToServer = -1;
  int FromServer = -1;
  int NextId = 1;
  std::string Buffer;
  std::deque<json> Pending;
};

} // namespace asynclint::lsp
