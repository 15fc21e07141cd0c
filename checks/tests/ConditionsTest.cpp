//===--- ConditionsTest.cpp - what an if condition says about locks -------===//
#include "shared-state/Conditions.h"
#include "common/CatalogLoader.h"
#include "common/LockShapes.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Frontend/ASTUnit.h>
#include <clang/Tooling/Tooling.h>
#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace asynclint {
namespace {

using namespace clang;

// One `if` per condition, in order; the count is atomic by shape.
constexpr const char *Conditions = R"cpp(
struct Count {
  int fetch_sub(int, int = 0);
  int fetch_add(int, int = 0);
  int operator--();
  int operator--(int);
  bool compare_exchange_strong(int &, int);
};
struct Mutex { void lock(); void unlock(); bool try_lock(); };
Count refs;
int plain;
Mutex mu;
struct Worker;
thread_local Worker *tl_worker;
struct Pool { Worker *own; };
thread_local Pool tl_pool;
Worker *plain_worker;
struct Worker { void g(); };
extern "C" int pthread_mutex_trylock(int *);
extern "C" int pthread_rwlock_tryrdlock(int *);
void f(bool other);
void Worker::g() {
  if (tl_worker == this) {}           // 0: own thread when true
  if (this != tl_pool.own) {}         // 1: own thread when false
  if (plain_worker == this) {}        // 2: nothing known
}
void f(bool other) {
  if (refs.fetch_sub(1, 4) == 1) {}   // 0: last owner when true
  if (1 == refs.fetch_sub(1)) {}      // 1: last owner when true
  if (refs.fetch_add(-1) == 1) {}     // 2: last owner when true
  if (--refs == 0) {}                 // 3: last owner when true
  if (!--refs) {}                     // 4: last owner when true
  if (--refs) {}                      // 5: last owner when false
  if (refs.fetch_sub(1) != 1) {}      // 6: last owner when false
  if (refs.fetch_sub(1) > 1) {}       // 7: last owner when false
  if (refs.fetch_sub(1) - 1 == 0) {}  // 8: last owner when true
  if (refs.fetch_sub(2) == 1) {}      // 9: not a reference count
  if (plain-- == 1) {}                // 10: not atomic
  if (__sync_sub_and_fetch(&plain, 1) == 0) {} // 11: last owner when true
  if (mu.try_lock()) {}               // 12: locked when true
  if (!mu.try_lock()) {}              // 13: locked when false
  if (other && mu.try_lock()) {}      // 14: locked when true
  if (other || mu.try_lock()) {}      // 15: nothing known
  if (other || !mu.try_lock()) {}     // 16: locked when false
  if (other && !mu.try_lock()) {}     // 17: nothing known
  if (other || refs.fetch_sub(1) != 1) {} // 18: last owner when false
  if (pthread_mutex_trylock(&plain) == 0) {}    // 19: locked when true
  if (0 != pthread_mutex_trylock(&plain)) {}    // 20: locked when false
  if (!pthread_mutex_trylock(&plain)) {}        // 21: locked when true
  if (pthread_mutex_trylock(&plain)) {}         // 22: locked when false
  if (pthread_mutex_trylock(&plain) == 16) {}   // 23: nothing known (EBUSY)
  if (pthread_rwlock_tryrdlock(&plain) == 0) {} // 24: reader lock when true
}
)cpp";

class Ifs : public RecursiveASTVisitor<Ifs> {
public:
  bool VisitIfStmt(IfStmt *If) {
    Found.push_back(If);
    return true;
  }
  std::vector<const IfStmt *> Found;
};

class ConditionsTest : public ::testing::Test {
protected:
  void SetUp() override {
    Unit = tooling::buildASTFromCodeWithArgs(Conditions, {"-std=c++20"}, "conditions.cpp");
    ASSERT_TRUE(Unit);
    Locks = std::make_unique<LockShapes>(loadCatalog("").Catalog, LockShapes::Settings{});
    Visitor.TraverseAST(Unit->getASTContext());
    ASSERT_EQ(Visitor.Found.size(), 28u);
  }
  // The member function's three come first.
  ConditionFact ownThreadFact(unsigned I) { return factOf(I); }
  ConditionFact fact(unsigned I) { return factOf(I + 3); }
  ConditionFact factOf(unsigned I) {
    return analyzeCondition(*Visitor.Found[I]->getCond(), *Locks, Unit->getASTContext());
  }

  std::unique_ptr<ASTUnit> Unit;
  std::unique_ptr<LockShapes> Locks;
  Ifs Visitor;
};

TEST_F(ConditionsTest, TheLastOwnerOfAReferenceCount) {
  for (unsigned I : {0u, 1u, 2u, 3u, 4u, 8u, 11u}) {
    EXPECT_EQ(fact(I).What, ConditionFact::LastOwner) << I;
    EXPECT_TRUE(fact(I).WhenTrue) << I;
  }
  for (unsigned I : {5u, 6u, 7u}) {
    EXPECT_EQ(fact(I).What, ConditionFact::LastOwner) << I;
    EXPECT_FALSE(fact(I).WhenTrue) << I;
  }
}

TEST_F(ConditionsTest, OtherDecrementsSayNothing) {
  EXPECT_EQ(fact(9).What, ConditionFact::None);
  EXPECT_EQ(fact(10).What, ConditionFact::None);
}

TEST_F(ConditionsTest, ATryLockThatSucceeded) {
  EXPECT_EQ(fact(12).What, ConditionFact::TryLock);
  EXPECT_TRUE(fact(12).WhenTrue);
  EXPECT_EQ(fact(13).What, ConditionFact::TryLock);
  EXPECT_FALSE(fact(13).WhenTrue);
  EXPECT_EQ(fact(14).What, ConditionFact::TryLock);
  EXPECT_TRUE(fact(14).WhenTrue);
  EXPECT_EQ(fact(15).What, ConditionFact::None);
}

// The catalog's C try-lock functions return 0 when they took the lock.
TEST_F(ConditionsTest, ACTryLockThatReturnedSuccess) {
  for (auto [I, WhenTrue] : {std::pair{19u, true}, {20u, false}, {21u, true}, {22u, false}}) {
    ConditionFact Fact = fact(I);
    EXPECT_EQ(Fact.What, ConditionFact::TryLock) << I;
    EXPECT_EQ(Fact.WhenTrue, WhenTrue) << I;
    EXPECT_FALSE(Fact.Shared) << I;
    const auto *Mutex = dyn_cast_or_null<DeclRefExpr>(Fact.LockObject);
    EXPECT_TRUE(Mutex && Mutex->getDecl()->getName() == "plain") << I;
  }
  EXPECT_EQ(fact(23).What, ConditionFact::None);
  EXPECT_EQ(fact(24).What, ConditionFact::TryLock);
  EXPECT_TRUE(fact(24).WhenTrue);
  EXPECT_TRUE(fact(24).Shared);
}

TEST_F(ConditionsTest, AThreadLocalThatNamesThisObject) {
  EXPECT_EQ(ownThreadFact(0).What, ConditionFact::OwnThread);
  EXPECT_TRUE(ownThreadFact(0).WhenTrue);
  EXPECT_EQ(ownThreadFact(1).What, ConditionFact::OwnThread);
  EXPECT_FALSE(ownThreadFact(1).WhenTrue);
  EXPECT_EQ(ownThreadFact(2).What, ConditionFact::None);
}

// `a || b` is false only where both sides are: what a side says when it is
// false holds in the else branch; what it says when true holds nowhere.
TEST_F(ConditionsTest, AnOrIsKnownWhereItIsFalse) {
  EXPECT_EQ(fact(16).What, ConditionFact::TryLock);
  EXPECT_FALSE(fact(16).WhenTrue);
  EXPECT_EQ(fact(17).What, ConditionFact::None);
  EXPECT_EQ(fact(18).What, ConditionFact::LastOwner);
  EXPECT_FALSE(fact(18).WhenTrue);
}

} // namespace
} // namespace asynclint
