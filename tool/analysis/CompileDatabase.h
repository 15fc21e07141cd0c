//===--- CompileDatabase.h - finding and reading compile_commands.json ---===//
#pragma once

#include <clang/Tooling/CompilationDatabase.h>
#include <llvm/Support/Error.h>

#include <memory>
#include <string>
#include <vector>

namespace asynclint::check {

struct Database {
  std::string Path; ///< the compile_commands.json read
  std::unique_ptr<clang::tooling::CompilationDatabase> Commands;
};

/// One translation unit to analyse: its main file and how it is compiled.
struct Unit {
  std::string File; ///< absolute
  clang::tooling::CompileCommand Command;
  /// Not compiling is no error for this unit (CUDA: Clang compiles it only
  /// with a CUDA toolkit of a version it supports); it is skipped instead.
  bool MayFailToCompile = false;
};

/// Reads BUILD_DIR/compile_commands.json, or, with \p BuildDir empty, the
/// first compile_commands.json found in the current folder, its build/
/// subfolder, or the same places in any parent folder.
llvm::Expected<Database> loadDatabase(const std::string &BuildDir);

/// Every compile command of \p Db, or only those of \p Files (each must be
/// the main file of some compile command). A file compiled several ways has
/// several; prepareUnits keeps the distinct ones. All files come in path
/// order, named files in the order named.
llvm::Expected<std::vector<Unit>> selectUnits(const Database &Db,
                                              const std::vector<std::string> &Files);

/// \p Path made absolute against the current folder, with . and .. removed.
std::string absolutePath(const std::string &Path);

} // namespace asynclint::check
