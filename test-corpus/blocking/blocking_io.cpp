// Blocking I/O inside coroutines: POSIX calls, C stdio on files, file
// streams. Look-alike members and console output are not flagged.
// NO-RUN
#include <minitask/task.hpp>

#include <cstdio>
#include <fstream>
#include <poll.h>
#include <sstream>
#include <string>
#include <sys/socket.h>
#include <unistd.h>

struct Buffer {
  // A member named like the POSIX call is not ::read.
  int read(char *out, int n) { return n > 0 && out ? 0 : -1; }
};

minitask::task<int> posix_io(int fd, int sock) {
  char buf[64];
  ::read(fd, buf, sizeof buf);        // expect: async-blocking-in-coroutine {{'read' does blocking I/O}}
  write(fd, buf, 1);                  // expect: async-blocking-in-coroutine {{'write'}}
  write(STDERR_FILENO, "log\n", 4);    // ok: async-blocking-in-coroutine
  recv(sock, buf, sizeof buf, 0);     // expect: async-blocking-in-coroutine {{'recv'}}
  recv(sock, buf, sizeof buf, MSG_DONTWAIT); // ok: async-blocking-in-coroutine
  pollfd pfd{fd, POLLIN, 0};
  poll(&pfd, 1, 1000);                // expect: async-blocking-in-coroutine {{'poll'}}
  poll(&pfd, 1, 0);                   // ok: async-blocking-in-coroutine
  Buffer b;
  co_return b.read(buf, 1);           // ok: async-blocking-in-coroutine
}

minitask::task<std::string> file_io(const char *path) {
  FILE *f = fopen(path, "r");         // expect: async-blocking-in-coroutine {{'fopen'}}
  char line[128];
  fgets(line, sizeof line, f);        // expect: async-blocking-in-coroutine {{'fgets'}}
  fwrite(line, 1, 1, f);              // expect: async-blocking-in-coroutine {{'fwrite'}}
  fwrite(line, 1, 1, stderr);         // ok: async-blocking-in-coroutine
  fflush(stdout);                     // ok: async-blocking-in-coroutine
  fflush(f);                          // expect: async-blocking-in-coroutine {{'fflush'}}
  fclose(f);                          // expect: async-blocking-in-coroutine {{'fclose'}}
  std::ifstream in(path);             // expect: async-blocking-in-coroutine {{'std::basic_ifstream' does blocking I/O}}
  std::ofstream out;                  // ok: async-blocking-in-coroutine
  out.open("/tmp/asynclint-out.txt"); // expect: async-blocking-in-coroutine {{'std::basic_ofstream::open'}}
  std::ostringstream text;            // ok: async-blocking-in-coroutine
  text << line;
  std::printf("%s\n", line);          // ok: async-blocking-in-coroutine
  co_return text.str();
}

int main() { return 0; }
