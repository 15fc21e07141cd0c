//===--- TidyRunner.cpp ---------------------------------------------------===//
//
// What clang-tidy's runClangTidy does for one file, with three differences
// the tool needs: nothing is printed (the diagnostics come back as data), the
// file system keeps its working directory to itself (the process-wide one
// that ClangTool would change is shared by all worker threads), and clang's
// resource directory is named explicitly.
//
//===----------------------------------------------------------------------===//
#include "analysis/TidyRunner.h"

#include <clang-tidy/ClangTidy.h>
#include <clang-tidy/ClangTidyDiagnosticConsumer.h>
#include <clang-tidy/ClangTidyModule.h>
#include <clang-tidy/ClangTidyOptions.h>
#include <clang/Basic/Version.h>
#include <clang/Frontend/CompilerInstance.h>
#include <clang/Frontend/FrontendActions.h>
#include <clang/Lex/PreprocessorOptions.h>
#include <clang/Tooling/ArgumentsAdjusters.h>
#include <clang/Tooling/Tooling.h>
#include <llvm/ADT/StringRef.h>
#include <llvm/Support/FileSystem.h>
#include <llvm/Support/MemoryBuffer.h>
#include <llvm/Support/Path.h>
#include <llvm/Support/SourceMgr.h>
#include <llvm/Support/VirtualFileSystem.h>

#include <map>

namespace asynclint::check {

using namespace clang;
using namespace clang::tidy;
using findings::Finding;
using findings::Location;

namespace {

/// Hands ClangTool the one command chosen for the unit.
class SingleCommandDatabase : public tooling::CompilationDatabase {
public:
  explicit SingleCommandDatabase(tooling::CompileCommand Command) : Command(std::move(Command)) {}
  std::vector<tooling::CompileCommand> getCompileCommands(llvm::StringRef) const override {
    return {Command};
  }
  std::vector<std::string> getAllFiles() const override { return {Command.Filename}; }

private:
  tooling::CompileCommand Command;
};

/// Hands the context the run's options and keeps them for the questions
/// asked after the run (which file set an option, was a header filter set).
class SharedOptionsProvider : public ClangTidyOptionsProvider {
public:
  explicit SharedOptionsProvider(std::shared_ptr<ClangTidyOptionsProvider> Inner)
      : Inner(std::move(Inner)) {}
  const ClangTidyGlobalOptions &getGlobalOptions() override { return Inner->getGlobalOptions(); }
  std::vector<OptionsSource> getRawOptions(llvm::StringRef FileName) override {
    return Inner->getRawOptions(FileName);
  }

private:
  std::shared_ptr<ClangTidyOptionsProvider> Inner;
};

class TidyActionFactory : public tooling::FrontendActionFactory {
public:
  TidyActionFactory(ClangTidyContext &Context,
                    llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> FS)
      : ConsumerFactory(Context, std::move(FS)) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<Action>(ConsumerFactory);
  }
  bool runInvocation(std::shared_ptr<CompilerInvocation> Invocation, FileManager *Files,
                     std::shared_ptr<PCHContainerOperations> PCHContainerOps,
                     DiagnosticConsumer *DiagConsumer) override {
    // As clang-tidy: checks may rely on __clang_analyzer__ being defined.
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    // Else the compiler prints "N warnings generated." for every unit.
    Invocation->getDiagnosticOpts().ShowCarets = false;
    return FrontendActionFactory::runInvocation(std::move(Invocation), Files,
                                                std::move(PCHContainerOps), DiagConsumer);
  }

private:
  class Action : public ASTFrontendAction {
  public:
    explicit Action(ClangTidyASTConsumerFactory &Factory) : Factory(Factory) {}
    std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &Compiler,
                                                   llvm::StringRef File) override {
      return Factory.createASTConsumer(Compiler, File);
    }

  private:
    ClangTidyASTConsumerFactory &Factory;
  };
  ClangTidyASTConsumerFactory ConsumerFactory;
};

/// Turns byte offsets of diagnostics into lines and columns; each file is
/// read once per translation unit.
class LineTables {
public:
  Location locate(const std::string &File, unsigned Offset) {
    const std::vector<unsigned> &Starts = startsOf(File);
    auto After = std::upper_bound(Starts.begin(), Starts.end(), Offset);
    unsigned Line = static_cast<unsigned>(After - Starts.begin());
    unsigned Column = Line == 0 ? Offset + 1 : Offset - Starts[Line - 1] + 1;
    return {File, std::max(Line, 1u), Column};
  }

private:
  const std::vector<unsigned> &startsOf(const std::string &File) {
    auto It = Tables.find(File);
    if (It != Tables.end())
      return It->second;
    std::vector<unsigned> Starts{0};
    if (auto Buffer = llvm::MemoryBuffer::getFile(File)) {
      llvm::StringRef Text = (*Buffer)->getBuffer();
      for (size_t I = 0; I < Text.size(); ++I)
        if (Text[I] == '\n')
          Starts.push_back(static_cast<unsigned>(I + 1));
    }
    return Tables.emplace(File, std::move(Starts)).first->second;
  }
  std::map<std::string, std::vector<unsigned>> Tables;
};

std::string resolve(llvm::StringRef File, llvm::StringRef BuildDirectory) {
  llvm::SmallString<256> Path(File);
  if (!llvm::sys::path::is_absolute(Path) && !BuildDirectory.empty()) {
    Path = BuildDirectory;
    llvm::sys::path::append(Path, File);
  }
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  return std::string(Path);
}

Location locationOf(const tooling::DiagnosticMessage &M, llvm::StringRef BuildDirectory,
                    LineTables &Lines) {
  if (M.FilePath.empty())
    return {};
  return Lines.locate(resolve(M.FilePath, BuildDirectory), M.FileOffset);
}

bool isCompilerError(const ClangTidyError &E) {
  return E.DiagLevel == tooling::Diagnostic::Error &&
         llvm::StringRef(E.DiagnosticName).starts_with("clang-diagnostic-");
}

/// The error that tells a user why the unit did not compile: the first one
/// with a place, not the trailer "too many errors emitted" or a driver error
/// with none (an unknown argument), unless it is all there is.
findings::FileError firstRealError(const std::vector<const ClangTidyError *> &Errors,
                                   const std::string &MainFile, LineTables &Lines) {
  for (const ClangTidyError *E : Errors)
    if (!E->Message.FilePath.empty() &&
        !llvm::StringRef(E->Message.Message).starts_with("too many errors emitted"))
      return {locationOf(E->Message, E->BuildDirectory, Lines), E->Message.Message};
  return {{MainFile, 0, 0}, Errors.front()->Message.Message};
}

Finding toFinding(const ClangTidyError &E, LineTables &Lines) {
  Finding F;
  F.Check = E.DiagnosticName;
  F.Message = E.Message.Message;
  F.Severity =
      E.IsWarningAsError || E.DiagLevel == tooling::Diagnostic::Error ? "error" : "warning";
  F.Loc = locationOf(E.Message, E.BuildDirectory, Lines);
  for (const tooling::DiagnosticMessage &N : E.Notes)
    F.Notes.push_back({locationOf(N, E.BuildDirectory, Lines), N.Message});
  findings::Fix Fix;
  for (const auto &FileAndReplacements : E.Message.Fix)
    for (const tooling::Replacement &R : FileAndReplacements.second) {
      std::string File = resolve(R.getFilePath(), E.BuildDirectory);
      Location At = Lines.locate(File, R.getOffset());
      Fix.Replacements.push_back(
          {File, R.getOffset(), R.getLength(), At.Line, At.Column, R.getReplacementText().str()});
    }
  if (!Fix.Replacements.empty())
    F.Fixes.push_back(std::move(Fix));
  return F;
}

} // namespace

std::vector<std::string> enabledChecks(const TidySettings &Settings, const std::string &File) {
  ConfigurationProblems Ignored; // --list-checks lists; `check` reports problems
  std::unique_ptr<ClangTidyOptionsProvider> Provider = makeOptionsProvider(Settings, Ignored);
  std::vector<std::string> Names = checkNames(Provider->getOptions(File));
  std::sort(Names.begin(), Names.end());
  return Names;
}

UnitResult runChecks(const Unit &U, const TidySettings &Settings) {
  UnitResult Result;
  if (!llvm::sys::fs::is_regular_file(U.File)) {
    Result.Error = findings::FileError{{U.File, 0, 0}, "cannot read the file"};
    return Result;
  }
  auto FS = llvm::makeIntrusiveRefCnt<llvm::vfs::OverlayFileSystem>(
      llvm::vfs::createPhysicalFileSystem());
  ConfigurationProblems Problems;
  std::shared_ptr<ClangTidyOptionsProvider> Options = makeOptionsProvider(Settings, Problems);
  ClangTidyContext Context(std::make_unique<SharedOptionsProvider>(Options));

  SingleCommandDatabase Database(U.Command);
  tooling::ClangTool Tool(Database, {U.File}, std::make_shared<PCHContainerOperations>(), FS);
  Tool.setPrintErrorMessage(false);
  // ExtraArgs and ExtraArgsBefore of .clang-tidy, as clang-tidy adds them.
  Tool.appendArgumentsAdjuster(
      [&Context](const tooling::CommandLineArguments &Args, llvm::StringRef Filename) {
        ClangTidyOptions Options = Context.getOptionsForFile(Filename);
        tooling::CommandLineArguments Adjusted = Args;
        if (Options.ExtraArgsBefore) {
          auto At = Adjusted.begin();
          if (At != Adjusted.end() && !llvm::StringRef(*At).starts_with("-"))
            ++At; // the compiler
          Adjusted.insert(At, Options.ExtraArgsBefore->begin(), Options.ExtraArgsBefore->end());
        }
        if (Options.ExtraArgs)
          Adjusted.insert(Adjusted.end(), Options.ExtraArgs->begin(), Options.ExtraArgs->end());
        return Adjusted;
      });
  Tool.appendArgumentsAdjuster(tooling::getStripPluginsAdjuster());
  if (!Settings.ResourceDir.empty())
    Tool.appendArgumentsAdjuster(
        [Dir = Settings.ResourceDir](const tooling::CommandLineArguments &Args, llvm::StringRef) {
          for (const std::string &Arg : Args)
            if (llvm::StringRef(Arg).starts_with("-resource-dir"))
              return Args;
          tooling::CommandLineArguments Adjusted = Args;
          Adjusted.insert(Adjusted.begin() + (Adjusted.empty() ? 0 : 1), "-resource-dir=" + Dir);
          return Adjusted;
        });

  ClangTidyDiagnosticConsumer Consumer(Context, nullptr, /*RemoveIncompatibleErrors=*/true,
                                       /*GetFixesFromNotes=*/false);
#if CLANG_VERSION_MAJOR >= 21
  // LLVM 21: the engine borrows its options, which the context owns.
  auto DiagOptions = std::make_unique<DiagnosticOptions>();
  DiagnosticsEngine Engine(new DiagnosticIDs(), *DiagOptions, &Consumer,
                           /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(std::move(DiagOptions), &Engine);
#else
  DiagnosticsEngine Engine(new DiagnosticIDs(), new DiagnosticOptions(), &Consumer,
                           /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&Engine);
#endif
  Tool.setDiagnosticConsumer(&Consumer);
  TidyActionFactory Factory(Context, FS);
  int Status = Tool.run(&Factory);

  std::vector<ClangTidyOptionsProvider::OptionsSource> Sources = Options->getRawOptions(U.File);
  bool ProjectHeadersOnly = !setsHeaderFilter(Sources);
  LineTables Lines;
  std::vector<ClangTidyError> Diagnostics = Consumer.take();
  std::vector<const ClangTidyError *> CompilerErrors;
  for (const ClangTidyError &E : Diagnostics) {
    if (isCompilerError(E)) {
      CompilerErrors.push_back(&E);
      continue;
    }
    if (E.DiagnosticName == "clang-tidy-config") {
      Result.ConfigurationProblems.push_back(locateProblem(E.Message.Message, Sources));
      continue;
    }
    Finding F = toFinding(E, Lines);
    if (ProjectHeadersOnly && !F.Loc.File.empty() && F.Loc.File != U.File &&
        !Settings.ProjectHeaders.isProjectFile(F.Loc.File))
      continue;
    Result.Findings.push_back(std::move(F));
  }
  for (std::string &Problem : Problems.take())
    Result.ConfigurationProblems.push_back(std::move(Problem));
  if (!CompilerErrors.empty())
    Result.Error = firstRealError(CompilerErrors, U.File, Lines);
  if (Status != 0 && !Result.Error)
    Result.Error = findings::FileError{{U.File, 0, 0}, "the compiler could not process the file"};
  return Result;
}

} // namespace asynclint::check
