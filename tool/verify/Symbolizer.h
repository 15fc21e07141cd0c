//===--- Symbolizer.h - source locations for the runtime's stacks ---------===//
//
// The runtime records frames as module + offset (it never reads debug info:
// that would cost the program time and memory). This gives each frame the
// source location with llvm-symbolizer from the LLVM asynclint was built
// with: "file", "line", "function" of the innermost inlined function and
// "inlined", every level from the innermost out, so a finding on the line
// that called an inlined helper still matches.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace asynclint::verify {

/// llvm-symbolizer: ASYNCLINT_SYMBOLIZER, else the build's LLVM, else PATH.
std::string defaultSymbolizer();

/// Symbolises every frame of \p Events that has a module and offset and no
/// file yet. False (with \p Error) if the symbolizer could not run.
bool symbolizeEvents(std::vector<nlohmann::json> &Events, const std::string &Symbolizer,
                     std::string &Error);

} // namespace asynclint::verify
