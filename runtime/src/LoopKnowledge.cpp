//===--- LoopKnowledge.cpp ------------------------------------------------===//
#include "LoopKnowledge.h"

#include "Catalog.h"
#include "ElfSymbols.h"
#include "Stack.h"

#include <cstring>
#include <string_view>

namespace asynclint::rt {

LoopKnowledge LoopKnowledge::defaults() {
  LoopKnowledge K;
  // Asio's scheduler runs one handler per do_*_one; its reactor wait and
  // idle condition wait are reached from the same functions.
  addNames(K.Dispatch, "asio::detail::scheduler::do_run_one;asio::detail::scheduler::do_poll_one;"
                       "asio::detail::scheduler::do_wait_one;"
                       "boost::asio::detail::scheduler::do_run_one;"
                       "boost::asio::detail::scheduler::do_poll_one;"
                       "boost::asio::detail::scheduler::do_wait_one;"
                       "minitask::scheduler::run");
  // The loop's own waiting: a blocking call reached from the dispatch
  // function through only these is the loop idling, not a task blocking it.
  // Handler completion (asio::detail::*_op::do_complete) is not among them:
  // with optimisation the program's handlers are inlined there.
  for (const char *Ns : {"asio::detail::", "boost::asio::detail::"})
    for (const char *Part : {"scheduler", "posix_event", "conditionally_enabled_event",
                             "epoll_reactor", "posix_mutex", "conditionally_enabled_mutex"})
      addNames(K.Internal, (std::string(Ns) + Part).c_str());
  addNames(K.Internal, "minitask::detail::run_queue");
  // Threads meant for blocking work, including Asio's private resolver
  // thread that runs getaddrinfo for async_resolve.
  addNames(K.Pool, "asio::thread_pool;boost::asio::thread_pool;minitask::thread_pool;"
                   "asio::detail::resolver_service_base;"
                   "boost::asio::detail::resolver_service_base");
  return K;
}

void LoopKnowledge::addNames(std::vector<std::string> &Into, const char *List) {
  if (!List)
    return;
  for (std::string &Name : catalog::splitList(List))
    Into.push_back(std::move(Name));
}

namespace {
bool identifierChar(char C) {
  return (C >= 'a' && C <= 'z') || (C >= 'A' && C <= 'Z') || (C >= '0' && C <= '9') || C == '_';
}

// A qualified name matches in a demangled name at identifier boundaries:
// "asio::detail" inside "asio::detail::scheduler::run()" or in a template
// argument, not inside "xasio::detail". Demangled text, because mangled
// names abbreviate repeated prefixes (S_) and a substring would miss them.
bool containsName(const std::string &Demangled, const std::string &Name) {
  for (size_t At = Demangled.find(Name); At != std::string::npos;
       At = Demangled.find(Name, At + 1)) {
    size_t After = At + Name.size();
    if ((At == 0 || !identifierChar(Demangled[At - 1])) &&
        (After == Demangled.size() || !identifierChar(Demangled[After])))
      return true;
  }
  return false;
}

bool endsWith(const char *Name, const char *Suffix) {
  size_t N = std::strlen(Name), S = std::strlen(Suffix);
  return N >= S && std::strcmp(Name + N - S, Suffix) == 0;
}
} // namespace

namespace {
/// The qualified name of the function in a demangled signature, without its
/// return type or parameters: "std::cv_status std::condition_variable::
/// wait_until<...>(...)" -> "std::condition_variable::wait_until<...>".
std::string_view qualifiedFunctionName(std::string_view Demangled) {
  int Depth = 0;
  size_t Begin = 0;
  for (size_t I = 0; I < Demangled.size(); ++I) {
    char C = Demangled[I];
    if (C == '<')
      ++Depth;
    else if (C == '>')
      --Depth;
    else if (Depth == 0 && C == ' ')
      Begin = I + 1;
    else if (Depth == 0 && C == '(' && I > Begin)
      return Demangled.substr(Begin, I - Begin);
  }
  return Demangled.substr(Begin);
}
} // namespace

unsigned LoopKnowledge::classify(const char *Name) const {
  unsigned Flags = FlagClassified;
  // Clang splits a coroutine into ramp, .resume, .destroy and .cleanup; the
  // body runs in .resume.
  if (endsWith(Name, ".resume"))
    Flags |= FlagCoroutineBody;
  std::string Demangled = demangle(Name);
  // Standard-library templates are compiled into the program, but what they
  // do (a condition variable's wait, sleep_for) is not the program's code.
  std::string_view Function = qualifiedFunctionName(Demangled);
  for (std::string_view Std : {"std::", "__gnu_cxx::"})
    if (Function.substr(0, Std.size()) == Std)
      Flags |= FlagStandard;
  for (const std::string &N : Dispatch)
    if (containsName(Demangled, N))
      Flags |= FlagLoopDispatch;
  for (const std::string &N : Internal)
    if (containsName(Demangled, N))
      Flags |= FlagLoopInternal;
  for (const std::string &N : Pool)
    if (containsName(Demangled, N))
      Flags |= FlagPool;
  return Flags;
}

} // namespace asynclint::rt
