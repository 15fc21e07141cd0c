//===--- Stack.cpp --------------------------------------------------------===//
#include "Stack.h"

#include "Runtime.h"

#include <cstdio>
#include <cstring>
#include <cxxabi.h>
#include <execinfo.h>
#include <link.h>
#include <memory>
#include <mutex>
#include <unistd.h>
#include <vector>

namespace asynclint::rt {
namespace {

struct Module {
  std::string Path;
  uintptr_t Bias = 0, Low = 0, High = 0;
  bool System = false;
  bool Loaded = false;
  std::unique_ptr<ElfSymbols> Symbols;
};

struct ModuleTable {
  std::mutex Lock;
  std::vector<std::unique_ptr<Module>> Modules;
  uintptr_t OwnLow = 0, OwnHigh = 0;
};

ModuleTable &table() {
  // Never destroyed: threads may still unwind while the process exits.
  static ModuleTable *Table = new ModuleTable;
  return *Table;
}

std::string executablePath() {
  char Buffer[4096];
  ssize_t N = readlink("/proc/self/exe", Buffer, sizeof(Buffer) - 1);
  return N > 0 ? std::string(Buffer, static_cast<size_t>(N)) : std::string();
}

bool isSystemPath(const std::string &Path) {
  for (const char *Prefix : {"/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "linux-vdso"})
    if (Path.rfind(Prefix, 0) == 0)
      return true;
  return false;
}

void refresh(ModuleTable &T) {
  struct Context {
    ModuleTable *T;
    std::string Exe;
  } C{&T, executablePath()};
  dl_iterate_phdr(
      [](dl_phdr_info *Info, size_t, void *Data) {
        auto *C = static_cast<Context *>(Data);
        uintptr_t Low = UINTPTR_MAX, High = 0;
        for (int I = 0; I < Info->dlpi_phnum; ++I) {
          const ElfW(Phdr) &P = Info->dlpi_phdr[I];
          if (P.p_type != PT_LOAD)
            continue;
          Low = std::min<uintptr_t>(Low, Info->dlpi_addr + P.p_vaddr);
          High = std::max<uintptr_t>(High, Info->dlpi_addr + P.p_vaddr + P.p_memsz);
        }
        if (High == 0)
          return 0;
        for (auto &M : C->T->Modules)
          if (M->Low == Low && M->Bias == Info->dlpi_addr)
            return 0;
        auto M = std::make_unique<Module>();
        M->Path = (Info->dlpi_name && *Info->dlpi_name) ? Info->dlpi_name : C->Exe;
        M->Bias = Info->dlpi_addr;
        M->Low = Low;
        M->High = High;
        M->System = isSystemPath(M->Path);
        C->T->Modules.push_back(std::move(M));
        return 0;
      },
      &C);
  if (T.OwnLow == 0) {
    Dl_info Info;
    if (dladdr(reinterpret_cast<void *>(&refresh), &Info))
      for (auto &M : T.Modules)
        if (reinterpret_cast<uintptr_t>(Info.dli_fbase) >= M->Low &&
            reinterpret_cast<uintptr_t>(Info.dli_fbase) < M->High) {
          T.OwnLow = M->Low;
          T.OwnHigh = M->High;
        }
  }
}

Module *findModule(ModuleTable &T, uintptr_t Address) {
  for (int Attempt = 0; Attempt < 2; ++Attempt) {
    for (auto &M : T.Modules)
      if (Address >= M->Low && Address < M->High)
        return M.get();
    refresh(T); // a library loaded since the last look
  }
  return nullptr;
}

} // namespace

void captureStack(Stack &Out) {
  void *Raw[MaxFrames + 8];
  int N = backtrace(Raw, MaxFrames + 8);
  ModuleTable &T = table();
  {
    std::lock_guard<std::mutex> Guard(T.Lock);
    if (T.OwnLow == 0)
      refresh(T);
  }
  Out.Depth = 0;
  for (int I = 0; I < N && Out.Depth < MaxFrames; ++I) {
    auto A = reinterpret_cast<uintptr_t>(Raw[I]);
    if (A >= T.OwnLow && A < T.OwnHigh)
      continue;
    Out.Pc[Out.Depth++] = Raw[I];
  }
}

FrameInfo describeFrame(const void *Pc, bool ReturnAddress) {
  FrameInfo Info;
  ModuleTable &T = table();
  std::lock_guard<std::mutex> Guard(T.Lock);
  auto Address = reinterpret_cast<uintptr_t>(Pc) - (ReturnAddress ? 1 : 0);
  Module *M = findModule(T, Address);
  if (!M)
    return Info;
  Info.Module = M->Path.c_str();
  Info.Offset = Address - M->Bias;
  Info.SystemModule = M->System;
  if (!M->Loaded) {
    M->Loaded = true;
    auto Symbols = std::make_unique<ElfSymbols>();
    if (Symbols->load(M->Path))
      M->Symbols = std::move(Symbols);
  }
  if (!M->Symbols)
    return Info;
  ElfSymbol *S = M->Symbols->function(Info.Offset);
  if (!S)
    return Info;
  if (!(S->Flags & FlagClassified))
    S->Flags = static_cast<uint8_t>(loopKnowledge().classify(S->Name));
  Info.Symbol = S;
  Info.Flags = S->Flags;
  return Info;
}

namespace {
std::string withoutParameterLists(const std::string &Name) {
  std::string Result;
  int Depth = 0;
  for (char C : Name) {
    if (C == '(')
      ++Depth;
    else if (C == ')')
      --Depth;
    else if (Depth == 0)
      Result += C;
  }
  return Result;
}
} // namespace

bool findVariable(const std::string &QualifiedName, uintptr_t &Address, uint64_t &Size) {
  std::string Mangled = mangleQualifiedName(QualifiedName);
  ModuleTable &T = table();
  std::lock_guard<std::mutex> Guard(T.Lock);
  refresh(T);
  for (auto &M : T.Modules) {
    if (M->System)
      continue;
    if (!M->Loaded) {
      M->Loaded = true;
      auto Symbols = std::make_unique<ElfSymbols>();
      if (Symbols->load(M->Path))
        M->Symbols = std::move(Symbols);
    }
    if (!M->Symbols)
      continue;
    if (auto S = M->Symbols->object(Mangled)) {
      Address = M->Bias + S->Value;
      Size = S->Size;
      return true;
    }
    // A function's static local ("make::calls" is _ZZ4makevE5calls, whose
    // mangling needs the function's parameters): compare demangled names
    // with parameter lists dropped ("make()::calls").
    for (const ElfSymbol &S : M->Symbols->objects()) {
      if (std::strncmp(S.Name, "_ZZ", 3) != 0)
        continue;
      if (withoutParameterLists(demangle(S.Name)) == QualifiedName) {
        Address = M->Bias + S.Value;
        Size = S.Size;
        return true;
      }
    }
  }
  return false;
}

bool namesAMember(const std::string &QualifiedName) {
  size_t Last = QualifiedName.rfind("::");
  if (Last == std::string::npos || Last == 0)
    return false;
  std::string Class = "_ZN" + nestedNameFragment(QualifiedName.substr(0, Last));
  ModuleTable &T = table();
  std::lock_guard<std::mutex> Guard(T.Lock);
  for (auto &M : T.Modules) {
    if (M->System || !M->Symbols)
      continue;
    for (const ElfSymbol &F : M->Symbols->functions())
      if (std::strncmp(F.Name, Class.c_str(), Class.size()) == 0)
        for (const char *Structor : {"C1", "C2", "D0", "D1", "D2"})
          if (std::strncmp(F.Name + Class.size(), Structor, 2) == 0)
            return true;
  }
  return false;
}

std::string moduleMapJson() {
  ModuleTable &T = table();
  std::lock_guard<std::mutex> Guard(T.Lock);
  refresh(T);
  std::string Json = "[";
  char Numbers[96];
  for (auto &M : T.Modules) {
    if (Json.size() > 1)
      Json += ",";
    std::string Path;
    for (char C : M->Path) {
      if (C == '"' || C == '\\')
        Path += '\\';
      Path += C;
    }
    std::snprintf(
        Numbers, sizeof(Numbers), "\"bias\":\"0x%llx\",\"low\":\"0x%llx\",\"high\":\"0x%llx\"",
        (unsigned long long)M->Bias, (unsigned long long)M->Low, (unsigned long long)M->High);
    Json += "{\"path\":\"" + Path + "\"," + Numbers + "}";
  }
  return Json + "]";
}

void resetSymbolCacheAfterFork() {
  // The child has one thread; a lock held by a vanished parent thread would
  // never be released, so the table starts over with a fresh lock.
  ModuleTable &T = table();
  new (&T.Lock) std::mutex();
}

} // namespace asynclint::rt
