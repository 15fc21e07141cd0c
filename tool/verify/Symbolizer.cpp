//===--- Symbolizer.cpp ---------------------------------------------------===//
#include "Symbolizer.h"

#include "EventLog.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>

namespace asynclint::verify {

std::string defaultSymbolizer() {
  if (const char *Env = std::getenv("ASYNCLINT_SYMBOLIZER"); Env && *Env)
    return Env;
#ifdef ASYNCLINT_LLVM_SYMBOLIZER
  if (::access(ASYNCLINT_LLVM_SYMBOLIZER, X_OK) == 0)
    return ASYNCLINT_LLVM_SYMBOLIZER;
#endif
  return "llvm-symbolizer";
}

namespace {
std::string shellQuote(const std::string &S) {
  std::string Out = "'";
  for (char C : S)
    Out += C == '\'' ? std::string("'\\''") : std::string(1, C);
  return Out + "'";
}
} // namespace

bool symbolizeEvents(std::vector<nlohmann::json> &Events, const std::string &Symbolizer,
                     std::string &Error) {
  // One request per distinct (module, offset); frames repeat a lot.
  std::map<std::pair<std::string, std::string>, nlohmann::json> Answers;
  for (nlohmann::json &E : Events)
    for (nlohmann::json *Stack : stacksOf(E))
      for (nlohmann::json &Frame : *Stack)
        if (Frame.contains("module") && Frame.contains("offset") && !Frame.contains("file") &&
            !Frame["module"].get<std::string>().empty())
          Answers[{Frame["module"].get<std::string>(), Frame["offset"].get<std::string>()}];
  if (Answers.empty())
    return true;

  char Input[] = "/tmp/asynclint-symbolize-XXXXXX";
  int Fd = mkstemp(Input);
  if (Fd < 0) {
    Error = "cannot create a temporary file for llvm-symbolizer";
    return false;
  }
  ::close(Fd);
  {
    std::ofstream Out(Input);
    for (const auto &[Key, Unused] : Answers) {
      (void)Unused;
      // The quoted form keeps paths with blanks in one piece.
      Out << '"' << Key.first << "\" " << Key.second << "\n";
    }
  }
  std::string Command = shellQuote(Symbolizer) + " --output-style=JSON --inlining --demangle < " +
                        shellQuote(Input) + " 2>/dev/null";
  FILE *Pipe = popen(Command.c_str(), "r");
  if (!Pipe) {
    std::remove(Input);
    Error = "cannot run '" + Symbolizer + "'";
    return false;
  }
  std::string Output;
  char Buffer[65536];
  size_t N;
  while ((N = std::fread(Buffer, 1, sizeof(Buffer), Pipe)) > 0)
    Output.append(Buffer, N);
  int Status = pclose(Pipe);
  std::remove(Input);

  size_t Start = 0;
  auto It = Answers.begin();
  while (Start < Output.size() && It != Answers.end()) {
    size_t End = Output.find('\n', Start);
    if (End == std::string::npos)
      End = Output.size();
    nlohmann::json Line = nlohmann::json::parse(Output.substr(Start, End - Start), nullptr, false);
    Start = End + 1;
    if (Line.is_discarded())
      continue;
    It->second = Line;
    ++It;
  }
  if (It != Answers.end()) {
    Error = "'" + Symbolizer + "' failed (status " + std::to_string(Status) + ")";
    return false;
  }

  for (nlohmann::json &E : Events)
    for (nlohmann::json *Stack : stacksOf(E))
      for (nlohmann::json &Frame : *Stack) {
        if (!Frame.contains("module") || !Frame.contains("offset") || Frame.contains("file"))
          continue;
        auto Found =
            Answers.find({Frame["module"].get<std::string>(), Frame["offset"].get<std::string>()});
        if (Found == Answers.end() || !Found->second.contains("Symbol"))
          continue;
        nlohmann::json Inlined = nlohmann::json::array();
        for (const nlohmann::json &S : Found->second["Symbol"]) {
          std::string File = S.value("FileName", "");
          if (File.empty() || S.value("Line", 0) == 0)
            continue;
          Inlined.push_back({{"function", S.value("FunctionName", "")},
                             {"file", std::filesystem::path(File).lexically_normal().string()},
                             {"line", S.value("Line", 0)}});
        }
        if (Inlined.empty())
          continue;
        Frame["file"] = Inlined[0]["file"];
        Frame["line"] = Inlined[0]["line"];
        if (!Frame.contains("function"))
          Frame["function"] = Inlined[0]["function"];
        if (Inlined.size() > 1)
          Frame["inlined"] = Inlined;
      }
  return true;
}

} // namespace asynclint::verify
