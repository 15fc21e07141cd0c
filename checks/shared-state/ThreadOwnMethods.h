//===--- ThreadOwnMethods.h - methods only called on the thread's own object -//
//
// A work-stealing pool's worker keeps a private queue that only its own
// thread touches, without the lock. Its thread registers itself in a
// thread-local (`tl_data.this_worker = this`), and the pool reaches the
// private queue only through that thread-local
// (`tl_data.this_worker->enqueue_local(task)`): the call runs on the thread
// that owns the object, like code under `if (tl_this_worker == this)`.
//
// A method is the thread's own when every call of it in the translation
// unit is made on an object read from a thread-local (directly, or through
// a local pointer initialised from one and never reassigned), at least one
// such call exists, its address is never taken and it is not virtual. The
// thread-local is the user's own: the libraries' hold their own objects.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/DenseSet.h>
#include <llvm/ADT/SmallVector.h>

namespace clang {
class ASTContext;
class CXXMethodDecl;
class VarDecl;
} // namespace clang

namespace asynclint {

class ThreadOwnMethods {
public:
  explicit ThreadOwnMethods(clang::ASTContext &Context) : Context(Context) {}

  /// Every call of \p Method is made on the calling thread's own object.
  /// The first question walks the translation unit once (only a finding
  /// about to be reported asks it).
  bool calledOnlyOnOwnThread(const clang::CXXMethodDecl &Method);

  struct Uses {
    unsigned OwnCalls = 0;
    unsigned OtherUses = 0;
    /// Calls through a local pointer copied from a thread-local: own calls
    /// unless the local is reassigned.
    llvm::SmallVector<const clang::VarDecl *, 2> ThroughLocals;
  };

private:
  void collect();

  clang::ASTContext &Context;
  bool Collected = false;
  llvm::DenseMap<const clang::CXXMethodDecl *, Uses> ByMethod;
  llvm::DenseSet<const clang::VarDecl *> Reassigned;
};

} // namespace asynclint
