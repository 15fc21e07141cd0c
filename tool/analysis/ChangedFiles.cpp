//===--- ChangedFiles.cpp -------------------------------------------------===//
#include "analysis/ChangedFiles.h"

#include "analysis/Parallel.h"

#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendActions.h>
#include <clang/Lex/PPCallbacks.h>
#include <clang/Lex/Preprocessor.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/Config/llvm-config.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/Program.h>
#include <llvm/Support/VirtualFileSystem.h>

#include <optional>

namespace asynclint::check {

namespace {

// The extensions of sources a compile database names (headers have none).
constexpr llvm::StringLiteral SourceExtensions[] = {".c",  ".cc", ".cpp", ".cxx",  ".c++", ".C",
                                                    ".cp", ".m",  ".mm",  ".cppm", ".ixx", ".cu"};

llvm::Error fail(const llvm::Twine &Message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Message);
}

std::string canonical(const std::string &Path) {
  llvm::SmallString<256> Real;
  if (llvm::sys::fs::real_path(Path, Real))
    return absolutePath(Path);
  return std::string(Real);
}

/// Runs git with \p Args; its stdout, or the first line of its stderr as error.
llvm::Expected<std::string> git(llvm::ArrayRef<llvm::StringRef> Args) {
  llvm::ErrorOr<std::string> Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return fail("--changed-since needs git, which is not on PATH");
  llvm::SmallString<128> Out, Err;
  llvm::sys::fs::createTemporaryFile("asynclint-git", "out", Out);
  llvm::sys::fs::createTemporaryFile("asynclint-git", "err", Err);
  std::vector<llvm::StringRef> Argv{*Git};
  Argv.insert(Argv.end(), Args.begin(), Args.end());
  std::optional<llvm::StringRef> Redirects[] = {std::nullopt, Out.str(), Err.str()};
  int Status = llvm::sys::ExecuteAndWait(*Git, Argv, std::nullopt, Redirects);
  auto Read = [](llvm::StringRef File) {
    auto Buffer = llvm::MemoryBuffer::getFile(File);
    return Buffer ? (*Buffer)->getBuffer().str() : std::string();
  };
  std::string Output = Read(Out), Error = Read(Err);
  llvm::sys::fs::remove(Out);
  llvm::sys::fs::remove(Err);
  if (Status != 0) {
    llvm::StringRef FirstLine = llvm::StringRef(Error).split('\n').first.trim();
    return fail("git " + llvm::join(Args, " ") + ": " +
                (FirstLine.empty() ? llvm::StringRef("failed") : FirstLine));
  }
  return Output;
}

class IncludeRecorder : public clang::PPCallbacks {
public:
  IncludeRecorder(clang::FileManager &Files, std::set<std::string> &Included)
      : Files(Files), Included(Included) {}
  // LLVM 19 added the ModuleImported flag before the file kind.
  void InclusionDirective(clang::SourceLocation, const clang::Token &, llvm::StringRef, bool,
                          clang::CharSourceRange, clang::OptionalFileEntryRef File, llvm::StringRef,
                          llvm::StringRef, const clang::Module *,
#if LLVM_VERSION_MAJOR >= 19
                          bool,
#endif
                          clang::SrcMgr::CharacteristicKind) override {
    if (File)
      Included.insert(Files.getCanonicalName(*File).str());
  }

private:
  clang::FileManager &Files;
  std::set<std::string> &Included;
};

class RecordIncludesAction : public clang::PreprocessOnlyAction {
public:
  explicit RecordIncludesAction(std::set<std::string> &Included) : Included(Included) {}
  bool BeginSourceFileAction(clang::CompilerInstance &CI) override {
    CI.getPreprocessor().addPPCallbacks(
        std::make_unique<IncludeRecorder>(CI.getFileManager(), Included));
    return true;
  }

private:
  std::set<std::string> &Included;
};

class RecordIncludesFactory : public clang::tooling::FrontendActionFactory {
public:
  explicit RecordIncludesFactory(std::set<std::string> &Included) : Included(Included) {}
  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<RecordIncludesAction>(Included);
  }

private:
  std::set<std::string> &Included;
};

class OneCommand : public clang::tooling::CompilationDatabase {
public:
  explicit OneCommand(clang::tooling::CompileCommand C) : C(std::move(C)) {}
  std::vector<clang::tooling::CompileCommand> getCompileCommands(llvm::StringRef) const override {
    return {C};
  }

private:
  clang::tooling::CompileCommand C;
};

std::set<std::string> includesOf(const Unit &U, const TidySettings &Settings) {
  std::set<std::string> Included;
  auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::createPhysicalFileSystem());
  OneCommand Database(U.Command);
  clang::tooling::ClangTool Tool(Database, {U.File},
                                 std::make_shared<clang::PCHContainerOperations>(), FS);
  Tool.setPrintErrorMessage(false);
  clang::IgnoringDiagConsumer Quiet; // a broken unit is reported by the checks run
  Tool.setDiagnosticConsumer(&Quiet);
  if (!Settings.ResourceDir.empty())
    Tool.appendArgumentsAdjuster(
        clang::tooling::getInsertArgumentAdjuster(("-resource-dir=" + Settings.ResourceDir).c_str(),
                                                  clang::tooling::ArgumentInsertPosition::BEGIN));
  RecordIncludesFactory Factory(Included);
  Tool.run(&Factory);
  return Included;
}

} // namespace

llvm::Expected<std::string> gitTopLevel() {
  llvm::Expected<std::string> Out = git({"rev-parse", "--show-toplevel"});
  if (!Out)
    return Out.takeError();
  return canonical(llvm::StringRef(*Out).trim().str());
}

llvm::Expected<std::set<std::string>> changedFiles(const std::string &TopLevel,
                                                   const std::string &Revision) {
  // Before the first commit there is no HEAD: everything in the index is new
  // (the case of a pre-commit hook on a fresh repository).
  bool Unborn = false;
  if (Revision == "HEAD") {
    llvm::Expected<std::string> Head =
        git({"-C", TopLevel, "rev-parse", "--verify", "--quiet", "HEAD"});
    Unborn = !Head;
    if (!Head)
      llvm::consumeError(Head.takeError());
  }
  // "--end-of-options" keeps a revision starting with '-' from being an option.
  llvm::Expected<std::string> Diff =
      Unborn ? git({"-C", TopLevel, "ls-files", "--cached"})
             : git({"-C", TopLevel, "diff", "--name-only", "--no-renames", "--end-of-options",
                    Revision, "--"});
  if (!Diff)
    return Diff.takeError();
  llvm::Expected<std::string> Untracked =
      git({"-C", TopLevel, "ls-files", "--others", "--exclude-standard"});
  if (!Untracked)
    return Untracked.takeError();
  std::set<std::string> Changed;
  for (const std::string *Listing : {&*Diff, &*Untracked}) {
    llvm::SmallVector<llvm::StringRef> Lines;
    llvm::StringRef(*Listing).split(Lines, '\n', -1, /*KeepEmpty=*/false);
    for (llvm::StringRef Line : Lines) {
      llvm::SmallString<256> Path(TopLevel);
      llvm::sys::path::append(Path, Line);
      // A deleted file cannot be canonicalised; its path is still compared.
      Changed.insert(canonical(std::string(Path)));
    }
  }
  return Changed;
}

std::vector<std::string> sourcesWithoutCommand(const std::set<std::string> &Changed,
                                               const std::vector<std::string> &DatabaseFiles) {
  std::set<std::string> Compiled;
  for (const std::string &File : DatabaseFiles)
    Compiled.insert(canonical(File));
  std::vector<std::string> Missing;
  for (const std::string &File : Changed) {
    llvm::StringRef Extension = llvm::sys::path::extension(File);
    bool IsSource = llvm::is_contained(SourceExtensions, Extension);
    if (IsSource && !Compiled.count(File) && llvm::sys::fs::is_regular_file(File))
      Missing.push_back(File);
  }
  return Missing;
}

std::vector<Unit> affectedUnits(const std::vector<Unit> &Units,
                                const std::set<std::string> &Changed, const TidySettings &Settings,
                                unsigned Jobs) {
  std::vector<char> Affected(Units.size(), 0); // not vector<bool>: threads write neighbours
  std::set<std::string> MainFiles;
  for (size_t I = 0; I < Units.size(); ++I) {
    std::string Main = canonical(Units[I].File);
    MainFiles.insert(Main);
    Affected[I] = Changed.count(Main) != 0;
  }
  bool HeaderChanged = std::any_of(Changed.begin(), Changed.end(), [&](const std::string &File) {
    return MainFiles.count(File) == 0;
  });
  if (HeaderChanged)
    parallelFor(Units.size(), Jobs, [&](size_t I) {
      if (Affected[I])
        return;
      std::set<std::string> Included = includesOf(Units[I], Settings);
      Affected[I] = std::any_of(Included.begin(), Included.end(),
                                [&](const std::string &File) { return Changed.count(File) != 0; });
    });
  std::vector<Unit> Result;
  for (size_t I = 0; I < Units.size(); ++I)
    if (Affected[I])
      Result.push_back(Units[I]);
  return Result;
}

} // namespace asynclint::check
