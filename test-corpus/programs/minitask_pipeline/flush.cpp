#include "stages.h"

#include <unistd.h>

namespace pipeline {

void flush(int n) {
  if (n > 0)
    drain(n - 1);
  else
    ::usleep(100); // expect-note: {{'pipeline::flush' calls 'usleep', which puts the thread to sleep}}
}

int count_up(int n) { return n <= 0 ? 1 : count_down(n - 1); }

} // namespace pipeline
