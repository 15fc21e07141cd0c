//===--- SharedLocation.h - the objects a coroutine names, symbolically ---===//
//
// A function body names objects in its own terms: a global, a member of
// *this, the object a reference or pointer parameter designates, a variable
// a lambda captures by reference. Which object that is at run time depends on
// who called it (TaskGraph binds the terms per calling context). Locals and
// by-value parameters are the function's own and are never shared.
//
//===----------------------------------------------------------------------===//
#pragma once

#include <llvm/ADT/ArrayRef.h>
#include <llvm/ADT/DenseMap.h>
#include <llvm/ADT/SmallVector.h>

#include <string>

namespace clang {
class CXXRecordDecl;
class Decl;
class Expr;
class FieldDecl;
class FunctionDecl;
class QualType;
class VarDecl;
} // namespace clang

namespace asynclint {

class StaleReadIndex;

/// An object, or a member of one, named in a function's own terms.
struct Designator {
  enum Kind : unsigned char {
    None,
    /// A variable with static storage (Decl: the VarDecl).
    Global,
    /// The object `this` points to.
    This,
    /// What a reference parameter refers to, or a pointer parameter points
    /// to (Decl: the ParmVarDecl).
    Param,
    /// What a lambda's by-reference (or pointer) capture designates (Decl:
    /// the captured variable or the init-capture).
    Capture,
    /// A variable of the function itself (Decl), declared inside LoopDepth
    /// loops; only used to bind a callee's terms.
    Local,
    /// An object created by expression Created; only used to bind a callee's terms.
    Fresh,
  };

  Kind K = None;
  const clang::Decl *Decl = nullptr;
  const clang::Expr *Created = nullptr;
  unsigned LoopDepth = 0;
  /// Members from the base object down: `stats.hits` is Global(stats) + [hits].
  llvm::SmallVector<const clang::FieldDecl *, 2> Path;
  /// An element of the container the rest designates (`m[key]`, `q.front()`):
  /// the key or accessor expression that picks it. Null: the whole object.
  const clang::Expr *Element = nullptr;

  bool valid() const { return K != None; }
  /// A location other code may also reach.
  bool shared() const { return K == Global || K == This || K == Param || K == Capture; }
  bool sameBase(const Designator &Other) const {
    return K == Other.K && Decl == Other.Decl && Created == Other.Created;
  }
};

/// One member path is a prefix of the other: changing one changes (part of)
/// the other.
bool pathsOverlap(llvm::ArrayRef<const clang::FieldDecl *> A,
                  llvm::ArrayRef<const clang::FieldDecl *> B);

/// Same base, and overlapping member paths.
bool overlaps(const Designator &A, const Designator &B);

/// Whether a value read from \p Read, written to \p Written, writes back
/// what was read: whole objects, or the same element (`m[k]` and `m[k]`, not
/// `m.size()` and `m[k]`).
bool writesBackWhatWasRead(const Designator &Read, const Designator &Written);

/// Whether a check of \p Checked bears on a change of \p Changed: either is
/// the whole object, or both pick the same key (`contains(user)` and
/// `sessions[user]`, not `sessions[other]`).
bool sameElement(const Designator &Checked, const Designator &Changed);

/// "balance", "account::balance", "stats.hits", "acct.balance".
std::string describe(const Designator &D);

/// A raw pointer, or a class with operator-> (std::shared_ptr, ...).
bool isPointerLike(clang::QualType Type);

/// Names the objects of one function body's expressions. The walker of the
/// body tells it what its local references and pointers stand for.
class LocationResolver {
public:
  LocationResolver(StaleReadIndex &Index, const clang::FunctionDecl &Function);

  /// The shared location lvalue \p E names, or None.
  Designator location(const clang::Expr &E);
  /// The shared object pointer-like \p E points to, or None.
  Designator pointee(const clang::Expr &E);
  /// The object \p E names (or, \p ThroughPointer, points to), to bind a
  /// callee's `this` or parameter: shared, a Local of this function, a Fresh
  /// object, or None.
  Designator object(const clang::Expr &E, bool ThroughPointer);
  /// The same for variable \p Var (a lambda's capture).
  Designator objectOfVariable(const clang::VarDecl &Var, bool ThroughPointer);

  /// Local reference \p Var names \p Target.
  void refersTo(const clang::VarDecl &Var, const Designator &Target) { References[&Var] = Target; }
  /// Local pointer \p Var points to \p Target.
  void pointsTo(const clang::VarDecl &Var, const Designator &Target) { Pointers[&Var] = Target; }
  void declared(const clang::VarDecl &Var, unsigned LoopDepth) { DeclaredDepth[&Var] = LoopDepth; }

private:
  Designator variable(const clang::VarDecl &Var);
  Designator pointerVariable(const clang::VarDecl &Var);
  Designator withField(Designator Base, const clang::FieldDecl &Field);
  /// The element of \p Container that \p Key picks.
  Designator element(Designator Container, const clang::Expr &Key);
  Designator local(const clang::VarDecl &Var);
  bool isOwn(const clang::VarDecl &Var) const;
  /// How the lambda whose call operator is analysed captures \p Var: 0 not
  /// at all, 1 by copy, 2 by reference.
  int captureKind(const clang::VarDecl &Var) const;
  bool isShareableGlobal(const clang::VarDecl &Var);

  StaleReadIndex &Index;
  const clang::FunctionDecl &Function;
  const clang::CXXRecordDecl *Closure = nullptr;
  llvm::DenseMap<const clang::VarDecl *, Designator> References, Pointers;
  llvm::DenseMap<const clang::VarDecl *, unsigned> DeclaredDepth;
};

} // namespace asynclint
