//===--- LibraryCodeTest.cpp - which headers are third-party --------------===//
#include "common/LibraryCode.h"

#include <clang/AST/ASTContext.h>
#include <clang/Basic/SourceManager.h>
#include <clang/Frontend/ASTUnit.h>
#include <clang/Tooling/Tooling.h>
#include <gtest/gtest.h>

#include <memory>

namespace asynclint {
namespace {

using namespace clang;

// The project itself sits below a folder named external/: only the folders
// below the main file's own count.
constexpr const char *Root = "/home/dev/external/service";

class LibraryCodeTest : public ::testing::Test {
protected:
  void SetUp() override {
    std::string R = Root;
    tooling::FileContentMappings Files = {
        {R + "/include/service/own.h", "int own_value;"},
        {R + "/third_party/asio/asio.hpp", "int vendored_value;"},
        {R + "/build/_deps/fmt-src/fmt.h", "int fetched_value;"},
        {R + "/src/Vendor/lib.h", "int capital_value;"},
    };
    Unit = tooling::buildASTFromCodeWithArgs("#include \"" + R +
                                                 "/include/service/own.h\"\n#include \"" + R +
                                                 "/third_party/asio/asio.hpp\"\n#include \"" + R +
                                                 "/build/_deps/fmt-src/fmt.h\"\n#include \"" + R +
                                                 "/src/Vendor/lib.h\"\nint main_value;\n",
                                             {"-std=c++20"}, R + "/src/main.cpp", "clang-tool",
                                             std::make_shared<PCHContainerOperations>(),
                                             tooling::getClangStripDependencyFileAdjuster(), Files);
    ASSERT_TRUE(Unit);
  }

  bool isLibrary(StringRef Variable) {
    ASTContext &Context = Unit->getASTContext();
    auto Found = Context.getTranslationUnitDecl()->lookup(&Context.Idents.get(Variable));
    EXPECT_FALSE(Found.empty()) << Variable.str();
    return Library.isLibrary(Context.getSourceManager(), Found.front()->getLocation());
  }

  std::unique_ptr<ASTUnit> Unit;
  LibraryCode Library{{"third_party", "external", "_deps", "vendor"}};
};

TEST_F(LibraryCodeTest, ThirdPartyFoldersBelowTheProjectAreLibraryCode) {
  EXPECT_TRUE(isLibrary("vendored_value"));
  EXPECT_TRUE(isLibrary("fetched_value"));
  EXPECT_TRUE(isLibrary("capital_value")); // folder names match in any case
}

TEST_F(LibraryCodeTest, TheProjectsOwnFilesAreNot) {
  EXPECT_FALSE(isLibrary("main_value"));
  // external/ is above the project: it says nothing about the project's files.
  EXPECT_FALSE(isLibrary("own_value"));
}

} // namespace
} // namespace asynclint
