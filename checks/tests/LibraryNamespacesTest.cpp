//===--- LibraryNamespacesTest.cpp - a library's own code is not the user's -===//
//
// The corpus cannot show this: clang-tidy prints no diagnostic located in a
// header unless told to, so a false finding inside a library header (as
// concurrencpp's own submit_bridge coroutine once was, for every lambda a user
// submitted) would pass the corpus unseen. Here the library header is a
// user header (not a system header), as it is when a project vendors the
// library.
//
//===----------------------------------------------------------------------===//
#include "common/LibraryNamespaces.h"
#include "blocking/BlockingCallIndex.h"
#include "blocking/BlockingReachability.h"
#include "common/CallSites.h"
#include "common/CatalogLoader.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/DeclCXX.h>
#include <clang/AST/RecursiveASTVisitor.h>
#include <clang/Frontend/ASTUnit.h>
#include <clang/Tooling/Tooling.h>
#include <gtest/gtest.h>

#include <memory>

namespace asynclint {
namespace {

using namespace clang;

constexpr const char *LibraryHeader = R"cpp(
#pragma once
extern "C" unsigned sleep(unsigned);
namespace concurrencpp {
struct executor {
  // Calls what the user submitted, as the library's submit_bridge does.
  template <class F> static void bridge(F f) { f(); }
};
inline void library_sleeps() { sleep(1); }
}
namespace vendored_helpers {
inline void helper_sleeps() { sleep(1); }
}
)cpp";

constexpr const char *Program = R"cpp(
#include "lib.h"
namespace concurrencpp {
void main_file_code() {}
}
void user() {
  concurrencpp::executor::bridge([] { sleep(1); });
  concurrencpp::library_sleeps();
  vendored_helpers::helper_sleeps();
}
)cpp";

class Functions : public RecursiveASTVisitor<Functions> {
public:
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool VisitFunctionDecl(FunctionDecl *F) {
    if (F->doesThisDeclarationHaveABody())
      ByName[F->getQualifiedNameAsString()] = F;
    return true;
  }
  std::map<std::string, const FunctionDecl *> ByName;
};

class LibraryNamespacesTest : public ::testing::Test {
protected:
  void SetUp() override {
    Unit = tooling::buildASTFromCodeWithArgs(Program, {"-std=c++20"}, "input.cpp", "clang-tool",
                                             std::make_shared<PCHContainerOperations>(),
                                             tooling::getClangStripDependencyFileAdjuster(),
                                             {{"lib.h", LibraryHeader}});
    ASSERT_TRUE(Unit);
    Found.TraverseDecl(Unit->getASTContext().getTranslationUnitDecl());
    Catalog = loadCatalog("").Catalog;
  }

  const FunctionDecl &function(const std::string &Name) {
    const FunctionDecl *F = Found.ByName[Name];
    EXPECT_TRUE(F) << Name;
    return *F;
  }

  std::unique_ptr<ASTUnit> Unit;
  Functions Found;
  std::shared_ptr<const catalog::Catalog> Catalog;
};

TEST_F(LibraryNamespacesTest, CodeInALibraryNamespaceInAHeaderIsTheLibrarys) {
  LibraryNamespaces Library(*Catalog);
  EXPECT_TRUE(Library.contains(function("concurrencpp::library_sleeps")));
  EXPECT_TRUE(Library.contains(function("concurrencpp::executor::bridge")));
  // The main file is the user's, whatever its namespace; a header outside
  // every library namespace is the user's too.
  EXPECT_FALSE(Library.contains(function("concurrencpp::main_file_code")));
  EXPECT_FALSE(Library.contains(function("vendored_helpers::helper_sleeps")));
  EXPECT_FALSE(Library.contains(function("user")));
}

TEST_F(LibraryNamespacesTest, LibraryCodeIsNotFollowedIntoUserCodeIs) {
  BlockingCallIndex::Settings Settings;
  for (const auto &Category : Catalog->Blocking)
    if (Category.EnabledByDefault)
      Settings.EnabledCategories.insert(Category.Id);
  BlockingCallIndex Index(Catalog, Settings);
  BlockingReachability Facts(Index, Unit->getASTContext(), /*FollowHelpers=*/true);
  auto Calls = collectCallSites(*function("user").getBody());
  ASSERT_EQ(Calls.size(), 3u);
  // bridge() would reach the user's sleeping lambda, library_sleeps() sleeps:
  // both are the library's, described by the catalog, not followed.
  EXPECT_FALSE(Facts.chainOf(Calls[0]));
  EXPECT_FALSE(Facts.chainOf(Calls[1]));
  auto Helper = Facts.chainOf(Calls[2]);
  ASSERT_TRUE(Helper);
  EXPECT_EQ(Helper->Blocking.Name, "sleep");
}

} // namespace
} // namespace asynclint
