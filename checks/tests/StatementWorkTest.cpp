//===--- StatementWorkTest.cpp - "no other work in between", precisely ---===//
//
// async-immediate-await reports a start and its wait only when nothing else
// runs between them; these tests pin down what counts as work, when a wait
// is a statement's first work, and what counts as changing a variable.
//
//===----------------------------------------------------------------------===//
#include "immediate-await/StatementWork.h"

#include <clang/AST/ASTContext.h>
#include <clang/AST/Decl.h>
#include <clang/AST/ExprCXX.h>
#include <clang/AST/StmtCXX.h>
#include <clang/Frontend/ASTUnit.h>
#include <clang/Tooling/Tooling.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace asynclint {
namespace {

using namespace clang;

constexpr const char *Prelude = R"cpp(
namespace std {
template <class T> struct remove_reference { using type = T; };
template <class T> struct remove_reference<T &> { using type = T; };
template <class T> typename remove_reference<T>::type &&move(T &&t) {
  return static_cast<typename remove_reference<T>::type &&>(t);
}
} // namespace std
int g();
int use(int);
void read(const int &);
void write(int &);
void copy(int);
struct Fut { int get(); int peek() const; };
struct Busy { Busy(); ~Busy(); };
)cpp";

class StatementWorkTest : public ::testing::Test {
protected:
  /// The statements of `void f(...) { Body }`.
  llvm::ArrayRef<Stmt *> statements(const std::string &Body, const std::string &Params = "") {
    Unit = tooling::buildASTFromCodeWithArgs(std::string(Prelude) + "void f(" + Params + ") {" +
                                                 Body + "}",
                                             {"-std=c++20"}, "input.cpp");
    EXPECT_TRUE(Unit);
    for (Decl *D : Unit->getASTContext().getTranslationUnitDecl()->decls())
      if (auto *F = dyn_cast<FunctionDecl>(D); F && F->getName() == "f" && F->hasBody()) {
        Function = F;
        auto *Block = cast<CompoundStmt>(F->getBody());
        return llvm::ArrayRef<Stmt *>(Block->body_begin(), Block->body_end());
      }
    ADD_FAILURE() << "no f";
    return {};
  }

  /// The first call to a member named \p Name in \p S.
  static const Stmt *memberCall(const Stmt *S, llvm::StringRef Name) {
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(S))
      if (Call->getMethodDecl() && Call->getMethodDecl()->getName() == Name)
        return Call;
    for (const Stmt *Child : S->children())
      if (Child)
        if (const Stmt *Found = memberCall(Child, Name))
          return Found;
    return nullptr;
  }

  const VarDecl *local(llvm::StringRef Name) {
    for (const Stmt *S : cast<CompoundStmt>(Function->getBody())->body())
      if (const auto *Declaration = dyn_cast<DeclStmt>(S))
        for (const Decl *D : Declaration->decls())
          if (const auto *Var = dyn_cast<VarDecl>(D); Var && Var->getName() == Name)
            return Var;
    for (const ParmVarDecl *Param : Function->parameters())
      if (Param->getName() == Name)
        return Param;
    return nullptr;
  }

  std::unique_ptr<ASTUnit> Unit;
  const FunctionDecl *Function = nullptr;
};

TEST_F(StatementWorkTest, IdleStatementsEvaluateNoWork) {
  auto Stmts = statements("; int n = 0; n = y * 2; int m; int k = std::move(n);"
                          "auto l = [] { g(); }; unsigned s = sizeof(g()); int *p = &n;",
                          "int y");
  ASSERT_EQ(Stmts.size(), 8u);
  for (const Stmt *S : Stmts)
    EXPECT_TRUE(isIdleStatement(*S)) << S->getStmtClassName();
}

TEST_F(StatementWorkTest, CallsConstructionsAndAllocationsAreWork) {
  auto Stmts = statements("g(); Busy b; int *p = new int; delete p; int r = use(1);"
                          "if (g()) {} throw 1;");
  ASSERT_EQ(Stmts.size(), 7u);
  for (const Stmt *S : Stmts)
    EXPECT_FALSE(isIdleStatement(*S)) << S->getStmtClassName();
}

TEST_F(StatementWorkTest, AWaitIsFirstWorkOnlyWhenTheOtherCallsConsumeIt) {
  auto Stmts = statements("use(f.get()); int a = f.get(); int b = g() + f.get();"
                          "int c = use(g()) + use(f.get());",
                          "Fut f");
  ASSERT_EQ(Stmts.size(), 4u);
  TargetPosition Consumed = locateTarget(*Stmts[0], *memberCall(Stmts[0], "get"));
  EXPECT_TRUE(Consumed.Found);
  EXPECT_FALSE(Consumed.OtherWork);
  EXPECT_EQ(Consumed.Enclosing.size(), 1u);
  TargetPosition Alone = locateTarget(*Stmts[1], *memberCall(Stmts[1], "get"));
  EXPECT_TRUE(Alone.Found && !Alone.OtherWork);
  EXPECT_TRUE(locateTarget(*Stmts[2], *memberCall(Stmts[2], "get")).OtherWork);
  EXPECT_TRUE(locateTarget(*Stmts[3], *memberCall(Stmts[3], "get")).OtherWork);
  EXPECT_FALSE(locateTarget(*Stmts[0], *memberCall(Stmts[1], "get")).Found);
}

TEST_F(StatementWorkTest, ReadsAreNotChanges) {
  auto Stmts = statements("int x = 0; int y = x; read(x); copy(x); const int &r = x;"
                          "int z = x + 1; Fut h; int w = h.peek();");
  auto *Body = Function->getBody();
  ASSERT_FALSE(Stmts.empty());
  EXPECT_FALSE(mayChange(*local("x"), *Body));
  EXPECT_FALSE(mayChange(*local("h"), *Body));
}

TEST_F(StatementWorkTest, WritesReferencesAndNonConstCallsAreChanges) {
  for (const char *Change : {"x = 1;", "x += 1;", "++x;", "x--;", "write(x);", "int &r = x;",
                             "int *p = &x;", "auto l = [&x] { x = 2; };", "h.get();"}) {
    ASSERT_FALSE(statements(std::string("int x = 0; Fut h; ") + Change).empty());
    const VarDecl *Changed = std::string(Change) == "h.get();" ? local("h") : local("x");
    ASSERT_NE(Changed, nullptr) << Change;
    EXPECT_TRUE(mayChange(*Changed, *Function->getBody())) << Change;
  }
}

TEST_F(StatementWorkTest, PlainLocalsAreAutomaticValues) {
  ASSERT_FALSE(
      statements("int v = 0; int &r = v; int *p = &v; static int s = 0;", "int param, int &out")
          .empty());
  EXPECT_TRUE(isPlainLocal(*local("v")));
  EXPECT_TRUE(isPlainLocal(*local("param")));
  EXPECT_FALSE(isPlainLocal(*local("r")));
  EXPECT_FALSE(isPlainLocal(*local("p")));
  EXPECT_FALSE(isPlainLocal(*local("s")));
  EXPECT_FALSE(isPlainLocal(*local("out")));
}

} // namespace
} // namespace asynclint
