//===--- AsyncContext.cpp -------------------------------------------------===//
#include "AsyncContext.h"

#include "ThreadState.h"

namespace asynclint::rt {

const char *AsyncContext::kindName(Kind K) {
  switch (K) {
  case None:
    return "none";
  case Coroutine:
    return "coroutine";
  case EventLoop:
    return "event-loop";
  case MarkedTask:
    return "marked-task";
  case MarkedLoop:
    return "marked-loop";
  }
  return "none";
}

namespace {
std::string withoutCloneSuffix(std::string Name) {
  for (const char *Suffix : {" [clone .resume]", " (.resume)", ".resume"}) {
    size_t At = Name.rfind(Suffix);
    if (At != std::string::npos && At + std::string(Suffix).size() == Name.size())
      return Name.substr(0, At);
  }
  return Name;
}
} // namespace

AsyncContext classifyContext(const Stack &S) {
  AsyncContext Result;
  const ThreadState &T = self();
  if (T.TaskDepth > 0) {
    Result.K = AsyncContext::MarkedTask;
    Result.Name = T.TaskName ? T.TaskName : "";
    return Result;
  }
  bool SawProgramFrame = false;
  AsyncContext Found;
  for (int I = 0; I < S.Depth; ++I) {
    FrameInfo F = describeFrame(S.Pc[I], /*ReturnAddress=*/true);
    if (F.Flags & FlagPool)
      return AsyncContext{}; // blocking on a pool thread is the fix, not the bug
    if (Found.K != AsyncContext::None)
      continue; // keep looking outward for a pool frame only
    bool Internal = F.SystemModule || (F.Flags & (FlagLoopInternal | FlagStandard)) || !F.Symbol;
    if ((F.Flags & FlagCoroutineBody) && (!Internal || SawProgramFrame)) {
      Found.K = AsyncContext::Coroutine;
      Found.Name = withoutCloneSuffix(demangle(F.Symbol->Name));
      continue;
    }
    // The dispatch function is the loop itself: only frames between it and
    // the call can make the call a task's.
    if (F.Flags & FlagLoopDispatch) {
      if (!SawProgramFrame)
        return AsyncContext{}; // the loop waiting for work
      Found.K = AsyncContext::EventLoop;
      Found.Name = demangle(F.Symbol->Name);
      continue;
    }
    if (!Internal)
      SawProgramFrame = true;
  }
  if (Found.K == AsyncContext::None && T.LoopDepth > 0)
    Found.K = AsyncContext::MarkedLoop;
  return Found;
}

} // namespace asynclint::rt
