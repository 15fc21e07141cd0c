//===--- SpawnShapes.h - spawn functions the catalog does not name -------===//
//
// A project's own task library has its own `spawn`. Naming it in the
// SpawnFunctions option always works; two shapes are recognised without it,
// chosen because each says by itself that calling the function starts work:
//
// - a *wrapper*: a function of the translation unit, not a coroutine, whose
//   every `return` returns the result of a call to a spawn (catalogued,
//   configured, or itself a wrapper): `auto start(task<T> t) { return
//   minitask::spawn(std::move(t)); }`. It inherits the spawn's properties
//   (lazy, waits on destruction, library);
// - a *handle starter*: a function, not a coroutine, that takes exactly one
//   coroutine object (a class with a nested promise_type) by value or by
//   rvalue reference, and otherwise only schedulers (references or pointers
//   to mutable classes, shared_ptrs, catalogued executors), and returns an
//   awaitable handle that is not itself a coroutine type:
//   `join_handle<T> spawn(task<T>)`, `Scheduler::spawn(task<T>)`. A function
//   that returns a coroutine type (`task<T> schedule(task<T>)`,
//   `task<T> with_timeout(task<T>, d)`) only transforms a lazy task and is
//   not taken; nor is one with any other kind of parameter (a duration, a
//   const token, a callable, a pack of tasks).
//
// Code of catalogued libraries, of system headers and of namespace std is
// never taken: the catalog describes it.
//
//===----------------------------------------------------------------------===//
#pragma once

#include "Catalog.h"

#include <llvm/ADT/DenseMap.h>

#include <memory>
#include <string>
#include <vector>

namespace clang {
class FunctionDecl;
} // namespace clang

namespace asynclint {

class SpawnIndex;

class SpawnShapes {
public:
  explicit SpawnShapes(const SpawnIndex &Index) : Index(Index) {}

  /// The spawn \p Callee is by its shape, or null. Computed once per function.
  const catalog::SpawnFunction *spawnOf(const clang::FunctionDecl &Callee);

  /// Why \p Spawn, returned by spawnOf, was taken for a spawn; null for the
  /// catalog's and the option's spawns.
  const std::string *reasonFor(const catalog::SpawnFunction &Spawn) const;
  /// The function \p Spawn was recognised in.
  const clang::FunctionDecl *functionOf(const catalog::SpawnFunction &Spawn) const;

  void clear();

private:
  struct Recognised {
    catalog::SpawnFunction Entry;
    std::string Reason;
    const clang::FunctionDecl *Function = nullptr;
  };

  std::unique_ptr<Recognised> wrapper(const clang::FunctionDecl &Function);
  std::unique_ptr<Recognised> handleStarter(const clang::FunctionDecl &Function);

  const SpawnIndex &Index;
  llvm::DenseMap<const clang::FunctionDecl *, const Recognised *> Known;
  llvm::DenseMap<const catalog::SpawnFunction *, const Recognised *> ByEntry;
  std::vector<std::unique_ptr<Recognised>> Storage;
};

} // namespace asynclint
