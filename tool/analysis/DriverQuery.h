//===--- DriverQuery.h - the system headers of the project's compiler ----===//
//
// A database written by a GCC build names g++; Clang on its own picks the
// newest GCC installation it finds, which need not be that one (another
// version, a cross compiler, a toolchain under /opt). As clangd's
// --query-driver does, the compiler is asked once for its include search
// path and target, and the command is given them, so libstdc++ is parsed as
// the build parses it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <llvm/Support/GlobPattern.h>

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace asynclint::check {

/// What a GCC driver said about itself.
struct DriverFacts {
  std::string Target; ///< e.g. x86_64-linux-gnu
  /// The search path before GCC's own builtin headers (libstdc++ for C++).
  std::vector<std::string> Before;
  /// The search path after them (/usr/local/include, /usr/include, ...).
  std::vector<std::string> After;
};

/// The globs of the default --query-driver: compilers named like GCC.
inline constexpr const char *DefaultQueryDrivers = "**/*gcc*,**/*g++*,**/c++,**/cc";

class DriverQueries {
public:
  /// \p Globs: comma-separated path globs of the compilers that may be run
  /// (a database can name any program); empty: none.
  explicit DriverQueries(const std::string &Globs);

  /// Rewrites \p CommandLine (compiler first, launchers removed) of a command
  /// run in \p Directory to use its compiler's system headers when that
  /// compiler is a GCC the globs allow. Returns a line for verbose output the
  /// first time a compiler is queried, else "".
  std::string adapt(std::vector<std::string> &CommandLine, const std::string &Directory);

private:
  std::optional<DriverFacts> query(const std::string &Driver, const std::vector<std::string> &Flags,
                                   std::string &Note);

  std::vector<llvm::GlobPattern> Allowed;
  std::mutex Mutex;
  std::map<std::string, std::optional<DriverFacts>> Cache;
};

/// Parses the stderr of `DRIVER -E -v -x LANG -`; nothing when the driver
/// is not GCC (Clang prints the same list, but its own headers need no help).
std::optional<DriverFacts> parseDriverOutput(const std::string &Stderr);

} // namespace asynclint::check
