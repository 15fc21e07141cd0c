//===--- Stack.h - capturing and naming call stacks in process -------------===//
#pragma once

#include "ElfSymbols.h"

#include <cstdint>
#include <string>

namespace asynclint::rt {

constexpr int MaxFrames = 32;

/// Return addresses, innermost first, with the runtime's own frames removed.
struct Stack {
  void *Pc[MaxFrames];
  int Depth = 0;
};

/// Captures the calling thread's stack. Not for signal handlers.
void captureStack(Stack &Out);

/// What the runtime's classifier knows about a function (bits).
enum SymbolFlag : uint8_t {
  FlagClassified = 1,
  FlagCoroutineBody = 2, // a C++20 coroutine's resume function
  FlagLoopDispatch = 4,  // runs an event loop's tasks
  FlagLoopInternal = 8,  // the loop machinery itself
  FlagPool = 16,         // a thread pool meant for blocking work
  FlagStandard = 32,     // the standard library's own (a template instantiated in the program)
};

struct FrameInfo {
  const char *Module = nullptr; // path of the ELF file, stable for the process
  uint64_t Offset = 0;          // address in that file (for llvm-symbolizer)
  bool SystemModule = false;    // under /lib, /usr/lib: not the program's code
  const ElfSymbol *Symbol = nullptr;
  uint8_t Flags = 0;
};

/// Names the frame at \p Pc (a return address when \p ReturnAddress: the
/// call instruction before it is what is looked up).
FrameInfo describeFrame(const void *Pc, bool ReturnAddress);

/// The demangled name of \p Mangled ("" when unknown).
std::string demangle(const char *Mangled);

/// Resolves a watched variable by qualified name in the loaded modules.
bool findVariable(const std::string &QualifiedName, uintptr_t &Address, uint64_t &Size);

/// Whether \p QualifiedName ("Server::count_") names a member of a class the
/// program defines: the part before the last "::" has a constructor or a
/// destructor. Such a member has no address until an object exists.
bool namesAMember(const std::string &QualifiedName);

/// The loaded modules (path, load bias, address range) as JSON, so that raw
/// addresses recorded in signal handlers can be symbolised later.
std::string moduleMapJson();

/// Forgets every cached module (after fork, the locks are reset).
void resetSymbolCacheAfterFork();

} // namespace asynclint::rt
