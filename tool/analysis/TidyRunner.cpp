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
#include <clang-tidy/GlobList.h>
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

ClangTidyOptions defaultOptions() {
  ClangTidyOptions Defaults = ClangTidyOptions::getDefaults();
  Defaults.Checks = DefaultChecks;
  return Defaults;
}

std::unique_ptr<ClangTidyOptionsProvider>
makeOptionsProvider(const TidySettings &Settings,
                    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS) {
  ClangTidyOptions Override;
  if (Settings.Checks)
    Override.Checks = *Settings.Checks;
  if (Settings.Config) {
    llvm::ErrorOr<ClangTidyOptions> Parsed =
        parseConfiguration(llvm::MemoryBufferRef(*Settings.Config, "--config"));
    // validateSettings rejected a --config that does not parse.
    return std::make_unique<ConfigOptionsProvider>(ClangTidyGlobalOptions(), defaultOptions(),
                                                   Parsed ? *Parsed : ClangTidyOptions(), Override,
                                                   FS);
  }
  return std::make_unique<FileOptionsProvider>(ClangTidyGlobalOptions(), defaultOptions(), Override,
                                               FS);
}

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

std::optional<std::string> validateSettings(const TidySettings &Settings) {
  if (Settings.Config) {
    // The parser's own report spans lines (source, caret); keep its message.
    std::string Problem;
    llvm::ErrorOr<ClangTidyOptions> Parsed = parseConfigurationWithDiags(
        llvm::MemoryBufferRef(*Settings.Config, "--config"), [&](const llvm::SMDiagnostic &D) {
          if (Problem.empty())
            Problem = D.getMessage().str();
        });
    if (!Parsed)
      return "--config: not a clang-tidy configuration: " +
             (Problem.empty() ? Parsed.getError().message() : Problem);
  }
  if (!Settings.Checks)
    return std::nullopt;
  ClangTidyOptions All = ClangTidyOptions::getDefaults();
  All.Checks = "*";
  std::vector<std::string> Known = getCheckNames(All, /*AllowEnablingAnalyzerAlphaCheckers=*/false);
  llvm::SmallVector<llvm::StringRef> Globs;
  llvm::StringRef(*Settings.Checks).split(Globs, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Glob : Globs) {
    Glob = Glob.trim();
    // Negative globs may name anything; clang-diagnostic-* names compiler
    // warnings, which no registry lists.
    if (Glob.empty() || Glob.starts_with("-") || Glob.starts_with("clang-diagnostic-"))
      continue;
    GlobList Matcher(Glob);
    if (std::none_of(Known.begin(), Known.end(),
                     [&](const std::string &Name) { return Matcher.contains(Name); }))
      return "--checks: '" + Glob.str() + "' matches no known check";
  }
  return std::nullopt;
}

std::vector<std::string> enabledChecks(const TidySettings &Settings, const std::string &File) {
  std::unique_ptr<ClangTidyOptionsProvider> Provider =
      makeOptionsProvider(Settings, llvm::vfs::getRealFileSystem());
  std::vector<std::string> Names =
      getCheckNames(Provider->getOptions(File), /*AllowEnablingAnalyzerAlphaCheckers=*/false);
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
  ClangTidyContext Context(makeOptionsProvider(Settings, FS));

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
  DiagnosticsEngine Engine(new DiagnosticIDs(), new DiagnosticOptions(), &Consumer,
                           /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&Engine);
  Tool.setDiagnosticConsumer(&Consumer);
  TidyActionFactory Factory(Context, FS);
  int Status = Tool.run(&Factory);

  LineTables Lines;
  for (const ClangTidyError &E : Consumer.take()) {
    if (isCompilerError(E)) {
      if (!Result.Error)
        Result.Error =
            findings::FileError{locationOf(E.Message, E.BuildDirectory, Lines), E.Message.Message};
      continue;
    }
    Result.Findings.push_back(toFinding(E, Lines));
  }
  if (Status != 0 && !Result.Error)
    Result.Error = findings::FileError{{U.File, 0, 0}, "the compiler could not process the file"};
  return Result;
}

} // namespace asynclint::check
