//===--- InstallTest.cpp - cmake --install and find_package(asynclint) ---===//
#include "ToolRunner.h"

#include <gtest/gtest.h>

namespace asynclint::tooltest {
namespace {

namespace fs = std::filesystem;

TEST(Install, PackageIsFoundAndItsToolsWork) {
  ScratchProject Work;
  fs::path Prefix = Work.path("prefix");
  Outcome Install =
      shell(quote(ASYNCLINT_TEST_CMAKE) + " --install " + quote(ASYNCLINT_TEST_BINARY_DIR) +
                " --prefix " + quote(Prefix.string()),
            Work.dir());
  ASSERT_EQ(Install.Status, 0) << Install.Out << Install.Err;
  EXPECT_TRUE(fs::exists(Prefix / "bin/asynclint"));
  EXPECT_TRUE(fs::exists(Prefix / "lib/libAsyncLint.so"));
  EXPECT_TRUE(fs::exists(Prefix / "share/asynclint/catalog.json"));

  Work.write("consumer/CMakeLists.txt", R"(cmake_minimum_required(VERSION 3.20)
project(consumer LANGUAGES NONE)
find_package(asynclint 0.1 REQUIRED)
if(NOT TARGET asynclint::asynclint OR NOT TARGET asynclint::plugin)
  message(FATAL_ERROR "imported targets missing")
endif()
get_target_property(exe asynclint::asynclint IMPORTED_LOCATION)
file(WRITE ${CMAKE_BINARY_DIR}/found.txt "${exe}\n${ASYNCLINT_PLUGIN}\n${ASYNCLINT_CATALOG}\n")
)");
  Outcome Configure =
      shell(quote(ASYNCLINT_TEST_CMAKE) +
                " -S consumer -B consumer-build -DCMAKE_PREFIX_PATH=" + quote(Prefix.string()),
            Work.dir());
  ASSERT_EQ(Configure.Status, 0) << Configure.Out << Configure.Err;
  std::string Found = readFile(Work.path("consumer-build/found.txt"));
  EXPECT_EQ(Found, (Prefix / "bin/asynclint").string() + "\n" +
                       (Prefix / "lib/libAsyncLint.so").string() + "\n" +
                       (Prefix / "share/asynclint/catalog.json").string() + "\n");

  // The installed plugin loads into clang-tidy; the installed tool analyses code.
  Outcome List = shell(quote(ASYNCLINT_TEST_CLANG_TIDY) +
                           " --load=" + quote((Prefix / "lib/libAsyncLint.so").string()) +
                           " --checks=-*,async-* --list-checks",
                       Work.dir());
  EXPECT_NE(List.Out.find("async-blocking-in-coroutine"), std::string::npos)
      << List.Out << List.Err;
  Work.write("bad.cpp", BlockingSource);
  Work.writeDatabase({"bad.cpp"});
  Outcome Check = shell(quote((Prefix / "bin/asynclint").string()) + " check", Work.dir());
  EXPECT_EQ(Check.Status, 1) << Check.Err;
  EXPECT_NE(Check.Out.find("bad.cpp:14:3: warning"), std::string::npos) << Check.Out;
}

} // namespace
} // namespace asynclint::tooltest
