//===--- BlockingMessages.cpp ---------------------------------------------===//
#include "blocking/BlockingMessages.h"

namespace asynclint::blocking {

std::string consequence(const std::string &Advice, bool OnPool) {
  std::string Text = OnPool ? "it runs on a thread pool, where every other task queued on the pool "
                              "waits for a worker while it blocks"
                            : "every other task on its event loop waits until it returns";
  if (!Advice.empty())
    Text += "; " + Advice;
  return Text;
}

std::string directCallMessage(const std::string &Blocking, const std::string &What,
                              const std::string &Coroutine, const std::string &Consequence) {
  return "'" + Blocking + "' " + What + " inside coroutine " + Coroutine + "; " + Consequence;
}

std::string helperCallMessage(const std::string &Callee, const std::string &Coroutine,
                              const std::string &Blocking, const std::string &What,
                              const std::string &Consequence) {
  return "call to " + Callee + " blocks inside coroutine " + Coroutine + ": it reaches '" +
         Blocking + "', which " + What + "; " + Consequence;
}

std::string callsNote(const std::string &Caller, const std::string &Callee) {
  return Caller + " calls " + Callee + " here";
}

std::string blockingCallNote(const std::string &Caller, const std::string &Blocking,
                             const std::string &What) {
  return Caller + " calls '" + Blocking + "', which " + What;
}

} // namespace asynclint::blocking
