//===--- InterposeWaits.cpp - waits that bypass the pthread functions -----===//
//
// std::future::get and wait, std::latch, std::barrier,
// std::counting_semaphore::acquire and std::atomic::wait block in a futex
// system call that libstdc++ (and libc++) make through libc's syscall(), not
// through a pthread function: the wrapper of syscall() times the futex
// waits among them. A wait that returned EAGAIN found its value already
// changed and did not block, so it is not reported. condition_variable's
// timed waits use pthread_cond_clockwait (glibc 2.30), wrapped here too.
//
//===----------------------------------------------------------------------===//
#include "BlockingCall.h"
#include "Watch.h"

#include <cerrno>
#include <cstdarg>
#include <linux/futex.h>
#include <pthread.h>
#include <semaphore.h>
#include <sys/syscall.h>

using namespace asynclint::rt;

namespace {

bool isFutexWait(long Operation) {
  switch (Operation & FUTEX_CMD_MASK) {
  case FUTEX_WAIT:
  case FUTEX_WAIT_BITSET:
  case FUTEX_LOCK_PI:
  case FUTEX_WAIT_REQUEUE_PI:
    return true;
  default:
    return false;
  }
}

bool isFutexWake(long Operation) {
  switch (Operation & FUTEX_CMD_MASK) {
  case FUTEX_WAKE:
  case FUTEX_WAKE_BITSET:
  case FUTEX_WAKE_OP:
  case FUTEX_UNLOCK_PI:
  case FUTEX_CMP_REQUEUE:
    return true;
  default:
    return false;
  }
}

} // namespace

// Exported whatever -fvisibility says: these are the interposed functions.
#pragma GCC visibility push(default)
extern "C" {

long syscall(long Number, ...) {
  // The kernel takes at most six arguments, all passed as registers' worth;
  // libc's own syscall() reads six whatever the caller passed.
  va_list List;
  va_start(List, Number);
  long A[6];
  for (long &Argument : A)
    Argument = va_arg(List, long);
  va_end(List);
  static auto *Real = real<long (*)(long, ...)>("syscall");
  if (Number != SYS_futex)
    return Real(Number, A[0], A[1], A[2], A[3], A[4], A[5]);
  if (isFutexWake(A[1])) {
    noteRelease(); // a wake hands something over, as an unlock does
    return Real(Number, A[0], A[1], A[2], A[3], A[4], A[5]);
  }
  if (!isFutexWait(A[1]))
    return Real(Number, A[0], A[1], A[2], A[3], A[4], A[5]);
  BlockingCall Call(Sym::Futex);
  SyncScope Sync;
  long Result = Real(Number, A[0], A[1], A[2], A[3], A[4], A[5]);
  if (Result == -1 && errno == EAGAIN)
    Call.didNotBlock();
  return Result;
}

int pthread_cond_clockwait(pthread_cond_t *Cond, pthread_mutex_t *Mutex, clockid_t Clock,
                           const struct timespec *Deadline) {
  static auto *Real =
      real<int (*)(pthread_cond_t *, pthread_mutex_t *, clockid_t, const struct timespec *)>(
          "pthread_cond_clockwait");
  BlockingCall Call(Sym::PthreadCondClockwait);
  SyncScope Sync;
  return Real(Cond, Mutex, Clock, Deadline);
}

int sem_clockwait(sem_t *Semaphore, clockid_t Clock, const struct timespec *Deadline) {
  static auto *Real = real<int (*)(sem_t *, clockid_t, const struct timespec *)>("sem_clockwait");
  BlockingCall Call(Sym::SemClockwait);
  SyncScope Sync;
  return Real(Semaphore, Clock, Deadline);
}

} // extern "C"
#pragma GCC visibility pop
