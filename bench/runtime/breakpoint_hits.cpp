// Hits three functions in turn, HITS times, for bench/runtime-breakpoint-cost.sh:
// with the spawn breakpoints on them, each call is one breakpoint trap.
#include <cstdio>
#include <cstdlib>

int sink = 0;
__attribute__((noinline)) void statement() { sink = sink + 1; }
__attribute__((noinline)) void task() { sink = sink + 2; }
__attribute__((noinline)) void next_line() { sink = sink + 3; }

int main(int argc, char **argv) {
  long hits = argc > 1 ? std::atol(argv[1]) : 100000;
  for (long i = 0; i < hits; ++i) {
    statement();
    task();
    next_line();
  }
  std::printf("%d\n", sink);
}
