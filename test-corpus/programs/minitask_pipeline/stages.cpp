#include "stages.h"

namespace pipeline {

void drain(int n) {
  if (n > 0)
    flush(n - 1); // expect-note: {{'pipeline::drain' calls 'pipeline::flush' here}}
}

int count_down(int n) { return n <= 0 ? 0 : count_up(n - 1); }

} // namespace pipeline
