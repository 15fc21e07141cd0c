//===--- InterposeBlocking.cpp - wrappers of the catalogued C functions ---===//
//
// Each wrapper times the real call and reports it when it ran in async
// context (BlockingCall). The wrappers are exported under the C names, so
// LD_PRELOAD (or linking the runtime first) puts them in front of libc.
//
//===----------------------------------------------------------------------===//
#include "BlockingCall.h"
#include "Watch.h"

#include <cstdio>
#include <netdb.h>
#include <semaphore.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

using namespace asynclint::rt;

#define ASYNCLINT_REAL(Name) static auto *Real = real<decltype(&::Name)>(#Name)

// Exported whatever -fvisibility says: these are the interposed functions.
#pragma GCC visibility push(default)
extern "C" {

unsigned int sleep(unsigned int Seconds) {
  ASYNCLINT_REAL(sleep);
  BlockingCall Call(Sym::Sleep);
  return Real(Seconds);
}

int usleep(useconds_t Micros) {
  ASYNCLINT_REAL(usleep);
  BlockingCall Call(Sym::Usleep);
  return Real(Micros);
}

int nanosleep(const struct timespec *Request, struct timespec *Remaining) {
  ASYNCLINT_REAL(nanosleep);
  BlockingCall Call(Sym::Nanosleep);
  return Real(Request, Remaining);
}

int clock_nanosleep(clockid_t Clock, int Flags, const struct timespec *Request,
                    struct timespec *Remaining) {
  ASYNCLINT_REAL(clock_nanosleep);
  BlockingCall Call(Sym::ClockNanosleep);
  return Real(Clock, Flags, Request, Remaining);
}

int pthread_cond_wait(pthread_cond_t *Cond, pthread_mutex_t *Mutex) {
  ASYNCLINT_REAL(pthread_cond_wait);
  BlockingCall Call(Sym::PthreadCondWait);
  SyncScope Sync;
  return Real(Cond, Mutex);
}

int pthread_cond_timedwait(pthread_cond_t *Cond, pthread_mutex_t *Mutex,
                           const struct timespec *Deadline) {
  ASYNCLINT_REAL(pthread_cond_timedwait);
  BlockingCall Call(Sym::PthreadCondTimedwait);
  SyncScope Sync;
  return Real(Cond, Mutex, Deadline);
}

int pthread_barrier_wait(pthread_barrier_t *Barrier) {
  ASYNCLINT_REAL(pthread_barrier_wait);
  BlockingCall Call(Sym::PthreadBarrierWait);
  SyncScope Sync;
  return Real(Barrier);
}

int sem_wait(sem_t *Semaphore) {
  ASYNCLINT_REAL(sem_wait);
  BlockingCall Call(Sym::SemWait);
  SyncScope Sync;
  return Real(Semaphore);
}

int sem_timedwait(sem_t *Semaphore, const struct timespec *Deadline) {
  ASYNCLINT_REAL(sem_timedwait);
  BlockingCall Call(Sym::SemTimedwait);
  SyncScope Sync;
  return Real(Semaphore, Deadline);
}

int sem_post(sem_t *Semaphore) {
  ASYNCLINT_REAL(sem_post);
  noteRelease();
  return Real(Semaphore);
}

int close(int Fd) {
  ASYNCLINT_REAL(close);
  forgetDescriptor(Fd);
  return Real(Fd);
}

ssize_t read(int Fd, void *Buffer, size_t Size) {
  ASYNCLINT_REAL(read);
  BlockingCall Call(Sym::Read, Fd, false);
  return Real(Fd, Buffer, Size);
}

ssize_t write(int Fd, const void *Buffer, size_t Size) {
  ASYNCLINT_REAL(write);
  BlockingCall Call(Sym::Write, Fd, true);
  return Real(Fd, Buffer, Size);
}

ssize_t pread(int Fd, void *Buffer, size_t Size, off_t Offset) {
  ASYNCLINT_REAL(pread);
  BlockingCall Call(Sym::Pread, Fd, false);
  return Real(Fd, Buffer, Size, Offset);
}

ssize_t pwrite(int Fd, const void *Buffer, size_t Size, off_t Offset) {
  ASYNCLINT_REAL(pwrite);
  BlockingCall Call(Sym::Pwrite, Fd, true);
  return Real(Fd, Buffer, Size, Offset);
}

ssize_t readv(int Fd, const struct iovec *Vector, int Count) {
  ASYNCLINT_REAL(readv);
  BlockingCall Call(Sym::Readv, Fd, false);
  return Real(Fd, Vector, Count);
}

ssize_t writev(int Fd, const struct iovec *Vector, int Count) {
  ASYNCLINT_REAL(writev);
  BlockingCall Call(Sym::Writev, Fd, true);
  return Real(Fd, Vector, Count);
}

ssize_t recv(int Fd, void *Buffer, size_t Size, int Flags) {
  ASYNCLINT_REAL(recv);
  BlockingCall Call(Sym::Recv, Fd, false, Flags);
  return Real(Fd, Buffer, Size, Flags);
}

ssize_t recvfrom(int Fd, void *Buffer, size_t Size, int Flags, struct sockaddr *From,
                 socklen_t *FromSize) {
  ASYNCLINT_REAL(recvfrom);
  BlockingCall Call(Sym::Recvfrom, Fd, false, Flags);
  return Real(Fd, Buffer, Size, Flags, From, FromSize);
}

ssize_t recvmsg(int Fd, struct msghdr *Message, int Flags) {
  ASYNCLINT_REAL(recvmsg);
  BlockingCall Call(Sym::Recvmsg, Fd, false, Flags);
  return Real(Fd, Message, Flags);
}

ssize_t send(int Fd, const void *Buffer, size_t Size, int Flags) {
  ASYNCLINT_REAL(send);
  BlockingCall Call(Sym::Send, Fd, true, Flags);
  return Real(Fd, Buffer, Size, Flags);
}

ssize_t sendto(int Fd, const void *Buffer, size_t Size, int Flags, const struct sockaddr *To,
               socklen_t ToSize) {
  ASYNCLINT_REAL(sendto);
  BlockingCall Call(Sym::Sendto, Fd, true, Flags);
  return Real(Fd, Buffer, Size, Flags, To, ToSize);
}

ssize_t sendmsg(int Fd, const struct msghdr *Message, int Flags) {
  ASYNCLINT_REAL(sendmsg);
  BlockingCall Call(Sym::Sendmsg, Fd, true, Flags);
  return Real(Fd, Message, Flags);
}

int accept(int Fd, struct sockaddr *Address, socklen_t *Size) {
  ASYNCLINT_REAL(accept);
  BlockingCall Call(Sym::Accept, Fd, false);
  return Real(Fd, Address, Size);
}

int accept4(int Fd, struct sockaddr *Address, socklen_t *Size, int Flags) {
  ASYNCLINT_REAL(accept4);
  BlockingCall Call(Sym::Accept4, Fd, false);
  return Real(Fd, Address, Size, Flags);
}

int connect(int Fd, const struct sockaddr *Address, socklen_t Size) {
  ASYNCLINT_REAL(connect);
  BlockingCall Call(Sym::Connect, Fd, false);
  return Real(Fd, Address, Size);
}

int fsync(int Fd) {
  ASYNCLINT_REAL(fsync);
  BlockingCall Call(Sym::Fsync);
  return Real(Fd);
}

int fdatasync(int Fd) {
  ASYNCLINT_REAL(fdatasync);
  BlockingCall Call(Sym::Fdatasync);
  return Real(Fd);
}

// Streams: opening a file waits for the disk; reads and writes wait when
// the buffer needs the descriptor. Standard output and error are left out
// as for write().
FILE *fopen(const char *Path, const char *Mode) {
  ASYNCLINT_REAL(fopen);
  BlockingCall Call(Sym::Fopen);
  return Real(Path, Mode);
}

FILE *freopen(const char *Path, const char *Mode, FILE *Stream) {
  ASYNCLINT_REAL(freopen);
  BlockingCall Call(Sym::Freopen);
  return Real(Path, Mode, Stream);
}

int fclose(FILE *Stream) {
  ASYNCLINT_REAL(fclose);
  // libc closes the descriptor internally, past the close() wrapper.
  forgetDescriptor(fileno_unlocked(Stream));
  BlockingCall Call(Sym::Fclose, fileno_unlocked(Stream), true);
  return Real(Stream);
}

size_t fread(void *Buffer, size_t Size, size_t Count, FILE *Stream) {
  ASYNCLINT_REAL(fread);
  BlockingCall Call(Sym::Fread, fileno_unlocked(Stream), false);
  return Real(Buffer, Size, Count, Stream);
}

size_t fwrite(const void *Buffer, size_t Size, size_t Count, FILE *Stream) {
  ASYNCLINT_REAL(fwrite);
  BlockingCall Call(Sym::Fwrite, fileno_unlocked(Stream), true);
  return Real(Buffer, Size, Count, Stream);
}

char *fgets(char *Buffer, int Size, FILE *Stream) {
  ASYNCLINT_REAL(fgets);
  BlockingCall Call(Sym::Fgets, fileno_unlocked(Stream), false);
  return Real(Buffer, Size, Stream);
}

int fflush(FILE *Stream) {
  ASYNCLINT_REAL(fflush);
  // fflush(nullptr) flushes every stream, the standard ones included.
  BlockingCall Call(Sym::Fflush, Stream ? fileno_unlocked(Stream) : STDOUT_FILENO, true);
  return Real(Stream);
}

int system(const char *Command) {
  ASYNCLINT_REAL(system);
  BlockingCall Call(Sym::System);
  return Real(Command);
}

FILE *popen(const char *Command, const char *Mode) {
  ASYNCLINT_REAL(popen);
  BlockingCall Call(Sym::Popen);
  return Real(Command, Mode);
}

int pclose(FILE *Stream) {
  ASYNCLINT_REAL(pclose);
  BlockingCall Call(Sym::Pclose);
  return Real(Stream);
}

pid_t wait(int *Status) {
  ASYNCLINT_REAL(wait);
  BlockingCall Call(Sym::Wait);
  return Real(Status);
}

pid_t waitpid(pid_t Pid, int *Status, int Options) {
  ASYNCLINT_REAL(waitpid);
  if (Options & WNOHANG)
    return Real(Pid, Status, Options);
  BlockingCall Call(Sym::Waitpid);
  return Real(Pid, Status, Options);
}

int waitid(idtype_t Type, id_t Id, siginfo_t *Info, int Options) {
  ASYNCLINT_REAL(waitid);
  if (Options & WNOHANG)
    return Real(Type, Id, Info, Options);
  BlockingCall Call(Sym::Waitid);
  return Real(Type, Id, Info, Options);
}

int getaddrinfo(const char *Node, const char *Service, const struct addrinfo *Hints,
                struct addrinfo **Result) {
  ASYNCLINT_REAL(getaddrinfo);
  BlockingCall Call(Sym::Getaddrinfo);
  return Real(Node, Service, Hints, Result);
}

struct hostent *gethostbyname(const char *Name) {
  ASYNCLINT_REAL(gethostbyname);
  BlockingCall Call(Sym::Gethostbyname);
  return Real(Name);
}

struct hostent *gethostbyname2(const char *Name, int Family) {
  ASYNCLINT_REAL(gethostbyname2);
  BlockingCall Call(Sym::Gethostbyname2);
  return Real(Name, Family);
}

int gethostbyname_r(const char *Name, struct hostent *Entry, char *Buffer, size_t Size,
                    struct hostent **Result, int *Error) {
  ASYNCLINT_REAL(gethostbyname_r);
  BlockingCall Call(Sym::GethostbynameR);
  return Real(Name, Entry, Buffer, Size, Result, Error);
}

struct hostent *gethostbyaddr(const void *Address, socklen_t Size, int Type) {
  ASYNCLINT_REAL(gethostbyaddr);
  BlockingCall Call(Sym::Gethostbyaddr);
  return Real(Address, Size, Type);
}

int getnameinfo(const struct sockaddr *Address, socklen_t Size, char *Host, socklen_t HostSize,
                char *Service, socklen_t ServiceSize, int Flags) {
  ASYNCLINT_REAL(getnameinfo);
  BlockingCall Call(Sym::Getnameinfo);
  return Real(Address, Size, Host, HostSize, Service, ServiceSize, Flags);
}

} // extern "C"
#pragma GCC visibility pop
