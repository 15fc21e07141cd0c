//===--- CompileDatabasesTest.cpp - databases as real builds write them --===//
#include "ToolRunner.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

namespace asynclint::tooltest {
namespace {

using nlohmann::json;

bool contains(const std::string &Text, const std::string &Part) {
  return Text.find(Part) != std::string::npos;
}

/// What a GCC build writes for one file, flags Clang does not know included.
std::vector<std::string> gccCommand(const std::string &File, const std::string &Object) {
  return {"g++",
          "-std=c++20",
          "-fcoroutines",
          "-fconcepts-diagnostics-depth=2",
          "-fno-gnu-unique",
          "-fanalyzer",
          "-Wlogical-op",
          "-O2",
          "-o",
          Object,
          "-c",
          File};
}

TEST(CompileDatabases, GccCommandsAreAnalysedWithTheirUnknownArgumentsDropped) {
  ScratchProject P;
  P.write("bad.cpp", BlockingSource);
  P.writeCommands({{"bad.cpp", gccCommand("bad.cpp", "bad.o")}});

  Outcome Quiet = P.asynclint("check");
  EXPECT_EQ(Quiet.Status, 1) << Quiet.Err;
  EXPECT_TRUE(contains(Quiet.Out, "bad.cpp:14:3: warning:")) << Quiet.Out;
  EXPECT_FALSE(contains(Quiet.Err, "dropped")) << Quiet.Err;
  EXPECT_FALSE(contains(Quiet.Err, "error")) << Quiet.Err;

  // Verbose: the dropped arguments, once, and g++'s own libstdc++ in use.
  Outcome Verbose = P.asynclint("check -v");
  EXPECT_EQ(Verbose.Status, 1) << Verbose.Err;
  // Clang 16 does not know -fcoroutines either; later versions accept it.
  EXPECT_TRUE(contains(Verbose.Err,
                       "dropped arguments Clang does not know (commands): -fanalyzer "
                       "(1) -fconcepts-diagnostics-depth=2 (1) -fno-gnu-unique (1)\n") ||
              contains(Verbose.Err, "dropped arguments Clang does not know (commands): -fanalyzer "
                                    "(1) -fconcepts-diagnostics-depth=2 (1) -fcoroutines (1) "
                                    "-fno-gnu-unique (1)\n"))
      << Verbose.Err;
  EXPECT_TRUE(contains(Verbose.Err, "/g++ (c++): target ")) << Verbose.Err;
  EXPECT_TRUE(contains(Verbose.Err, "/include/c++/")) << Verbose.Err;

  // Without asking the compiler, Clang's own search path still finds libstdc++.
  Outcome NoQuery = P.asynclint("check -v --query-driver=");
  EXPECT_EQ(NoQuery.Status, 1) << NoQuery.Err;
  EXPECT_FALSE(contains(NoQuery.Err, "target ")) << NoQuery.Err;
}

TEST(CompileDatabases, SourcesThatAreNotCOrCppAreSkipped) {
  ScratchProject P;
  P.write("bad.cpp", BlockingSource);
  P.write("switch.S", ".globl f\nf: ret\n");
  P.write("plain.s", ".globl g\ng: ret\n");
  P.write("kernel.cu", "__global__ void k() {}\n");
  // What CMake writes for a project with C++, assembler and CUDA sources.
  P.writeCommands({{"bad.cpp", {"c++", "-std=c++20", "-o", "bad.o", "-c", "bad.cpp"}},
                   {"switch.S", {"cc", "-o", "switch.o", "-c", "switch.S"}},
                   {"plain.s", {"cc", "-o", "plain.o", "-c", "plain.s"}},
                   {"kernel.cu", {"nvcc", "-x", "cu", "-c", "kernel.cu", "-o", "kernel.o"}}});
  Outcome R = P.asynclint("check -v --format=json");
  EXPECT_EQ(R.Status, 1) << R.Err;
  EXPECT_EQ(json::parse(R.Out)["findings"].size(), 1u) << R.Out;
  EXPECT_TRUE(contains(R.Err, "skipped, not C or C++ (assembler): " + P.path("plain.s").string() +
                                  " " + P.path("switch.S").string() + "\n"))
      << R.Err;
  // Without a CUDA installation the CUDA source is skipped too. With one (a
  // development machine may have /usr/local/cuda) it is analysed, or skipped
  // when this Clang cannot compile with that toolkit (a newer CUDA).
  bool CudaInstalled = std::filesystem::exists("/usr/local/cuda/include/cuda.h") ||
                       std::filesystem::exists("/usr/lib/cuda/include/cuda.h");
  bool SkippedWithoutCuda = contains(R.Err, "skipped, not C or C++ (CUDA, no CUDA installation): " +
                                                P.path("kernel.cu").string());
  EXPECT_EQ(SkippedWithoutCuda, !CudaInstalled) << R.Err;
  EXPECT_FALSE(contains(R.Err, "error")) << R.Err;

  Outcome Quiet = P.asynclint("check");
  EXPECT_EQ(Quiet.Status, 1);
  EXPECT_FALSE(contains(Quiet.Err, "skipped")) << Quiet.Err;
}

TEST(CompileDatabases, OneFileCompiledManyWaysIsReportedOnce) {
  ScratchProject P;
  P.write("bad.cpp", BlockingSource);
  // Two targets compiling the file alike, a third with other flags.
  P.writeCommands({{"bad.cpp", gccCommand("bad.cpp", "a/bad.o")},
                   {"bad.cpp", gccCommand("bad.cpp", "b/bad.o")},
                   {"bad.cpp", {"clang++", "-std=c++20", "-DVARIANT", "-c", "bad.cpp"}}});
  Outcome R = P.asynclint("check -v --format=json");
  EXPECT_EQ(R.Status, 1) << R.Err;
  json J = json::parse(R.Out);
  ASSERT_EQ(J["findings"].size(), 1u) << R.Out;
  EXPECT_EQ(J["findings"][0]["line"], 14);
  EXPECT_TRUE(contains(R.Err, "bad.cpp: 3 compile commands, 2 distinct, each analysed")) << R.Err;
  EXPECT_TRUE(contains(R.Err, "1 finding in 2 translation units")) << R.Err;
}

TEST(CompileDatabases, AUnitThatFailsNamesItsFileAndFirstError) {
  ScratchProject P;
  std::string Broken = "int *p = 0;\nvoid f() {\n";
  for (int I = 0; I < 30; ++I) // past the error limit: "too many errors emitted"
    Broken += "  undeclared_" + std::to_string(I) + "();\n";
  Broken += "}\n";
  P.write("broken.cpp", Broken);
  P.write("bad.cpp", BlockingSource);
  P.writeCommands({{"broken.cpp", gccCommand("broken.cpp", "broken.o")},
                   {"bad.cpp", gccCommand("bad.cpp", "bad.o")}});
  Outcome R = P.asynclint("check --checks=modernize-use-nullptr --fix");
  EXPECT_EQ(R.Status, 2) << R.Err;
  EXPECT_TRUE(contains(R.Err, P.path("broken.cpp").string() +
                                  ":3:3: error: use of undeclared identifier 'undeclared_0' "
                                  "(translation unit not analysed)\n"))
      << R.Err;
  EXPECT_FALSE(contains(R.Err, ":0:0:")) << R.Err;
  EXPECT_FALSE(contains(R.Err, "too many errors")) << R.Err;
  // --fix leaves a unit the compiler could not read alone, and says so.
  EXPECT_EQ(readFile(P.path("broken.cpp")), Broken);
  EXPECT_TRUE(contains(R.Err, "not fixing 1 findings of translation units that do not compile"))
      << R.Err;
  EXPECT_TRUE(contains(R.Out, "bad.cpp:14:")) << R.Out;
}

TEST(CompileDatabases, ChangedSourceWithoutCompileCommandIsAWarning) {
  ScratchProject P;
  std::string Git = "git -c user.name=t -c user.email=t@t -c commit.gpgsign=false ";
  P.write("a.cpp", CleanSource);
  P.writeDatabase({"a.cpp"});
  ASSERT_EQ(
      shell("git init -q . && " + Git + "add -A && " + Git + "commit -q -m init", P.dir()).Status,
      0);
  P.write("added.cpp", BlockingSource);
  P.write("added.h", "#pragma once\n");
  Outcome R = P.asynclint("check --changed-since HEAD");
  EXPECT_EQ(R.Status, 0) << R.Err;
  EXPECT_TRUE(contains(R.Err, "asynclint: warning: " + P.path("added.cpp").string() +
                                  " changed but has no compile command in " +
                                  P.path("compile_commands.json").string() +
                                  " (re-run cmake?); not analysed\n"))
      << R.Err;
  EXPECT_FALSE(contains(R.Err, "added.h")) << R.Err;
}

} // namespace
} // namespace asynclint::tooltest
