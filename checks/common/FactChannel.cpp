//===--- FactChannel.cpp --------------------------------------------------===//
#include "common/FactChannel.h"

namespace asynclint::facts {

// One per thread: the tool analyses several units at once, one per thread.
// NOLINTNEXTLINE(cppcoreguidelines-avoid-non-const-global-variables)
static thread_local FactSink *InstalledSink = nullptr;

FactSink::~FactSink() = default;

FactSink *currentSink() { return InstalledSink; }

ScopedFactSink::ScopedFactSink(FactSink &Sink) : Previous(InstalledSink) { InstalledSink = &Sink; }

ScopedFactSink::~ScopedFactSink() { InstalledSink = Previous; }

} // namespace asynclint::facts
