// A catalog file that does not parse is reported as a configuration error
// and skipped: the built-in catalog still applies and nothing crashes.
// CHECKS: async-blocking-in-coroutine
// CONFIG: {CheckOptions: {CatalogFiles: '%S/data/broken-catalog.json;%S/data/missing.json'}}
// EXPECT-CONFIG: broken-catalog.json: catalog.blocking[0]: missing 'category'
// EXPECT-CONFIG: cannot read catalog file
// NO-RUN
#include <minitask/task.hpp>

#include <unistd.h>

minitask::task<> still_checked() {
  ::usleep(1); // expect: async-blocking-in-coroutine {{'usleep'}}
  co_return;
}

minitask::task<> clean() {
  co_return; // ok: async-blocking-in-coroutine
}

int main() { return 0; }
