//===--- LockShapesTest.cpp - locks, guards and atomics by shape ----------===//
//
// The shapes are written here from scratch, with names no catalog knows:
// what is recognised must be recognised for what it can do.
//
//===----------------------------------------------------------------------===//
#include "common/LockShapes.h"
#include "common/CatalogLoader.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Frontend/ASTUnit.h>
#include <clang/Tooling/Tooling.h>
#include <gtest/gtest.h>
#include <llvm/Config/llvm-config.h>

#include <memory>
#include <string>

namespace asynclint {
namespace {

using namespace clang;

constexpr const char *Shapes = R"cpp(
namespace std {
struct defer_lock_t {};
struct adopt_lock_t {};
struct try_to_lock_t {};
template <class A, class B> void lock(A &, B &);
}
struct Mutex { void lock(); void unlock(); bool try_lock(); };
struct HalfMutex { void lock(); };
struct AbslMutex { void Lock(); void Unlock(); void ReaderLock(); void ReaderUnlock(); };
struct SharedMutex { void lock(); void unlock(); void lock_shared(); void unlock_shared(); };

template <class M> struct Guard {
  explicit Guard(M &m) : m_(m) { m_.lock(); }
  Guard(M &m, std::adopt_lock_t) : m_(m) {}
  Guard(M &m, std::defer_lock_t) : m_(m) {}
  Guard(M &m, std::try_to_lock_t) : m_(m) { owns_ = m_.try_lock(); }
  ~Guard() { m_.unlock(); }
  M &m_;
  bool owns_ = true;
};
struct PointerLocker {
  explicit PointerLocker(Mutex *m) : m_(m) { if (m_) m_->lock(); }
  ~PointerLocker() { if (m_) m_->unlock(); }
  Mutex *m_;
};
// Locks through a member function of its own, as std::unique_lock does.
struct UniqueLock {
  explicit UniqueLock(Mutex &m) : m_(&m) { lock(); }
  ~UniqueLock() { unlock(); }
  void lock() { m_->lock(); }
  void unlock() { m_->unlock(); }
  Mutex *m_;
};
struct ReaderLocker {
  explicit ReaderLocker(SharedMutex &m) : m_(m) { m_.lock_shared(); }
  ~ReaderLocker() { m_.unlock_shared(); }
  SharedMutex &m_;
};
struct PairLocker {
  PairLocker(Mutex &a, Mutex &b) : a_(a), b_(b) { std::lock(a, b); }
  ~PairLocker() { a_.unlock(); b_.unlock(); }
  Mutex &a_, &b_;
};
// Keeps a mutex it never locks: no guard.
struct Holder {
  explicit Holder(Mutex &m) : m_(m) {}
  ~Holder() {}
  Mutex &m_;
};
struct CondVar { void notify_one(); void notify_all(); };
struct Atomic { bool compare_exchange_strong(int &, int); };
struct Event { CondVar cv; int state = 0; };
struct Vec { int *data; unsigned size; };

Mutex mu, other;
SharedMutex shared;
void use() {
  Guard<Mutex> held(mu);
  Guard<Mutex> adopted(mu, std::adopt_lock_t{});
  Guard<Mutex> deferred(mu, std::defer_lock_t{});
  Guard<Mutex> tried(mu, std::try_to_lock_t{});
  PointerLocker pointer(&mu);
  UniqueLock unique(mu);
  ReaderLocker reader(shared);
  PairLocker pair(mu, other);
  Holder holder(mu);
}
)cpp";

/// The construction each local variable of use() is initialised with.
class Constructions : public RecursiveASTVisitor<Constructions> {
public:
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool VisitVarDecl(VarDecl *Var) {
    if (Var->hasLocalStorage() && Var->getInit())
      if (const auto *Construct = dyn_cast<CXXConstructExpr>(Var->getInit()->IgnoreImplicit()))
        Found[Var->getName().str()] = Construct;
    return true;
  }
  std::map<std::string, const CXXConstructExpr *> Found;
};

class LockShapesTest : public ::testing::Test {
protected:
  void SetUp() override {
    Unit = tooling::buildASTFromCodeWithArgs(Shapes, {"-std=c++20"}, "shapes.cpp");
    ASSERT_TRUE(Unit);
    Locks = std::make_unique<LockShapes>(loadCatalog("").Catalog, LockShapes::Settings{});
    Visitor.TraverseAST(Unit->getASTContext());
  }

  const CXXRecordDecl &record(StringRef Name) {
    auto Found = Unit->getASTContext().getTranslationUnitDecl()->lookup(
        &Unit->getASTContext().Idents.get(Name));
    EXPECT_FALSE(Found.empty()) << Name.str();
    return *cast<CXXRecordDecl>(Found.front());
  }
  GuardConstruction guard(const std::string &Var) {
    EXPECT_TRUE(Visitor.Found.count(Var)) << Var;
    return Locks->guardConstruction(*Visitor.Found[Var]);
  }
  LockOp op(StringRef Class, StringRef Method) {
    const CXXRecordDecl &R = record(Class);
    for (const CXXMethodDecl *M : R.methods())
      if (M->getIdentifier() && M->getName() == Method)
        return Locks->memberLockOp(*M, R);
    ADD_FAILURE() << Method.str();
    return LockOp::None;
  }

  std::unique_ptr<ASTUnit> Unit;
  std::unique_ptr<LockShapes> Locks;
  Constructions Visitor;
};

TEST_F(LockShapesTest, AMutexIsAnythingWithLockAndUnlock) {
  EXPECT_TRUE(Locks->isLockable(record("Mutex")));
  EXPECT_TRUE(Locks->isLockable(record("AbslMutex")));
  EXPECT_TRUE(Locks->isLockable(record("SharedMutex")));
  EXPECT_FALSE(Locks->isLockable(record("HalfMutex")));
  EXPECT_FALSE(Locks->isLockable(record("Vec")));
}

TEST_F(LockShapesTest, MemberNamesSayWhatACallDoes) {
  EXPECT_EQ(op("Mutex", "lock"), LockOp::Lock);
  EXPECT_EQ(op("Mutex", "try_lock"), LockOp::TryLock);
  EXPECT_EQ(op("Mutex", "unlock"), LockOp::Unlock);
  EXPECT_EQ(op("AbslMutex", "Lock"), LockOp::Lock);
  EXPECT_EQ(op("AbslMutex", "ReaderLock"), LockOp::LockShared);
  EXPECT_EQ(op("AbslMutex", "ReaderUnlock"), LockOp::Unlock);
  EXPECT_EQ(op("SharedMutex", "lock_shared"), LockOp::LockShared);
  // On something that is not a lock, lock() is any other call.
  EXPECT_EQ(op("HalfMutex", "lock"), LockOp::None);
}

TEST_F(LockShapesTest, AGuardIsWhatLocksAMutexItIsGiven) {
  GuardConstruction Held = guard("held");
  EXPECT_EQ(Held.State, GuardConstruction::Held);
  EXPECT_EQ(Held.MutexArgs, (llvm::SmallVector<unsigned, 2>{0}));
  EXPECT_FALSE(Held.Shared);
  EXPECT_EQ(guard("pointer").State, GuardConstruction::Held);
  EXPECT_EQ(guard("unique").State, GuardConstruction::Held);
  GuardConstruction Pair = guard("pair");
  EXPECT_EQ(Pair.State, GuardConstruction::Held);
  EXPECT_EQ(Pair.MutexArgs, (llvm::SmallVector<unsigned, 2>{0, 1}));
  GuardConstruction Reader = guard("reader");
  EXPECT_EQ(Reader.State, GuardConstruction::Held);
  EXPECT_TRUE(Reader.Shared);
}

TEST_F(LockShapesTest, TagsSayWhenTheGuardHoldsIt) {
  EXPECT_EQ(guard("adopted").State, GuardConstruction::Held);
  EXPECT_EQ(guard("deferred").State, GuardConstruction::Deferred);
  EXPECT_EQ(guard("tried").State, GuardConstruction::TryHeld);
}

TEST_F(LockShapesTest, KeepingAMutexIsNotLockingIt) {
  EXPECT_EQ(guard("holder").State, GuardConstruction::NotAGuard);
}

TEST_F(LockShapesTest, SynchronisationObjectsAreNoSharedState) {
  ASTContext &Context = Unit->getASTContext();
  auto TypeOf = [&](StringRef Name) -> QualType {
#if LLVM_VERSION_MAJOR >= 22 // getRecordType became getCanonicalTagType
    return Context.getCanonicalTagType(&record(Name));
#else
    return Context.getRecordType(&record(Name));
#endif
  };
  EXPECT_TRUE(Locks->isSynchronization(TypeOf("Mutex")));
  EXPECT_TRUE(Locks->isSynchronization(TypeOf("CondVar")));
  EXPECT_TRUE(Locks->isSynchronization(TypeOf("Atomic")));
  EXPECT_TRUE(Locks->isAtomic(TypeOf("Atomic")));
  EXPECT_FALSE(Locks->isSynchronization(TypeOf("Vec")));
  EXPECT_FALSE(Locks->isSynchronization(TypeOf("Event")));
  EXPECT_TRUE(Locks->synchronizesItself(record("Event")));
  EXPECT_FALSE(Locks->synchronizesItself(record("Vec")));
}

} // namespace
} // namespace asynclint
