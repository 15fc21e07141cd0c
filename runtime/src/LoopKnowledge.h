//===--- LoopKnowledge.h - which functions are event loops and pools ------===//
//
// The runtime tells a blocking call made by a task on an event loop from the
// loop's own idle wait and from work on a thread pool by the functions on the
// stack. The defaults know Asio (standalone and Boost) and minitask; more
// come from ASYNCLINT_LOOP_FUNCTIONS, ASYNCLINT_LOOP_INTERNALS and
// ASYNCLINT_POOL_FUNCTIONS (lists of qualified names, ',' or ';').
//
//===----------------------------------------------------------------------===//
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

namespace asynclint::rt {

struct LoopKnowledge {
  /// Qualified names (a namespace, class or function), matched in the
  /// demangled names of the functions on a stack.
  std::vector<std::string> Dispatch, Internal, Pool;

  static LoopKnowledge defaults();
  /// Adds the qualified names in \p List to \p Into.
  static void addNames(std::vector<std::string> &Into, const char *List);
  /// Classifies the function with mangled name \p Name into SymbolFlag bits.
  unsigned classify(const char *Name) const;
};

} // namespace asynclint::rt
