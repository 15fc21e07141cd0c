//===--- RuntimeUnitTest.cpp - the runtime's pieces in isolation ----------===//
#include "ElfSymbols.h"
#include "LoopKnowledge.h"
#include "SignalSafeJson.h"
#include "SiteLimiter.h"
#include "Stack.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

using namespace asynclint::rt;

namespace unit_test_ns {
long watched_counter = 7;
}
extern "C" __attribute__((noinline)) int asynclint_unit_test_function(int X) { return X * 3 + 1; }

namespace {

TEST(ElfSymbols, FindsThisProgramsFunctionsAndVariablesByName) {
  ElfSymbols Symbols;
  ASSERT_TRUE(Symbols.load("/proc/self/exe"));
  std::optional<ElfSymbol> Object =
      Symbols.object(mangleQualifiedName("unit_test_ns::watched_counter"));
  ASSERT_TRUE(Object.has_value());
  EXPECT_EQ(Object->Size, sizeof(long));
  bool Found = false;
  for (const ElfSymbol &F : Symbols.functions())
    if (std::string(F.Name) == "asynclint_unit_test_function") {
      EXPECT_EQ(Symbols.function(F.Value + 1), Symbols.function(F.Value));
      EXPECT_STREQ(Symbols.function(F.Value + 1)->Name, "asynclint_unit_test_function");
      Found = true;
    }
  EXPECT_TRUE(Found);
  EXPECT_EQ(asynclint_unit_test_function(1), 4);
}

TEST(ElfSymbols, RejectsWhatIsNotAnElfFile) {
  ElfSymbols Symbols;
  EXPECT_FALSE(Symbols.load("/proc/self/status"));
  EXPECT_FALSE(Symbols.load("/nonexistent/file"));
}

TEST(ElfSymbols, ManglesNamespaceScopeNames) {
  EXPECT_EQ(mangleQualifiedName("counter"), "counter");
  EXPECT_EQ(mangleQualifiedName("::ns::total"), "_ZN2ns5totalE");
  EXPECT_EQ(nestedNameFragment("asio::detail"), "4asio6detail");
}

TEST(LoopKnowledge, ClassifiesCoroutineBodiesLoopsInternalsAndPools) {
  LoopKnowledge K = LoopKnowledge::defaults();
  EXPECT_TRUE(K.classify("_Z8blockingi.resume") & FlagCoroutineBody);
  EXPECT_FALSE(K.classify("_Z8blockingi.destroy") & FlagCoroutineBody);
  unsigned DoRunOne = K.classify(
      "_ZN4asio6detail9scheduler10do_run_oneERNS0_27conditionally_enabled_mutex11scoped_lockERNS0_"
      "21scheduler_thread_infoERKSt10error_code");
  EXPECT_TRUE(DoRunOne & FlagLoopDispatch);
  EXPECT_TRUE(DoRunOne & FlagLoopInternal);
  // A handler completion runs the program's code: not the loop's own wait.
  EXPECT_FALSE(
      K.classify("_ZN4asio6detail11executor_opINS0_17executor_functionESaIvENS0_19scheduler_"
                 "operationEE11do_completeEPvPS5_RKSt10error_codem") &
      FlagLoopInternal);
  EXPECT_TRUE(K.classify("_ZN4asio11thread_pool15thread_functionclEv") & FlagPool);
  EXPECT_TRUE(K.classify("_ZZN8minitask11thread_poolC4EmENKUlvE_clEv") & FlagPool);
  // A component boundary: "xasio::detail" is not Asio.
  EXPECT_FALSE(K.classify("_ZN5xasio6detail9scheduler10do_run_oneEv") & FlagLoopDispatch);
}

TEST(LoopKnowledge, TakesMoreNamesFromAList) {
  LoopKnowledge K;
  LoopKnowledge::addNames(K.Dispatch, "my::loop::run_once; other::dispatch");
  EXPECT_TRUE(K.classify("_ZN2my4loop8run_onceEv") & FlagLoopDispatch);
  EXPECT_TRUE(K.classify("_ZN5other8dispatchEi") & FlagLoopDispatch);
  EXPECT_FALSE(K.classify("_ZN2my4loop4stopEv") & FlagLoopDispatch);
}

TEST(SiteLimiter, CountsPerSiteAndReportsFirstOccurrencesThenPowersOfTwo) {
  static SiteLimiter L; // large: not on the stack
  EXPECT_EQ(L.count(42), 1u);
  EXPECT_EQ(L.count(42), 2u);
  EXPECT_EQ(L.count(43), 1u);
  std::vector<uint64_t> Reported;
  for (uint64_t N = 1; N <= 100; ++N)
    if (SiteLimiter::shouldReport(N))
      Reported.push_back(N);
  EXPECT_EQ(Reported, (std::vector<uint64_t>{1, 2, 3, 4, 8, 16, 32, 64}));
}

TEST(SignalSafeJson, WritesValidJsonAndRefusesWhatDoesNotFit) {
  char Buffer[256];
  SignalSafeJson J(Buffer, sizeof(Buffer));
  J.raw("{\"name\":")
      .string("a\"b\\c")
      .raw(",\"n\":")
      .number(1234567890123ull)
      .raw(",\"x\":")
      .hex(0xbeef)
      .raw("}");
  ASSERT_TRUE(J.complete());
  nlohmann::json Parsed = nlohmann::json::parse(std::string(J.data(), J.size()));
  EXPECT_EQ(Parsed["name"], "a\"b\\c");
  EXPECT_EQ(Parsed["n"], 1234567890123ull);
  EXPECT_EQ(Parsed["x"], "0xbeef");
  char Small[8];
  SignalSafeJson T(Small, sizeof(Small));
  T.raw("{\"long\":").string("more than eight bytes");
  EXPECT_FALSE(T.complete());
}

} // namespace
