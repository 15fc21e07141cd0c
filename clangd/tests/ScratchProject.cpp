//===--- ScratchProject.cpp -----------------------------------------------===//
#include "ScratchProject.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace asynclint::lsp {

namespace fs = std::filesystem;

ScratchProject::ScratchProject() {
  std::string Template = (fs::temp_directory_path() / "asynclint-clangd-XXXXXX").string();
  if (!mkdtemp(Template.data()))
    throw std::runtime_error("mkdtemp failed");
  Root = fs::canonical(Template);
}

ScratchProject::~ScratchProject() {
  std::error_code Ignored;
  fs::remove_all(Root, Ignored);
}

fs::path ScratchProject::write(const std::string &Relative, const std::string &Text) {
  fs::path Path = Root / Relative;
  fs::create_directories(Path.parent_path());
  std::ofstream(Path) << Text;
  return Path;
}

void ScratchProject::addCompileCommand(const std::string &Source,
                                       std::vector<std::string> Arguments) {
  auto Known = std::find_if(Commands.begin(), Commands.end(),
                            [&](const auto &Entry) { return Entry.first == Source; });
  if (Known != Commands.end())
    Known->second = std::move(Arguments);
  else
    Commands.emplace_back(Source, std::move(Arguments));
  json Database = json::array();
  for (const auto &[File, Args] : Commands) {
    json Command = Args;
    Command.push_back("-c");
    Command.push_back(File);
    Database.push_back(
        {{"directory", Root.string()}, {"file", (Root / File).string()}, {"arguments", Command}});
  }
  write("compile_commands.json", Database.dump(2));
}

std::unique_ptr<LspClient> ScratchProject::startClangd(std::string Server) const {
  LspClient::Options Opts;
  Opts.Command = {std::move(Server), "--log=verbose", "--background-index=false"};
  Opts.WorkingDirectory = Root;
  Opts.Environment = {"HOME=" + (Root / ".home").string(),
                      "XDG_CONFIG_HOME=" + (Root / ".home/.config").string()};
  Opts.LogFile = Root / "clangd.log";
  return std::make_unique<LspClient>(std::move(Opts));
}

std::vector<corpus::ReportedDiagnostic> reportedDiagnostics(const json &Diagnostics,
                                                            const fs::path &File) {
  std::vector<corpus::ReportedDiagnostic> Reported;
  std::string Uri = fileUri(File);
  for (const json &D : Diagnostics) {
    int Severity = D.value("severity", 1);
    if (Severity > 2)
      continue; // information and hints: clangd's own, not compiler or check findings
    corpus::ReportedDiagnostic Main;
    Main.Line = D["range"]["start"]["line"].get<unsigned>() + 1;
    Main.Severity = Severity == 1 ? "error" : "warning";
    if (D.value("source", "") == "clang-tidy" && D.contains("code"))
      Main.Check = D["code"].get<std::string>();
    Main.Message = D.value("message", "");
    Reported.push_back(Main);
    for (const json &Related : D.value("relatedInformation", json::array())) {
      if (Related["location"].value("uri", "") != Uri)
        continue;
      corpus::ReportedDiagnostic Note;
      Note.Line = Related["location"]["range"]["start"]["line"].get<unsigned>() + 1;
      Note.Severity = "note";
      Note.Message = Related.value("message", "");
      Reported.push_back(Note);
    }
  }
  return Reported;
}

std::vector<json> asyncWarnings(const json &Diagnostics) {
  std::vector<json> Found;
  for (const json &D : Diagnostics)
    if (D.value("source", "") == "clang-tidy" && D.value("code", "").rfind("async-", 0) == 0)
      Found.push_back(D);
  return Found;
}

} // namespace asynclint::lsp
