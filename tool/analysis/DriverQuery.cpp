//===--- DriverQuery.cpp --------------------------------------------------===//
#include "analysis/DriverQuery.h"

#include <llvm/ADT/StringExtras.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Config/llvm-config.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Program.h>
#if LLVM_VERSION_MAJOR >= 17
#include <llvm/TargetParser/Host.h>
#else
#include <llvm/Support/Host.h>
#endif
#include <llvm/TargetParser/Triple.h>

namespace asynclint::check {

namespace path = llvm::sys::path;

namespace {

/// GCC's own headers (stddef.h, the intrinsics) live in
/// .../lib/gcc/<target>/<version>/include[-fixed]; Clang has its own.
bool isGccBuiltinDirectory(llvm::StringRef Dir) {
  llvm::StringRef Last = path::filename(Dir);
  if (Last != "include" && Last != "include-fixed")
    return false;
  return Dir.contains("/lib/gcc/") || Dir.contains("/lib/gcc-cross/") ||
         Dir.contains("/lib64/gcc/") || Dir.contains("/libexec/gcc/");
}

/// The arguments that change the compiler's search path or target.
std::vector<std::string> searchPathFlags(const std::vector<std::string> &CommandLine) {
  std::vector<std::string> Flags;
  for (size_t I = 1; I < CommandLine.size(); ++I) {
    llvm::StringRef Arg = CommandLine[I];
    bool TakesNext = Arg == "--sysroot" || Arg == "-isysroot" || Arg == "-target";
    if (TakesNext || Arg.starts_with("--sysroot=") || Arg.starts_with("--target=") ||
        Arg.starts_with("-stdlib=") || Arg.starts_with("-specs=") || Arg.starts_with("--specs=") ||
        Arg == "-m32" || Arg == "-m64" || Arg == "-mx32" || Arg == "-nostdinc" ||
        Arg == "-nostdinc++") {
      Flags.push_back(Arg.str());
      if (TakesNext && I + 1 < CommandLine.size())
        Flags.push_back(CommandLine[++I]);
    }
  }
  return Flags;
}

bool namesTarget(const std::vector<std::string> &CommandLine) {
  for (const std::string &Arg : CommandLine)
    if (Arg == "-target" || llvm::StringRef(Arg).starts_with("--target="))
      return true;
  return false;
}

/// "c" for a C command, else "c++" (the language of the system headers asked for).
std::string languageOf(const std::vector<std::string> &CommandLine) {
  for (size_t I = 1; I < CommandLine.size(); ++I) {
    llvm::StringRef Arg = CommandLine[I];
    if (Arg == "-x" && I + 1 < CommandLine.size())
      return CommandLine[I + 1] == "c" ? "c" : "c++";
    if (Arg == "-xc")
      return "c";
  }
  for (const std::string &Arg : CommandLine)
    if (path::extension(Arg) == ".c")
      return "c";
  return "c++";
}

std::string resolveDriver(const std::string &Driver, const std::string &Directory) {
  if (Driver.find('/') == std::string::npos) {
    llvm::ErrorOr<std::string> Found = llvm::sys::findProgramByName(Driver);
    return Found ? *Found : "";
  }
  llvm::SmallString<256> Path(Driver);
  if (!path::is_absolute(Path)) {
    Path = Directory;
    path::append(Path, Driver);
  }
  path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

} // namespace

std::optional<DriverFacts> parseDriverOutput(const std::string &Stderr) {
  llvm::SmallVector<llvm::StringRef> Lines;
  llvm::StringRef(Stderr).split(Lines, '\n');
  DriverFacts Facts;
  bool InList = false, SawList = false, SawBuiltin = false;
  for (llvm::StringRef Line : Lines) {
    if (Line.contains("clang version"))
      return std::nullopt;
    if (Line.consume_front("Target: "))
      Facts.Target = Line.trim().str();
    if (Line.starts_with("#include <...> search starts here:")) {
      InList = SawList = true;
      continue;
    }
    if (Line.starts_with("End of search list."))
      InList = false;
    if (!InList)
      continue;
    llvm::StringRef Dir = Line.trim();
    Dir.consume_back(" (framework directory)");
    llvm::SmallString<256> Clean(Dir);
    path::remove_dots(Clean, /*remove_dot_dot=*/true);
    if (isGccBuiltinDirectory(Clean))
      SawBuiltin = true;
    else
      (SawBuiltin ? Facts.After : Facts.Before).push_back(std::string(Clean));
  }
  if (!SawList || Stderr.find("gcc version") == std::string::npos)
    return std::nullopt;
  return Facts;
}

DriverQueries::DriverQueries(const std::string &Globs) {
  llvm::SmallVector<llvm::StringRef> Items;
  llvm::StringRef(Globs).split(Items, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Item : Items)
    if (llvm::Expected<llvm::GlobPattern> Pattern = llvm::GlobPattern::create(Item.trim()))
      Allowed.push_back(std::move(*Pattern));
    else
      llvm::consumeError(Pattern.takeError());
}

std::optional<DriverFacts> DriverQueries::query(const std::string &Driver,
                                                const std::vector<std::string> &Flags,
                                                std::string &Note) {
  llvm::SmallString<128> ErrFile;
  if (llvm::sys::fs::createTemporaryFile("asynclint-driver", "txt", ErrFile))
    return std::nullopt;
  std::vector<llvm::StringRef> Argv{Driver, "-E", "-v", "-x", Flags.front(), "-"};
  for (size_t I = 1; I < Flags.size(); ++I)
    Argv.push_back(Flags[I]);
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""), llvm::StringRef(""),
                                                ErrFile.str()};
  std::string Error;
  int Status = llvm::sys::ExecuteAndWait(Driver, Argv, std::nullopt, Redirects,
                                         /*SecondsToWait=*/30, /*MemoryLimit=*/0, &Error);
  auto Buffer = llvm::MemoryBuffer::getFile(ErrFile);
  std::string Output = Buffer ? (*Buffer)->getBuffer().str() : "";
  llvm::sys::fs::remove(ErrFile);
  std::string Shown = Driver + " (" + Flags.front() + ")";
  if (Status != 0) {
    Note = "could not ask " + Shown + " for its system headers (" +
           (Error.empty() ? "exit status " + std::to_string(Status) : Error) +
           "); Clang's own are used";
    return std::nullopt;
  }
  std::optional<DriverFacts> Facts = parseDriverOutput(Output);
  if (Facts)
    Note = Shown + ": target " + Facts->Target + ", system headers " +
           llvm::join(Facts->Before, " ") + " [Clang's builtin headers] " +
           llvm::join(Facts->After, " ");
  return Facts;
}

std::string DriverQueries::adapt(std::vector<std::string> &CommandLine,
                                 const std::string &Directory) {
  if (CommandLine.empty() || Allowed.empty() ||
      path::filename(CommandLine.front()).contains("clang"))
    return "";
  std::string Driver = resolveDriver(CommandLine.front(), Directory);
  if (Driver.empty() || std::none_of(Allowed.begin(), Allowed.end(),
                                     [&](const auto &Glob) { return Glob.match(Driver); }))
    return "";
  std::vector<std::string> Flags = searchPathFlags(CommandLine);
  Flags.insert(Flags.begin(), languageOf(CommandLine));
  std::string Key = Driver + "\n" + llvm::join(Flags, "\n");

  std::string Note;
  std::optional<DriverFacts> Facts;
  {
    std::lock_guard<std::mutex> Lock(Mutex);
    auto It = Cache.find(Key);
    if (It == Cache.end())
      It = Cache.emplace(Key, query(Driver, Flags, Note)).first;
    Facts = It->second;
  }
  if (!Facts)
    return Note;

  // GCC's search order, with Clang's builtin headers where GCC's were:
  // -isystem comes before Clang's resource directory, -idirafter after it.
  std::vector<std::string> Added{"-nostdlibinc", "-Wno-unknown-warning-option"};
  if (Flags.front() == "c++")
    Added.push_back("-nostdinc++");
  llvm::Triple Host(llvm::sys::getDefaultTargetTriple());
  if (!Facts->Target.empty() && !namesTarget(CommandLine) &&
      llvm::Triple(Facts->Target).getArch() != Host.getArch())
    Added.push_back("--target=" + Facts->Target);
  for (const std::string &Dir : Facts->Before) {
    Added.push_back("-isystem");
    Added.push_back(Dir);
  }
  for (const std::string &Dir : Facts->After) {
    Added.push_back("-idirafter");
    Added.push_back(Dir);
  }
  CommandLine.insert(CommandLine.end(), Added.begin(), Added.end());
  return Note;
}

} // namespace asynclint::check
