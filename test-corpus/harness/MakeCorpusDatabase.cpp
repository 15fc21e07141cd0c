//===--- MakeCorpusDatabase.cpp - compile_commands.json for the corpus ---===//
//
// Writes a compile database with one command per corpus program: the
// corpus's default arguments plus the file's own `// RUN-ARGS:`, so that
// `asynclint check -p <dir>` analyses the corpus as the corpus test does.
// Programs marked `// EXPECT-COMPILE-ERRORS` are left out: they do not
// compile on purpose, and a database is for code that builds.
//
// usage: asynclint-make-corpus-database CORPUS_DIR CLANGXX OUTPUT_FILE
//
//===----------------------------------------------------------------------===//
#include "CorpusFile.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <iostream>

int main(int argc, char **argv) {
  namespace fs = std::filesystem;
  using namespace asynclint::corpus;
  if (argc != 4) {
    std::cerr << "usage: " << argv[0] << " CORPUS_DIR CLANGXX OUTPUT_FILE\n";
    return 2;
  }
  fs::path Root = fs::absolute(argv[1]);
  nlohmann::json Commands = nlohmann::json::array();
  for (const fs::path &Path : findCorpusFiles(Root)) {
    CorpusFile File = CorpusFile::parse(Path);
    if (File.ExpectCompileErrors)
      continue;
    std::vector<std::string> Arguments{argv[2]};
    for (const std::string &Arg : defaultCompileArgs(Root))
      Arguments.push_back(Arg);
    for (const std::string &Arg : File.ExtraArgs)
      Arguments.push_back(Arg);
    Arguments.insert(Arguments.end(), {"-c", Path.string(), "-o", "/dev/null"});
    Commands.push_back(
        {{"directory", Root.string()}, {"file", Path.string()}, {"arguments", Arguments}});
  }
  fs::path Output = argv[3];
  fs::create_directories(Output.parent_path());
  std::ofstream Out(Output);
  Out << Commands.dump(2) << "\n";
  if (!Out) {
    std::cerr << Output.string() << ": cannot write\n";
    return 1;
  }
  return 0;
}
