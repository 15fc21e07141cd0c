//===--- NolintComments.cpp -----------------------------------------------===//
#include "wholeprogram/NolintComments.h"

#include <clang-tidy/GlobList.h>

#include <fstream>

namespace asynclint::wholeprogram {

namespace {

bool matches(const std::string &Globs, const std::string &Check) {
  return clang::tidy::GlobList(Globs, /*KeepNegativeGlobs=*/false).contains(Check);
}

} // namespace

const std::vector<NolintComments::Comment> &NolintComments::commentsOf(const std::string &File) {
  auto [It, Inserted] = Files.try_emplace(File);
  if (!Inserted)
    return It->second;
  std::ifstream In(File, std::ios::binary);
  unsigned Number = 0;
  for (std::string Line; std::getline(In, Line);) {
    ++Number;
    for (size_t At = Line.find("NOLINT"); At != std::string::npos;
         At = Line.find("NOLINT", At + 6)) {
      size_t After = At + 6;
      Comment::Kind What = Comment::SameLine;
      for (auto [Word, Kind] : {std::pair{"NEXTLINE", Comment::NextLine},
                                std::pair{"BEGIN", Comment::Begin}, std::pair{"END", Comment::End}})
        if (Line.compare(After, std::string(Word).size(), Word) == 0) {
          What = Kind;
          After += std::string(Word).size();
          break;
        }
      std::string Checks = "*";
      if (After < Line.size() && Line[After] == '(') {
        size_t Close = Line.find(')', After);
        if (Close == std::string::npos)
          continue; // clang-tidy ignores an unterminated list too
        Checks = Line.substr(After + 1, Close - After - 1);
      }
      It->second.push_back({What, Number, Checks});
    }
  }
  return It->second;
}

bool NolintComments::silences(const std::string &File, unsigned Line, const std::string &Check) {
  unsigned OpenRegions = 0;
  for (const Comment &C : commentsOf(File)) {
    if (!matches(C.Checks, Check))
      continue;
    if ((C.What == Comment::SameLine && C.Line == Line) ||
        (C.What == Comment::NextLine && C.Line + 1 == Line))
      return true;
    if (C.Line > Line)
      continue;
    if (C.What == Comment::Begin)
      ++OpenRegions;
    else if (C.What == Comment::End && OpenRegions > 0)
      --OpenRegions;
  }
  return OpenRegions > 0;
}

} // namespace asynclint::wholeprogram
