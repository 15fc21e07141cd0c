//===--- AsyncLintModule.cpp - registers the async-* checks --------------===//
#include "blocking/BlockingInCoroutineCheck.h"
#include "immediate-await/ImmediateAwaitCheck.h"
#include "shared-state/UnguardedSharedStateCheck.h"
#include "stale-read/StaleReadAcrossAwaitCheck.h"

#include <clang-tidy/ClangTidyModule.h>
#include <clang-tidy/ClangTidyModuleRegistry.h>

namespace clang::tidy {
namespace async {

class AsyncLintModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<BlockingInCoroutineCheck>("async-blocking-in-coroutine");
    Factories.registerCheck<ImmediateAwaitCheck>("async-immediate-await");
    Factories.registerCheck<UnguardedSharedStateCheck>("async-unguarded-shared-state");
    Factories.registerCheck<StaleReadAcrossAwaitCheck>("async-stale-read-across-await");
  }
};

} // namespace async

static ClangTidyModuleRegistry::Add<async::AsyncLintModule>
    AsyncLintModuleRegistration("async-module",
                                "Checks for blocking, serialised and racy asynchronous C++.");

// Referenced by the plugin and the asynclint tool so that linkers keep this
// translation unit (and with it the registration above).
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables)
volatile int AsyncLintModuleAnchorSource = 0;

} // namespace clang::tidy
