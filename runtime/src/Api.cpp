//===--- Api.cpp - the C API of runtime.h ----------------------------------===//
#include "asynclint/runtime.h"

#include "Runtime.h"
#include "ThreadState.h"

using namespace asynclint::rt;

// Exported whatever -fvisibility says: these are the interposed functions.
#pragma GCC visibility push(default)
extern "C" {

void asynclint_loop_enter(void) { ++self().LoopDepth; }

void asynclint_loop_exit(void) {
  ThreadState &T = self();
  if (T.LoopDepth > 0)
    --T.LoopDepth;
}

void asynclint_task_enter(const char *name) {
  ThreadState &T = self();
  ++T.TaskDepth;
  T.TaskName = name;
}

void asynclint_task_exit(void) {
  ThreadState &T = self();
  if (T.TaskDepth > 0 && --T.TaskDepth == 0)
    T.TaskName = nullptr;
}

int asynclint_runtime_active(void) { return ready() ? 1 : 0; }

} // extern "C"
#pragma GCC visibility pop
