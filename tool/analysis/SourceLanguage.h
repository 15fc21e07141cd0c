//===--- SourceLanguage.h - which compile commands hold C or C++ ---------===//
#pragma once

#include <clang/Tooling/CompilationDatabase.h>

#include <optional>
#include <string>

namespace asynclint::check {

/// What a compile command compiles, in a word ("assembler", "CUDA", ...),
/// when it is not something the checks can analyse; nothing for C, C++,
/// Objective-C/C++ (sources, headers and modules). Decided as the driver
/// decides: the last `-x LANG` before the file, else the file's extension.
/// CUDA counts as analysable only where a CUDA installation is found
/// (`--cuda-path=`, or cuda.h under /usr/local/cuda or /usr/lib/cuda):
/// without one Clang stops at its first line.
std::optional<std::string> reasonNotAnalysed(const clang::tooling::CompileCommand &Command);

/// Is \p Command's source CUDA (by -x or extension)?
bool isCudaSource(const clang::tooling::CompileCommand &Command);

} // namespace asynclint::check
