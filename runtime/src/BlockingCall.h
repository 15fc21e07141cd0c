//===--- BlockingCall.h - timing one catalogued call and reporting it -----===//
#pragma once

#include "Runtime.h"

#include <cstdint>

namespace asynclint::rt {

/// Wraps one call of a catalogued blocking function: constructed before the
/// real call, it reports on destruction when the call ran in async context.
/// errno is preserved.
class BlockingCall {
public:
  explicit BlockingCall(Sym S);
  /// An I/O call on \p Fd: it can block only when the descriptor is in
  /// blocking mode and \p NonBlockingFlags (MSG_DONTWAIT) were not passed.
  BlockingCall(Sym S, int Fd, bool IsWrite, int MsgFlags = 0);
  ~BlockingCall();
  /// The call returned without waiting (a futex whose value had changed).
  void didNotBlock() { Category = nullptr; }
  BlockingCall(const BlockingCall &) = delete;
  BlockingCall &operator=(const BlockingCall &) = delete;

private:
  Sym Symbol;
  const char *Category = nullptr;
  uint64_t Start = 0;
};

/// Whether \p Fd would block a read or write (not O_NONBLOCK).
bool descriptorBlocks(int Fd);
/// \p Fd is being closed: what was known about it no longer holds.
void forgetDescriptor(int Fd);

} // namespace asynclint::rt
