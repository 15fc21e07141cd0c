//===--- CheapMatchersTest.cpp - one-step matchers agree with the nested ones ===//
//
// Each matcher of common/CheapMatchers.h replaces a nested matcher the checks
// used before; on the same translation unit (a system header included) both
// must bind exactly the same nodes.
//
//===----------------------------------------------------------------------===//
#include "common/CheapMatchers.h"

#include <clang/AST/ASTContext.h>
#include <clang/ASTMatchers/ASTMatchFinder.h>
#include <clang/Frontend/ASTUnit.h>
#include <clang/Tooling/Tooling.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace asynclint::matchers {
namespace {

using namespace clang;
using namespace clang::ast_matchers;

constexpr const char *SystemHeader = R"cpp(
#pragma GCC system_header
namespace ns {
void spawn(int);
struct Pool {
  void post(int);
  template <class T> void emplace_back(T);
};
struct Runner {
  Runner() = default;
  explicit Runner(int);
};
struct Cpo { void operator()(int) const; };
inline constexpr Cpo starts_on{};
inline void inLibrary() { spawn(1); Pool p; p.post(2); Runner r(3); starts_on(4); }
struct LibraryClass { int x; };
}
)cpp";

constexpr const char *Code = R"cpp(
#include "lib.h"
#define SPAWN(x) ns::spawn(x)
namespace other { void spawn(int); struct Runner { explicit Runner(int); }; struct Cpo { void operator()(int) const; }; inline constexpr Cpo starts_on{}; }
template <class T> struct Box { T value; void post(int); };
struct Empty {};
struct OnlyBase : ns::LibraryClass {};
struct WithUnion { union { int a; float b; }; };
struct WithStatic { static int count; };
template <class T> struct Holder { T held; };
Holder<int> held;
void (*pointer)(int) = ns::spawn;
struct Functor { void operator()(int) const; };
void user() {
  ns::spawn(1);
  SPAWN(2);
  other::spawn(3);
  pointer(4);
  ns::Pool pool;
  pool.post(5);
  pool.emplace_back(6);
  Box<int> box;
  box.post(7);
  ns::Runner runner(8);
  ns::Runner idle;
  other::Runner elsewhere(9);
  ns::starts_on(10);
  other::starts_on(11);
  Functor f;
  f(12);
  auto lambda = [&](int n) { ns::spawn(n); };
  lambda(13);
}
template <class T> void generic(T t) { ns::spawn(t); }
template void generic<int>(int);
)cpp";

/// The nodes each binding matched, by name.
class Collector : public MatchFinder::MatchCallback {
public:
  void run(const MatchFinder::MatchResult &Result) override {
    for (const auto &[Name, Node] : Result.Nodes.getMap())
      Found[Name].insert(Node.getMemoizationData());
  }
  std::map<std::string, std::set<const void *>> Found;
};

class CheapMatchersTest : public ::testing::Test {
protected:
  void SetUp() override {
    Unit = tooling::buildASTFromCodeWithArgs(
        Code, {"-std=c++20", "-isystem", "/virtual/include"}, "input.cpp", "clang-tool",
        std::make_shared<PCHContainerOperations>(), tooling::getClangStripDependencyFileAdjuster(),
        {{"/virtual/include/lib.h", SystemHeader}});
    ASSERT_TRUE(Unit);
    ASSERT_FALSE(Unit->getDiagnostics().hasErrorOccurred());
  }

  /// Runs \p Old and \p New (both bound to their own names) and expects the
  /// same nodes, \p Count of them.
  template <typename OldMatcher, typename NewMatcher>
  void expectSame(const OldMatcher &Old, const NewMatcher &New, size_t Count) {
    Collector Nodes;
    MatchFinder Finder;
    Finder.addMatcher(Old, &Nodes);
    Finder.addMatcher(New, &Nodes);
    Finder.matchAST(Unit->getASTContext());
    EXPECT_EQ(Nodes.Found["old"], Nodes.Found["new"]);
    EXPECT_EQ(Nodes.Found["new"].size(), Count);
  }

  std::unique_ptr<ASTUnit> Unit;
  std::vector<std::string> Names{"::ns::spawn", "post", "ns::Runner"};
};

TEST_F(CheapMatchersTest, CallsAnyOfIsCalleeHasAnyName) {
  std::vector<StringRef> Refs(Names.begin(), Names.end());
  // ns::spawn five times in user code (one through a macro, one in the
  // lambda, one in generic and one in generic<int>), once in the header;
  // post twice in user code (Pool's and Box<int>'s), once in the header.
  expectSame(callExpr(callee(functionDecl(hasAnyName(Refs)))).bind("old"),
             callExpr(callsAnyOf(nameSet(Names))).bind("new"), 9);
}

TEST_F(CheapMatchersTest, UserCodeCallsAnyOfLeavesSystemHeadersOut) {
  std::vector<StringRef> Refs(Names.begin(), Names.end());
  expectSame(callExpr(callee(functionDecl(hasAnyName(Refs))), unless(isExpansionInSystemHeader()))
                 .bind("old"),
             callExpr(userCodeCallsAnyOf(nameSet(Names))).bind("new"), 7);
  expectSame(
      cxxMemberCallExpr(callee(cxxMethodDecl(hasAnyName("emplace_back", "emplace"))),
                        unless(isExpansionInSystemHeader()))
          .bind("old"),
      cxxMemberCallExpr(userCodeCallsAnyOf(nameSet({"emplace_back", "emplace"}))).bind("new"), 1);
}

TEST_F(CheapMatchersTest, UserCodeConstructsAnyOfIsTheClassOfTheConstructor) {
  std::vector<StringRef> Refs(Names.begin(), Names.end());
  // `runner` and `idle` (the default constructor is still Runner's).
  expectSame(
      cxxConstructExpr(hasDeclaration(cxxConstructorDecl(ofClass(cxxRecordDecl(hasAnyName(Refs))))),
                       unless(isExpansionInSystemHeader()))
          .bind("old"),
      cxxConstructExpr(userCodeConstructsAnyOf(nameSet(Names))).bind("new"), 2);
}

TEST_F(CheapMatchersTest, ExplicitDefinitionsOutsideSystemHeaders) {
  // user, the lambda's call operator, generic and generic<int>; the
  // defaulted special members are implicit.
  expectSame(functionDecl(isDefinition(), unless(isImplicit()), unless(isExpansionInSystemHeader()))
                 .bind("old"),
             functionDecl(isExplicitDefinitionOutsideSystemHeaders()).bind("new"), 4);
}

TEST_F(CheapMatchersTest, UserClassesWithFields) {
  // Box, Box<int>, WithUnion and its anonymous union, Holder and Holder<int>;
  // not Empty, OnlyBase, WithStatic, Functor, the lambda or the header's
  // classes.
  expectSame(cxxRecordDecl(isDefinition(), unless(isLambda()), unless(isExpansionInSystemHeader()),
                           has(fieldDecl()))
                 .bind("old"),
             cxxRecordDecl(isUserClassWithFields()).bind("new"), 6);
}

} // namespace
} // namespace asynclint::matchers
