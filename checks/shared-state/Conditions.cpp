//===--- Conditions.cpp ---------------------------------------------------===//
//
// The last-owner shapes: a decrement of an atomic count compared with what
// it yields for the last owner. fetch_sub(1) and a postfix decrement yield
// the old value (1 for the last owner), a prefix decrement and `-= 1` the
// new one (0): `refs.fetch_sub(1, acq_rel) == 1`, `--refs == 0`,
// `!--refs`, `refs.fetch_sub(1) - 1 == 0`, and the negations
// (`!= 1`, `> 1`, `--refs` as a truth value) that hold in the other branch.
// GCC's __sync_sub_and_fetch / __atomic_fetch_sub builtins on a plain
// integer count too.
//
// A C try-lock (`pthread_mutex_trylock(&m) == 0`, `!pthread_mutex_trylock(&m)`)
// holds the lock where it returned the catalogued success value.
//
// A thread's own object: `this` compared with a thread-local that names the
// current thread's worker (`if (s_tl_this_worker == this)`).
//
//===----------------------------------------------------------------------===//
#include "shared-state/Conditions.h"
#include "common/LockShapes.h"
#include "common/QualifiedName.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/ExprCXX.h>

#include <optional>

namespace asynclint {

using namespace clang;

namespace {

std::optional<int64_t> constantOf(const Expr &E, const ASTContext &Context) {
  if (E.isValueDependent())
    return std::nullopt;
  if (std::optional<llvm::APSInt> Value = E.getIntegerConstantExpr(Context))
    return Value->getExtValue();
  return std::nullopt;
}

/// The value a decrement of a reference count yields for its last owner
/// (1: it yields the old value; 0: the new one), if \p E is one.
std::optional<int64_t> lastOwnerValue(const Expr &In, LockShapes &Locks,
                                      const ASTContext &Context) {
  const Expr *E = In.IgnoreParenImpCasts();
  auto IsAtomic = [&](const Expr *Object) {
    return Object && Locks.isAtomic(Object->IgnoreParenImpCasts()->getType());
  };
  if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E)) {
    const CXXMethodDecl *Method = Call->getMethodDecl();
    if (!Method || !Method->getIdentifier() || Call->getNumArgs() == 0 ||
        !IsAtomic(Call->getImplicitObjectArgument()))
      return std::nullopt;
    std::optional<int64_t> Step = constantOf(*Call->getArg(0), Context);
    if ((Method->getName() == "fetch_sub" && Step == 1) ||
        (Method->getName() == "fetch_add" && Step == -1))
      return 1;
    return std::nullopt;
  }
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E)) {
    if (Operator->getNumArgs() == 0 || !IsAtomic(Operator->getArg(0)))
      return std::nullopt;
    if (Operator->getOperator() == OO_MinusMinus)
      return Operator->getNumArgs() == 1 ? 0 : 1; // prefix: new value; postfix: old
    if (Operator->getOperator() == OO_MinusEqual && Operator->getNumArgs() == 2 &&
        constantOf(*Operator->getArg(1), Context) == 1)
      return 0;
    return std::nullopt;
  }
  if (const auto *Op = dyn_cast<UnaryOperator>(E);
      Op && Op->isDecrementOp() && IsAtomic(Op->getSubExpr()))
    return Op->isPrefix() ? 0 : 1;
  // fetch_sub(1) - 1: the new value.
  if (const auto *Op = dyn_cast<BinaryOperator>(E);
      Op && Op->getOpcode() == BO_Sub && constantOf(*Op->getRHS(), Context) == 1)
    if (lastOwnerValue(*Op->getLHS(), Locks, Context) == 1)
      return 0;
  if (const auto *Call = dyn_cast<CallExpr>(E); Call && Call->getNumArgs() >= 2)
    if (const FunctionDecl *Callee = Call->getDirectCallee();
        Callee && Callee->getIdentifier() && constantOf(*Call->getArg(1), Context) == 1) {
      StringRef Name = Callee->getName();
      if (Name.starts_with("__sync_sub_and_fetch") || Name.starts_with("__atomic_sub_fetch"))
        return 0;
      if (Name.starts_with("__sync_fetch_and_sub") || Name.starts_with("__atomic_fetch_sub"))
        return 1;
    }
  return std::nullopt;
}

/// A call of a catalogued C try-lock function (`pthread_mutex_trylock(&m)`),
/// and the mutex it tries.
const catalog::LockFunction *tryLockCall(const Expr &In, LockShapes &Locks, const Expr *&Mutex) {
  const auto *Call = dyn_cast<CallExpr>(In.IgnoreParenImpCasts());
  if (!Call || isa<CXXMemberCallExpr>(Call) || !Call->getDirectCallee())
    return nullptr;
  const catalog::LockFunction *Function =
      Locks.tryLockFunction({Call, Call->getDirectCallee(), nullptr});
  if (!Function || Function->MutexArg < 0 ||
      static_cast<unsigned>(Function->MutexArg) >= Call->getNumArgs())
    return nullptr;
  Mutex = Call->getArg(Function->MutexArg)->IgnoreParenImpCasts();
  if (const auto *Op = dyn_cast<UnaryOperator>(Mutex); Op && Op->getOpcode() == UO_AddrOf)
    Mutex = Op->getSubExpr();
  return Function;
}

ConditionFact lockFact(const Expr &In, LockShapes &Locks) {
  const Expr *E = In.IgnoreParenImpCasts();
  const auto *Call = dyn_cast<CXXMemberCallExpr>(E);
  if (!Call)
    return {};
  const CXXMethodDecl *Method = Call->getMethodDecl();
  const Expr *Object = Call->getImplicitObjectArgument();
  const CXXRecordDecl *Class = Object ? classOf(Object->getType()) : nullptr;
  if (!Method || !Class)
    return {};
  switch (Locks.memberLockOp(*Method, *Class)) {
  case LockOp::TryLock:
    return {ConditionFact::TryLock, true, Object, false};
  case LockOp::TryLockShared:
    return {ConditionFact::TryLock, true, Object, true};
  case LockOp::OwnsLock:
    return {ConditionFact::GuardOwns, true, Object, false};
  default:
    return {};
  }
}

} // namespace

bool readsThreadLocal(const Expr &In) {
  const Expr *E = In.IgnoreParenImpCasts();
  while (const auto *Member = dyn_cast<MemberExpr>(E))
    E = Member->getBase()->IgnoreParenImpCasts();
  const auto *Ref = dyn_cast<DeclRefExpr>(E);
  const auto *Var = Ref ? dyn_cast<VarDecl>(Ref->getDecl()) : nullptr;
  return Var && Var->getTLSKind() != VarDecl::TLS_None;
}

ConditionFact analyzeCondition(const Expr &Condition, LockShapes &Locks,
                               const ASTContext &Context) {
  const Expr *E = Condition.IgnoreParenImpCasts();
  if (const auto *Not = dyn_cast<UnaryOperator>(E); Not && Not->getOpcode() == UO_LNot) {
    ConditionFact Inner = analyzeCondition(*Not->getSubExpr(), Locks, Context);
    Inner.WhenTrue = !Inner.WhenTrue;
    return Inner;
  }
  if (const auto *Op = dyn_cast<BinaryOperator>(E)) {
    if (Op->getOpcode() == BO_LAnd || Op->getOpcode() == BO_LOr) {
      // `a && b` is true only where both are; `a || b` false only where
      // both are: what either side says there, the whole says.
      bool WhenTrue = Op->getOpcode() == BO_LAnd;
      for (const Expr *Side : {Op->getLHS(), Op->getRHS()})
        if (ConditionFact Fact = analyzeCondition(*Side, Locks, Context);
            Fact.What != ConditionFact::None && Fact.WhenTrue == WhenTrue)
          return Fact;
      return {};
    }
    if (Op->isEqualityOp()) {
      const Expr *LHS = Op->getLHS()->IgnoreParenImpCasts(),
                 *RHS = Op->getRHS()->IgnoreParenImpCasts();
      // `pthread_mutex_trylock(&m) == 0`: held where it returned success.
      for (auto [Call, Value] : {std::pair{LHS, RHS}, std::pair{RHS, LHS}}) {
        const Expr *Mutex = nullptr;
        if (const catalog::LockFunction *Try = tryLockCall(*Call, Locks, Mutex))
          if (constantOf(*Value, Context) == Try->SuccessValue)
            return {ConditionFact::TryLock, Op->getOpcode() == BO_EQ, Mutex, Try->Shared};
      }
      if ((isa<CXXThisExpr>(LHS) && readsThreadLocal(*RHS)) ||
          (isa<CXXThisExpr>(RHS) && readsThreadLocal(*LHS)))
        return {ConditionFact::OwnThread, Op->getOpcode() == BO_EQ, nullptr, false};
    }
    if (Op->isComparisonOp()) {
      const Expr *Count = Op->getLHS(), *Constant = Op->getRHS();
      std::optional<int64_t> Value = constantOf(*Constant, Context);
      if (!Value) {
        std::swap(Count, Constant);
        Value = constantOf(*Constant, Context);
      }
      std::optional<int64_t> Last = Value ? lastOwnerValue(*Count, Locks, Context) : std::nullopt;
      if (!Last || (Op->getOpcode() == BO_GT && Count != Op->getLHS()))
        return {};
      if (*Value == *Last && Op->getOpcode() == BO_EQ)
        return {ConditionFact::LastOwner, true, nullptr, false};
      if (*Value == *Last && (Op->getOpcode() == BO_NE || Op->getOpcode() == BO_GT))
        return {ConditionFact::LastOwner, false, nullptr, false};
      return {};
    }
    return {};
  }
  // `if (--refs)`: true while other owners remain.
  if (lastOwnerValue(*E, Locks, Context) == 0)
    return {ConditionFact::LastOwner, false, nullptr, false};
  // `if (pthread_mutex_trylock(&m))`: true where it failed (it returns 0
  // when it took the lock).
  const Expr *Mutex = nullptr;
  if (const catalog::LockFunction *Try = tryLockCall(*E, Locks, Mutex);
      Try && Try->SuccessValue == 0)
    return {ConditionFact::TryLock, false, Mutex, Try->Shared};
  return lockFact(*E, Locks);
}

} // namespace asynclint
