/*===--- asynclint/runtime.h - marking async context for the runtime ------===*
 *
 * The asynclint runtime recognises Asio's event loop and C++20 coroutine
 * frames by itself. A custom event loop or task scheduler that it cannot
 * recognise marks its dispatch with these calls, so that a blocking call made
 * by a task it runs is reported.
 *
 * Every function is a weak reference: a program built with this header runs
 * unchanged without the runtime, and the calls do nothing then. Call them
 * through the asynclint_mark_* helpers, which test for the runtime first.
 *===----------------------------------------------------------------------===*/
#ifndef ASYNCLINT_RUNTIME_H
#define ASYNCLINT_RUNTIME_H

#ifdef __cplusplus
extern "C" {
#endif

/* The calling thread starts (stops) dispatching the tasks of an event loop.
 * Nestable; each enter needs one exit on the same thread. */
void asynclint_loop_enter(void) __attribute__((weak));
void asynclint_loop_exit(void) __attribute__((weak));

/* The calling thread resumes (leaves) the coroutine or task \p name, which must
 * not block its thread. \p name is kept by pointer: pass a string literal. */
void asynclint_task_enter(const char *name) __attribute__((weak));
void asynclint_task_exit(void) __attribute__((weak));

/* Nonzero when the runtime is loaded and recording. */
int asynclint_runtime_active(void) __attribute__((weak));

static inline void asynclint_mark_loop_enter(void) {
  if (asynclint_loop_enter)
    asynclint_loop_enter();
}
static inline void asynclint_mark_loop_exit(void) {
  if (asynclint_loop_exit)
    asynclint_loop_exit();
}
static inline void asynclint_mark_task_enter(const char *name) {
  if (asynclint_task_enter)
    asynclint_task_enter(name);
}
static inline void asynclint_mark_task_exit(void) {
  if (asynclint_task_exit)
    asynclint_task_exit();
}

#ifdef __cplusplus
} /* extern "C" */

namespace asynclint {

/// Marks the current scope as an event loop's dispatch.
class LoopScope {
public:
  LoopScope() { asynclint_mark_loop_enter(); }
  ~LoopScope() { asynclint_mark_loop_exit(); }
  LoopScope(const LoopScope &) = delete;
  LoopScope &operator=(const LoopScope &) = delete;
};

/// Marks the current scope as running the task \p Name (a string literal).
class TaskScope {
public:
  explicit TaskScope(const char *Name) { asynclint_mark_task_enter(Name); }
  ~TaskScope() { asynclint_mark_task_exit(); }
  TaskScope(const TaskScope &) = delete;
  TaskScope &operator=(const TaskScope &) = delete;
};

} // namespace asynclint
#endif

#endif /* ASYNCLINT_RUNTIME_H */
