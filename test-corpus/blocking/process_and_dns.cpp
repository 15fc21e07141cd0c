// Running processes and DNS lookups inside coroutines.
// NO-RUN
#include <minitask/task.hpp>

#include <cstdlib>
#include <netdb.h>
#include <spawn.h>
#include <stdio.h>
#include <sys/wait.h>

struct Service {
  // A member called system is not std::system.
  int system(const char *) { return 0; }
};

minitask::task<int> run_tools(const char *host) {
  int rc = std::system("true");                    // expect: async-blocking-in-coroutine {{'system' runs or waits for another process}}
  FILE *p = popen("echo hi", "r");                 // expect: async-blocking-in-coroutine {{'popen'}}
  pclose(p);                                       // expect: async-blocking-in-coroutine {{'pclose'}}
  int status = 0;
  waitpid(-1, &status, 0);                         // expect: async-blocking-in-coroutine {{'waitpid'}}
  waitpid(-1, &status, WNOHANG);                   // ok: async-blocking-in-coroutine
  addrinfo *info = nullptr;
  getaddrinfo(host, "80", nullptr, &info);         // expect: async-blocking-in-coroutine {{'getaddrinfo' does a blocking DNS lookup}}
  gethostbyname(host);                             // expect: async-blocking-in-coroutine {{'gethostbyname'}}
  freeaddrinfo(info);                              // ok: async-blocking-in-coroutine
  Service s;
  rc += s.system("x");                             // ok: async-blocking-in-coroutine
  const char *home = std::getenv("HOME");          // ok: async-blocking-in-coroutine
  co_return rc + (home ? 1 : 0);
}

int main() { return 0; }
