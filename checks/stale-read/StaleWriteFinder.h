//===--- StaleWriteFinder.h - stale writes another task can interleave with
#pragma once

#include "stale-read/TaskGraph.h"

#include <vector>

namespace asynclint {

/// A stale write of a coroutine, with the evidence that another writer of
/// the same location runs concurrently.
struct StaleFinding {
  const clang::FunctionDecl *Function = nullptr;
  StaleWrite Stale;
  const WriteFact *Write = nullptr;
  /// The task the write runs in.
  const Task *In = nullptr;
  /// The other writer: another instance of the same code (Other == Write,
  /// OtherTask == In) or a write of another task.
  const WriteFact *Other = nullptr;
  const clang::FunctionDecl *OtherFunction = nullptr;
  const Task *OtherTask = nullptr;
};

/// Keeps the stale writes whose location another task may write while the
/// coroutine is suspended: two instances of one task on the same object, or
/// a task of its own that writes it (for a check-then-act, with the same kind
/// of change). Each write is reported once, whatever the contexts it runs in.
std::vector<StaleFinding> findStaleWrites(const TaskGraph &Graph, FactsCollector &Facts);

} // namespace asynclint
