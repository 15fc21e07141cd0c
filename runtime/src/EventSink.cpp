//===--- EventSink.cpp ----------------------------------------------------===//
#include "EventSink.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace asynclint::rt {

bool EventSink::open(const std::string &Path) {
  close();
  // The raw syscall: the runtime interposes open-like functions' neighbours
  // and must not see its own I/O.
  Fd = static_cast<int>(::syscall(SYS_openat, AT_FDCWD, Path.c_str(),
                                  O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
  return Fd >= 0;
}

void EventSink::writeLine(std::string_view Line) const {
  if (Fd < 0)
    return;
  // Line and newline in one buffer: O_APPEND makes one write one line.
  char Small[4096];
  const char *Data;
  size_t Size = Line.size() + 1;
  std::string Large;
  if (Size <= sizeof(Small)) {
    std::memcpy(Small, Line.data(), Line.size());
    Small[Line.size()] = '\n';
    Data = Small;
  } else {
    Large.reserve(Size);
    Large.append(Line).push_back('\n');
    Data = Large.data();
  }
  while (Size > 0) {
    long Written = ::syscall(SYS_write, Fd, Data, Size);
    if (Written < 0) {
      if (errno == EINTR)
        continue;
      return; // A full disk must not take the program down.
    }
    Data += Written;
    Size -= static_cast<size_t>(Written);
  }
}

void EventSink::close() {
  if (Fd >= 0)
    ::syscall(SYS_close, Fd);
  Fd = -1;
}

} // namespace asynclint::rt
