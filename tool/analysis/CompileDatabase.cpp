//===--- CompileDatabase.cpp ----------------------------------------------===//
#include "analysis/CompileDatabase.h"

#include <clang/Tooling/JSONCompilationDatabase.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <nlohmann/json.hpp>

#include <set>

namespace asynclint::check {

namespace path = llvm::sys::path;

static llvm::Error fail(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

std::string absolutePath(const std::string &Path) {
  llvm::SmallString<256> Absolute(Path);
  llvm::sys::fs::make_absolute(Absolute);
  path::remove_dots(Absolute, /*remove_dot_dot=*/true);
  return std::string(Absolute);
}

static std::string findDatabaseUpwards() {
  llvm::SmallString<256> Dir;
  if (llvm::sys::fs::current_path(Dir))
    return "";
  for (std::string Current(Dir); !Current.empty();
       Current = std::string(path::parent_path(Current))) {
    for (const char *Candidate : {"compile_commands.json", "build/compile_commands.json"}) {
      llvm::SmallString<256> File(Current);
      path::append(File, Candidate);
      if (llvm::sys::fs::is_regular_file(File))
        return std::string(File);
    }
    if (path::parent_path(Current) == Current)
      break;
  }
  return "";
}

llvm::Expected<Database> loadDatabase(const std::string &BuildDir) {
  std::string File;
  if (BuildDir.empty()) {
    File = findDatabaseUpwards();
    if (File.empty())
      return fail("no compile_commands.json in this folder, its build/ or any parent; "
                  "name the build folder with -p");
  } else {
    llvm::SmallString<256> Candidate(BuildDir);
    if (!llvm::sys::fs::is_directory(BuildDir) &&
        path::filename(BuildDir) == "compile_commands.json")
      Candidate = BuildDir;
    else
      path::append(Candidate, "compile_commands.json");
    File = std::string(Candidate);
  }
  File = absolutePath(File);

  auto Buffer = llvm::MemoryBuffer::getFile(File);
  if (!Buffer)
    return fail(File + ": cannot read: " + Buffer.getError().message());
  // JSONCompilationDatabase's own messages span lines and name no position;
  // a parse with nlohmann gives one line with line and column.
  try {
    nlohmann::json Parsed = nlohmann::json::parse((*Buffer)->getBuffer());
    if (!Parsed.is_array())
      return fail(File + ": not a compile database (expected a JSON array of commands)");
    if (Parsed.empty())
      return fail(File + ": the compile database has no commands");
  } catch (const nlohmann::json::parse_error &E) {
    return fail(File + ": invalid JSON: " + E.what());
  }
  std::string Error;
  auto Commands = clang::tooling::JSONCompilationDatabase::loadFromFile(
      File, Error, clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Commands) {
    std::replace(Error.begin(), Error.end(), '\n', ' ');
    return fail(File + ": " + Error);
  }
  return Database{File, std::move(Commands)};
}

llvm::Expected<std::vector<Unit>> selectUnits(const Database &Db,
                                              const std::vector<std::string> &Files) {
  std::vector<std::string> Wanted;
  if (Files.empty()) {
    Wanted = Db.Commands->getAllFiles();
    std::sort(Wanted.begin(), Wanted.end());
  } else {
    std::set<std::string> Seen;
    for (const std::string &File : Files)
      if (Seen.insert(absolutePath(File)).second)
        Wanted.push_back(absolutePath(File));
  }
  std::vector<Unit> Units;
  for (const std::string &File : Wanted) {
    std::vector<clang::tooling::CompileCommand> Commands = Db.Commands->getCompileCommands(File);
    if (Commands.empty())
      return fail(File + ": no compile command for this file in " + Db.Path);
    for (clang::tooling::CompileCommand &Command : Commands)
      Units.push_back({File, std::move(Command)});
  }
  return Units;
}

} // namespace asynclint::check
