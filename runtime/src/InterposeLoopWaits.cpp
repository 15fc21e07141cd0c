//===--- InterposeLoopWaits.cpp - readiness waits of event loops ----------===//
//
// Waiting for readiness is what an event loop does between tasks: never a
// blocking event itself, but a thread that waits here between spawning a
// thread and joining it had other work in flight (the serialization check).
// One thread-local increment per call: the echo-server benchmark's hot path.
//
//===----------------------------------------------------------------------===//
#include "Runtime.h"
#include "ThreadState.h"

#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>

using namespace asynclint::rt;

#define ASYNCLINT_REAL(Name) static auto *Real = real<decltype(&::Name)>(#Name)

// Exported whatever -fvisibility says: these are the interposed functions.
#pragma GCC visibility push(default)
extern "C" {

int epoll_wait(int Fd, struct epoll_event *Events, int Max, int Timeout) {
  ASYNCLINT_REAL(epoll_wait);
  ++self().Activity;
  return Real(Fd, Events, Max, Timeout);
}

int epoll_pwait(int Fd, struct epoll_event *Events, int Max, int Timeout, const sigset_t *Mask) {
  ASYNCLINT_REAL(epoll_pwait);
  ++self().Activity;
  return Real(Fd, Events, Max, Timeout, Mask);
}

int poll(struct pollfd *Fds, nfds_t Count, int Timeout) {
  ASYNCLINT_REAL(poll);
  ++self().Activity;
  return Real(Fds, Count, Timeout);
}

int ppoll(struct pollfd *Fds, nfds_t Count, const struct timespec *Timeout, const sigset_t *Mask) {
  ASYNCLINT_REAL(ppoll);
  ++self().Activity;
  return Real(Fds, Count, Timeout, Mask);
}

int select(int Count, fd_set *Read, fd_set *Write, fd_set *Except, struct timeval *Timeout) {
  ASYNCLINT_REAL(select);
  ++self().Activity;
  return Real(Count, Read, Write, Except, Timeout);
}

int pselect(int Count, fd_set *Read, fd_set *Write, fd_set *Except, const struct timespec *Timeout,
            const sigset_t *Mask) {
  ASYNCLINT_REAL(pselect);
  ++self().Activity;
  return Real(Count, Read, Write, Except, Timeout, Mask);
}

} // extern "C"
#pragma GCC visibility pop
