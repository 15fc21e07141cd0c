//===--- AsyncLocksCatalogTest.cpp - one async_locks entry, both checks ---===//
//
// A library's async mutex is one entry of the catalog's async_locks section:
// with it, async-stale-read-across-await takes an awaited lock member as
// taking the mutex and the unlock member as giving it back, and
// async-unguarded-shared-state takes the type as synchronisation, not data.
// Without it, neither knows the type (its members have no lock-like names).
//
//===----------------------------------------------------------------------===//
#include "common/LockShapes.h"
#include "stale-read/StaleReadIndex.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Frontend/ASTUnit.h>
#include <clang/Tooling/Tooling.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <optional>
#include <string>

namespace asynclint {
namespace {

using namespace clang;

constexpr const char *Code = R"cpp(
namespace acme {
struct gate {
  struct ticket {};
  ticket enter();
  void leave();
};
} // namespace acme
acme::gate g;
void use() {
  g.enter();
  g.leave();
}
)cpp";

constexpr const char *GateEntry = R"({"async_locks": {"types": [
    {"name": "acme::gate", "library": "acme", "lock": ["enter"], "unlock": ["leave"]}]}})";

/// The member calls of use(), by the member's name.
class MemberCalls : public RecursiveASTVisitor<MemberCalls> {
public:
  bool VisitCXXMemberCallExpr(CXXMemberCallExpr *Call) {
    if (const CXXMethodDecl *Method = Call->getMethodDecl(); Method && Method->getIdentifier())
      Found[Method->getName().str()] = Call;
    return true;
  }
  std::map<std::string, const CXXMemberCallExpr *> Found;
};

class AsyncLocksCatalogTest : public ::testing::Test {
protected:
  void SetUp() override {
    Unit = tooling::buildASTFromCodeWithArgs(Code, {"-std=c++20"}, "gate.cpp");
    ASSERT_TRUE(Unit);
    Calls.TraverseAST(Unit->getASTContext());
    ASSERT_EQ(Calls.Found.size(), 2u);
    std::string Error;
    std::optional<catalog::Catalog> Entry = catalog::Catalog::fromJson(GateEntry, Error);
    ASSERT_TRUE(Entry) << Error;
    auto Merged = std::make_shared<catalog::Catalog>(catalog::Catalog::builtin());
    Merged->merge(*Entry);
    WithGate = Merged;
  }

  QualType gateType() const {
    return Calls.Found.at("enter")->getImplicitObjectArgument()->getType();
  }

  /// What each check makes of acme::gate under \p Catalog.
  struct Seen {
    bool StaleReadTakes = false;
    bool StaleReadReleases = false;
    bool StaleReadNotData = false;
    bool SharedStateSynchronization = false;
  };
  Seen seenWith(std::shared_ptr<const catalog::Catalog> Catalog) {
    StaleReadIndex Index(Catalog, StaleReadIndex::Settings{});
    LockShapes Locks(Catalog, LockShapes::Settings{});
    const CXXMemberCallExpr *Leave = Calls.Found.at("leave");
    Seen Result;
    Result.StaleReadTakes = Index.lockedMutex(*Calls.Found.at("enter")) != nullptr;
    Result.StaleReadReleases = Index.isUnlock(*Leave->getMethodDecl(), gateType());
    Result.StaleReadNotData = Index.isNotData(gateType());
    Result.SharedStateSynchronization = Locks.isSynchronization(gateType());
    return Result;
  }

  std::unique_ptr<ASTUnit> Unit;
  MemberCalls Calls;
  std::shared_ptr<const catalog::Catalog> WithGate;
};

TEST_F(AsyncLocksCatalogTest, OneEntryIsSeenByBothChecks) {
  Seen With = seenWith(WithGate);
  EXPECT_TRUE(With.StaleReadTakes);
  EXPECT_TRUE(With.StaleReadReleases);
  EXPECT_TRUE(With.StaleReadNotData);
  EXPECT_TRUE(With.SharedStateSynchronization);
}

TEST_F(AsyncLocksCatalogTest, WithoutTheEntryNeitherCheckKnowsTheType) {
  Seen Without = seenWith(std::make_shared<catalog::Catalog>(catalog::Catalog::builtin()));
  EXPECT_FALSE(Without.StaleReadTakes);
  EXPECT_FALSE(Without.StaleReadReleases);
  EXPECT_FALSE(Without.StaleReadNotData);
  EXPECT_FALSE(Without.SharedStateSynchronization);
}

} // namespace
} // namespace asynclint
