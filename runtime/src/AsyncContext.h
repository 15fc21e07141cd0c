//===--- AsyncContext.h - is a blocking call stalling a loop or a task? ---===//
#pragma once

#include "Stack.h"

#include <string>

namespace asynclint::rt {

struct AsyncContext {
  enum Kind {
    None,       // ordinary thread code, a pool worker, or the loop's own wait
    Coroutine,  // inside a C++20 coroutine body
    EventLoop,  // inside a task an event loop dispatches
    MarkedTask, // inside asynclint_task_enter/exit
    MarkedLoop, // inside asynclint_loop_enter/exit
  } K = None;
  /// The coroutine, task or loop function by name, when known.
  std::string Name;

  static const char *kindName(Kind K);
};

/// Decides from the explicit marks and the frames on \p S. Frames are read
/// innermost first: the first coroutine body of the program's own code
/// makes the context a coroutine; reaching a loop's dispatch function after
/// a frame of the program's code makes it a task on that loop, and without
/// one it is the loop's own idle wait. A thread-pool frame anywhere means
/// the call runs where blocking belongs.
AsyncContext classifyContext(const Stack &S);

} // namespace asynclint::rt
