// Code that does not compile must not crash the check; what can be analysed
// still is.
// EXPECT-COMPILE-ERRORS
// NO-RUN
#include <minitask/task.hpp>

#include <unistd.h>

minitask::task<int> broken(int x) {
  undeclared_function(x);          // a compile error, not a finding
  auto y = x.member;               // another
  ::usleep(1);                     // expect: async-blocking-in-coroutine {{'usleep'}}
  co_return x;
}

// Clang 22 (not 19) drops a co_return whose operand does not compile; a body
// whose only co_ statement fails is then no coroutine at all in the AST, so
// only the other errors are kept here, the same on every supported Clang.

minitask::task<> unfinished() {
  ::sleep(1) // missing semicolon; still a call: expect: async-blocking-in-coroutine {{'sleep'}}
  co_return;
}

struct Incomplete;
minitask::task<> uses_incomplete(Incomplete &i) {
  i.wait(); // ok: async-blocking-in-coroutine
  co_return;
}
