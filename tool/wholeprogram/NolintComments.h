//===--- NolintComments.h - NOLINT for findings made outside clang-tidy ---===//
//
// clang-tidy drops a diagnostic that a NOLINT comment silences; the
// whole-program step makes its findings after clang-tidy has run, so it
// reads the same comments itself: NOLINT and NOLINTNEXTLINE, with or without
// a list of check globs, and NOLINTBEGIN / NOLINTEND regions.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <map>
#include <string>
#include <vector>

namespace asynclint::wholeprogram {

class NolintComments {
public:
  /// Whether a NOLINT comment silences \p Check at line \p Line of \p File.
  bool silences(const std::string &File, unsigned Line, const std::string &Check);

private:
  struct Comment {
    enum Kind { SameLine, NextLine, Begin, End } What;
    unsigned Line;
    /// The check globs in parentheses; "*" when none are given.
    std::string Checks;
  };
  const std::vector<Comment> &commentsOf(const std::string &File);

  std::map<std::string, std::vector<Comment>> Files;
};

} // namespace asynclint::wholeprogram
