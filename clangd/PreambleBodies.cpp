//===--- PreambleBodies.cpp - keep the bodies of the project's headers ---===//
//
// clangd builds the preamble of a file (the headers it includes first)
// without function bodies, to make it fast and small. The async-* checks
// follow calls into helpers, thread entries and spawns the project defines
// in its headers, whose bodies clang-tidy sees: without them the editor
// would miss what `asynclint check` reports. The link wraps
// PrecompiledPreamble::Build (CMakeLists.txt: --wrap) and gives it clangd's
// callbacks behind a decorator that keeps the bodies of functions outside
// system headers. Library headers (-isystem, /usr/include: Asio, the
// standard library) are skipped as clangd skips them, so a preamble costs
// more only by the project's own header code.
//
//===----------------------------------------------------------------------===//
#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclBase.h>
#include <clang/AST/DeclGroup.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/PrecompiledPreamble.h>
#include <clang/Lex/PPCallbacks.h>

#include <type_traits>

namespace {

using namespace clang;

/// clangd's preamble callbacks, except that function bodies in non-system
/// headers are parsed. PreambleCallbacks has had the same virtual functions
/// from LLVM 16 to 22; each is forwarded.
class KeepProjectBodies final : public PreambleCallbacks {
public:
  explicit KeepProjectBodies(PreambleCallbacks &Clangd) : Clangd(Clangd) {}

  void BeforeExecute(CompilerInstance &CI) override { Clangd.BeforeExecute(CI); }
  void AfterExecute(CompilerInstance &CI) override { Clangd.AfterExecute(CI); }
  void AfterPCHEmitted(ASTWriter &Writer) override { Clangd.AfterPCHEmitted(Writer); }
  void HandleTopLevelDecl(DeclGroupRef DG) override { Clangd.HandleTopLevelDecl(DG); }
  std::unique_ptr<PPCallbacks> createPPCallbacks() override { return Clangd.createPPCallbacks(); }
  CommentHandler *getCommentHandler() override { return Clangd.getCommentHandler(); }

  bool shouldSkipFunctionBody(Decl *D) override {
    if (!D->getASTContext().getSourceManager().isInSystemHeader(D->getLocation()))
      return false;
    return Clangd.shouldSkipFunctionBody(D);
  }

private:
  PreambleCallbacks &Clangd;
};

} // namespace

// ASYNCLINT_PREAMBLE_BUILD_SYMBOL is the mangled name of
// PrecompiledPreamble::Build, whose parameters changed between LLVM versions
// (ClangdLibraries.cmake reads which from the name clangd references).
using BuildResult = llvm::ErrorOr<PrecompiledPreamble>;
#if ASYNCLINT_PREAMBLE_SHARED_DIAGNOSTICS
#define ASYNCLINT_DIAGNOSTICS_PARAMETER llvm::IntrusiveRefCntPtr<DiagnosticsEngine> Diagnostics
#else
#define ASYNCLINT_DIAGNOSTICS_PARAMETER DiagnosticsEngine &Diagnostics
#endif
#if ASYNCLINT_PREAMBLE_STORAGE_PATH
#define ASYNCLINT_STORAGE_PARAMETER , llvm::StringRef StoragePath
#define ASYNCLINT_STORAGE_ARGUMENT , StoragePath
#else
#define ASYNCLINT_STORAGE_PARAMETER
#define ASYNCLINT_STORAGE_ARGUMENT
#endif
#define ASYNCLINT_BUILD_PARAMETERS                                                                 \
  const CompilerInvocation &Invocation, const llvm::MemoryBuffer *MainFileBuffer,                  \
      PreambleBounds Bounds, ASYNCLINT_DIAGNOSTICS_PARAMETER,                                      \
      llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> VFS,                                         \
      std::shared_ptr<PCHContainerOperations> PCHContainerOps,                                     \
      bool StoreInMemory ASYNCLINT_STORAGE_PARAMETER, PreambleCallbacks &Callbacks

BuildResult realPreambleBuild(ASYNCLINT_BUILD_PARAMETERS) __asm__(
    "__real_" ASYNCLINT_PREAMBLE_BUILD_SYMBOL);
BuildResult wrappedPreambleBuild(ASYNCLINT_BUILD_PARAMETERS) __asm__(
    "__wrap_" ASYNCLINT_PREAMBLE_BUILD_SYMBOL);

// Same type, same mangled name: the wrapper stands exactly where clangd calls.
static_assert(std::is_same_v<decltype(&PrecompiledPreamble::Build), decltype(&realPreambleBuild)>,
              "PrecompiledPreamble::Build changed: update PreambleBodies.cpp and "
              "ClangdLibraries.cmake");

BuildResult wrappedPreambleBuild(ASYNCLINT_BUILD_PARAMETERS) {
  KeepProjectBodies Keep(Callbacks);
  return realPreambleBuild(Invocation, MainFileBuffer, Bounds, Diagnostics, std::move(VFS),
                           std::move(PCHContainerOps), StoreInMemory ASYNCLINT_STORAGE_ARGUMENT,
                           Keep);
}
