//===--- StaleReadIndex.h - the catalog as async-stale-read-across-await asks it
#pragma once

#include "Catalog.h"
#include "common/CatalogNames.h"
#include "common/LibraryNamespaces.h"

#include <llvm/ADT/StringMap.h>
#include <llvm/ADT/StringSet.h>

#include <memory>
#include <string>
#include <vector>

namespace clang {
class CallExpr;
class CXXMethodDecl;
class CXXRecordDecl;
class Decl;
class Expr;
class FunctionDecl;
class QualType;
} // namespace clang

namespace asynclint {

/// What a call does with the coroutines among its arguments.
enum class StartKind {
  None,
  /// Starts each as a task of its own (asio::co_spawn, minitask::spawn).
  Task,
  /// Runs it as a task and blocks until it ends (sync_wait).
  Blocking,
  /// Runs them together and resumes the caller when all are done (when_all,
  /// Asio's awaitable operators).
  Combinator,
};

/// The catalog knowledge of async-stale-read-across-await (its stale_read
/// and async_locks sections, the spawn calls of off_loop and spawn, the combinators, the
/// types that synchronise themselves) indexed by every spelling of each name.
class StaleReadIndex {
public:
  struct Settings {
    /// From the check's options.
    std::vector<std::string> ExtraTaskStarts;
    std::vector<std::string> ExtraAsyncMutexes;
  };

  StaleReadIndex(std::shared_ptr<const catalog::Catalog> Catalog, const Settings &Options);

  /// The unqualified names of the calls that start tasks, for a matcher
  /// (which then asks startKind()).
  std::vector<std::string> startFunctionNames() const;
  StartKind startKind(const clang::CallExpr &Call);

  /// For `co_await <Awaited>` that takes an async mutex: the expression of
  /// the mutex (the object of the lock member, through `.via(ex)`-style
  /// wrappers); otherwise null.
  const clang::Expr *lockedMutex(const clang::Expr &Awaited);
  bool isAsyncMutex(clang::QualType Type);
  /// \p Method releases an async mutex of type \p Object, or a guard.
  bool isUnlock(const clang::CXXMethodDecl &Method, clang::QualType Object);
  /// An awaitable that never suspends (`asio::this_coro::executor`).
  bool isReadyAwaitable(clang::QualType Type);
  /// Objects that are no data to race on: mutexes, condition variables,
  /// executors, sockets and timers of the coroutine libraries.
  bool isNotData(clang::QualType Type);

  /// What a mutating member does, for comparing two changes: "insert",
  /// "remove", or the member's own name.
  std::string changeKind(const clang::CXXMethodDecl &Method) const;
  /// A member that looks one key up (`contains`, `find`): its first argument
  /// picks the element a check is about.
  bool isLookup(const clang::CXXMethodDecl &Method) const;
  /// A change that checks the state again itself: an insert that does
  /// nothing when the key is there, an erase by key.
  bool checksAgain(const clang::CXXMethodDecl &Method, const clang::CXXRecordDecl *Object);
  /// A member that overwrites its object's value (`std::atomic::store`).
  bool isAssignment(const clang::CXXMethodDecl &Method, const clang::CXXRecordDecl *Object);

  /// A catalogued library's own code (its namespace, outside the main file):
  /// what the catalog says about it stands, its bodies are not walked.
  bool isLibraryCode(const clang::Decl &D) const { return Library.contains(D); }

  /// What to write instead, in the terms of \p Coroutine's library.
  const std::string &advice(const clang::FunctionDecl &Coroutine);

  void clearCache() {
    Names.clear();
    Library.clearCache();
  }

private:
  void addSpellings(llvm::StringSet<> &Set, const std::string &Name) const;
  bool inSet(const llvm::StringSet<> &Set, const clang::CXXMethodDecl &Method,
             const clang::CXXRecordDecl *Object);
  /// The qualified name of the class \p Type names, through references,
  /// pointers, smart pointers and typedefs; empty for others.
  const std::string &classNameOf(clang::QualType Type);

  std::shared_ptr<const catalog::Catalog> Catalog;
  llvm::StringMap<StartKind> Starts;
  llvm::StringMap<const catalog::AsyncLockType *> Mutexes;
  std::vector<std::unique_ptr<catalog::AsyncLockType>> UserMutexes;
  /// What to write instead, by library, from its first async lock type.
  llvm::StringMap<std::string> LockAdvice;
  /// Releases of any async mutex or guard: a guard's type is not catalogued.
  llvm::StringSet<> UnlockMembers, CheckedInserts, CheckedErases, Assignments, NotData,
      LookupMembers;
  llvm::StringMap<std::string> MemberGroups;
  /// "asio::this_coro::", "std::suspend_never": prefixes and names.
  std::vector<std::string> ReadyPrefixes;
  /// "asio::", "cppcoro::": the namespaces of the coroutine libraries, whose
  /// classes are I/O objects, timers and executors, not data.
  std::vector<std::string> LibraryPrefixes;
  llvm::StringMap<std::string> LibraryOfReturnType;
  NameCache Names;
  LibraryNamespaces Library;
  std::string NoName;
};

} // namespace asynclint
