//===--- HeaderScope.h - which headers' findings are the project's -------===//
#pragma once

#include <string>

namespace asynclint::check {

/// The default answer to "report a finding located in this header?" when
/// neither HeaderFilterRegex (.clang-tidy) nor --header-filter says: yes for
/// the project's own headers, i.e. files under the project root except in
/// the build folder and in third-party folders (a path component named
/// third_party, third-party, thirdparty, 3rdparty, external, vendor or
/// _deps). System headers are never reported (clang-tidy drops them first).
class HeaderScope {
public:
  HeaderScope() = default;
  /// \p BuildDir is left out unless it is the project root itself (an
  /// in-source build).
  HeaderScope(const std::string &ProjectRoot, const std::string &BuildDir);

  bool isProjectFile(const std::string &File) const;

private:
  std::string Root;
  std::string Build;
};

} // namespace asynclint::check
