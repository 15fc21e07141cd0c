//===--- EventSink.h - the JSON-lines event file ---------------------------===//
//
// Each event is one line written by a single write(2) on a descriptor opened
// with O_APPEND: nothing is buffered in the process, so no event is lost when
// the program calls _exit, is killed or crashes, and lines from forked
// children and concurrent threads never interleave.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <string>
#include <string_view>

namespace asynclint::rt {

class EventSink {
public:
  /// Opens (creating, appending) \p Path. False if it cannot be opened.
  bool open(const std::string &Path);
  /// Appends \p Line and a newline in one write. Safe in signal handlers.
  void writeLine(std::string_view Line) const;
  bool isOpen() const { return Fd >= 0; }
  void close();

private:
  int Fd = -1;
};

} // namespace asynclint::rt
