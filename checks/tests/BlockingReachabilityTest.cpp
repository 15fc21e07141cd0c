//===--- BlockingReachabilityTest.cpp - per-function blocking facts ------===//
//
// The memoised search over cycles is easy to get wrong in a way the corpus
// does not show: the answer for a function must not depend on which function
// was asked about first.
//
//===----------------------------------------------------------------------===//
#include "blocking/BlockingReachability.h"
#include "blocking/BlockingCallIndex.h"
#include "common/CallSites.h"
#include "common/CatalogLoader.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>
#include <clang/Frontend/ASTUnit.h>
#include <clang/Tooling/Tooling.h>
#include <gtest/gtest.h>

#include <memory>

namespace asynclint {
namespace {

using namespace clang;

// Calls made by `root`, in order: b(), a(), d(), e().
constexpr const char *CyclicProgram = R"cpp(
extern "C" unsigned sleep(unsigned);
void c() { sleep(1); }
void a();
void b() { a(); c(); }
void a() { b(); }
void d();
void e() { d(); }
void d() { e(); }
void root(bool first) {
  if (first) { b(); a(); } else { a(); b(); }
  d();
  e();
}
)cpp";

class ReachabilityTest : public ::testing::Test {
protected:
  void SetUp() override {
    Unit = tooling::buildASTFromCodeWithArgs(CyclicProgram, {"-std=c++20"}, "input.cpp");
    ASSERT_TRUE(Unit);
    BlockingCallIndex::Settings Settings;
    for (const auto &Category : catalog::Catalog::builtin().Blocking)
      if (Category.EnabledByDefault)
        Settings.EnabledCategories.insert(Category.Id);
    Index = std::make_unique<BlockingCallIndex>(loadCatalog("").Catalog, Settings);
  }

  /// The call sites of root's then-branch (b, a), else-branch (a, b), then d, e.
  llvm::SmallVector<CallSite, 16> rootCalls() {
    for (const Decl *D : Unit->getASTContext().getTranslationUnitDecl()->decls())
      if (const auto *F = dyn_cast<FunctionDecl>(D); F && F->getName() == "root")
        return collectCallSites(*F->getBody());
    return {};
  }

  static std::string calleeOf(const CallSite &Site) { return Site.Callee->getNameAsString(); }

  std::unique_ptr<ASTUnit> Unit;
  std::unique_ptr<BlockingCallIndex> Index;
};

TEST_F(ReachabilityTest, CycleMembersBlockWhicheverIsAskedFirst) {
  auto Calls = rootCalls();
  ASSERT_EQ(Calls.size(), 6u);
  // Ask about b then a, in a fresh fact base; then a then b, in another.
  for (auto Order : {std::pair{0, 1}, std::pair{2, 3}}) {
    BlockingReachability Facts(*Index, Unit->getASTContext(), /*FollowHelpers=*/true);
    auto First = Facts.chainOf(Calls[Order.first]);
    auto Second = Facts.chainOf(Calls[Order.second]);
    ASSERT_TRUE(First) << calleeOf(Calls[Order.first]);
    ASSERT_TRUE(Second) << calleeOf(Calls[Order.second]);
    EXPECT_EQ(First->Blocking.Name, "sleep");
    EXPECT_EQ(calleeOf(First->Steps.back()), "sleep");
    EXPECT_EQ(Second->Blocking.Name, "sleep");
  }
}

TEST_F(ReachabilityTest, ChainWalksEveryHelperDownToTheBlockingCall) {
  auto Calls = rootCalls();
  ASSERT_EQ(Calls.size(), 6u);
  BlockingReachability Facts(*Index, Unit->getASTContext(), true);
  auto Chain = Facts.chainOf(Calls[1]); // a() -> b() -> c() -> sleep()
  ASSERT_TRUE(Chain);
  std::vector<std::string> Callees;
  for (const CallSite &Step : Chain->Steps)
    Callees.push_back(calleeOf(Step));
  EXPECT_EQ(Callees, (std::vector<std::string>{"a", "b", "c", "sleep"}));
}

TEST_F(ReachabilityTest, CleanCyclesStayCleanAndAreRemembered) {
  auto Calls = rootCalls();
  BlockingReachability Facts(*Index, Unit->getASTContext(), true);
  EXPECT_FALSE(Facts.chainOf(Calls[4])); // d <-> e, nothing blocks
  EXPECT_FALSE(Facts.chainOf(Calls[5]));
  EXPECT_TRUE(Facts.chainOf(Calls[0])); // and the blocking cycle is still found
}

TEST_F(ReachabilityTest, HelpersAreNotFollowedWhenSwitchedOff) {
  auto Calls = rootCalls();
  BlockingReachability Facts(*Index, Unit->getASTContext(), /*FollowHelpers=*/false);
  EXPECT_FALSE(Facts.chainOf(Calls[0]));
}

} // namespace
} // namespace asynclint
