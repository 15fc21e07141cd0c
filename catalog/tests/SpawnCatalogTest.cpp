// The catalog's "spawn" section, read by async-immediate-await.
#include "Catalog.h"

#include <gtest/gtest.h>

#include <algorithm>

using asynclint::catalog::Catalog;
using asynclint::catalog::SpawnFunction;
using asynclint::catalog::SpawnKnowledge;

namespace {

const SpawnFunction *findSpawn(const SpawnKnowledge &Spawn, const std::string &Name) {
  auto It = std::find_if(Spawn.Functions.begin(), Spawn.Functions.end(),
                         [&](const SpawnFunction &F) { return F.Name == Name; });
  return It == Spawn.Functions.end() ? nullptr : &*It;
}

bool contains(const std::vector<std::string> &List, const std::string &Name) {
  return std::find(List.begin(), List.end(), Name) != List.end();
}

} // namespace

TEST(SpawnCatalogTest, BuiltinKnowsTheStandardAndCoroutineSpawns) {
  const SpawnKnowledge &Spawn = Catalog::builtin().Spawn;
  const SpawnFunction *Async = findSpawn(Spawn, "std::async");
  ASSERT_NE(Async, nullptr);
  EXPECT_TRUE(Async->WaitsOnDestruction);
  EXPECT_FALSE(Async->Lazy);
  EXPECT_EQ(Async->NeverRunsIfDiscardedWith, "std::launch::deferred");
  const SpawnFunction *CoSpawn = findSpawn(Spawn, "asio::co_spawn");
  ASSERT_NE(CoSpawn, nullptr);
  EXPECT_TRUE(CoSpawn->Lazy);
  EXPECT_EQ(CoSpawn->Library, "asio");
  ASSERT_NE(findSpawn(Spawn, "minitask::spawn"), nullptr);
  EXPECT_EQ(findSpawn(Spawn, "coro::thread_pool::schedule")->MinArgs, 1u);

  auto JThread = std::find_if(Spawn.Threads.begin(), Spawn.Threads.end(),
                              [](const auto &T) { return T.Name == "std::jthread"; });
  ASSERT_NE(JThread, Spawn.Threads.end());
  EXPECT_TRUE(JThread->JoinsOnDestruction);
  EXPECT_TRUE(contains(Spawn.WaitFunctions, "std::future::get"));
  EXPECT_TRUE(contains(Spawn.WaitFunctions, "std::thread::join"));
  EXPECT_TRUE(contains(Spawn.Combinators, "minitask::when_all"));
  EXPECT_TRUE(contains(Spawn.OutputFunctions, "std::operator<<"));
  EXPECT_TRUE(contains(Spawn.ExecutorTypes, "asio::thread_pool"));
  EXPECT_TRUE(contains(Spawn.ExecutorTypes, "minitask::scheduler"));
}

TEST(SpawnCatalogTest, EveryLibraryHasAdviceAndNamesAreQualified) {
  const SpawnKnowledge &Spawn = Catalog::builtin().Spawn;
  EXPECT_FALSE(SpawnKnowledge::adviceFor(Spawn.Advice, "").empty());
  EXPECT_FALSE(SpawnKnowledge::adviceFor(Spawn.LoopAdvice, "").empty());
  for (const SpawnFunction &F : Spawn.Functions) {
    EXPECT_NE(F.Name.find("::"), std::string::npos) << F.Name;
    EXPECT_NE(SpawnKnowledge::adviceFor(Spawn.Advice, F.Library),
              SpawnKnowledge::adviceFor(Spawn.Advice, "no-such-library"))
        << F.Name << ": no advice of its own for library '" << F.Library << "'";
  }
  EXPECT_NE(SpawnKnowledge::adviceFor(Spawn.Advice, "asio").find("&&"), std::string::npos);
}

TEST(SpawnCatalogTest, UserFilesAddSpawnsAndOverrideAdvice) {
  std::string Error;
  auto Extra = Catalog::fromJson(R"({"spawn": {
      "functions": [{"name": "::mylib::start", "library": "mylib", "lazy": true}],
      "threads": [{"name": "mylib::worker", "joins_on_destruction": true}],
      "wait_functions": ["mylib::handle::wait"],
      "advice": {"mylib": "use mylib::all"}}})",
                                 Error);
  ASSERT_TRUE(Extra) << Error;
  Catalog Merged = Catalog::builtin();
  size_t Before = Merged.Spawn.Functions.size();
  Merged.merge(*Extra);
  ASSERT_EQ(Merged.Spawn.Functions.size(), Before + 1);
  EXPECT_EQ(Merged.Spawn.Functions.back().Name, "mylib::start");
  EXPECT_TRUE(Merged.Spawn.Functions.back().Lazy);
  EXPECT_TRUE(Merged.Spawn.Threads.back().JoinsOnDestruction);
  EXPECT_TRUE(contains(Merged.Spawn.WaitFunctions, "mylib::handle::wait"));
  EXPECT_TRUE(contains(Merged.Spawn.WaitFunctions, "std::future::get"));
  EXPECT_EQ(SpawnKnowledge::adviceFor(Merged.Spawn.Advice, "mylib"), "use mylib::all");
}

TEST(SpawnCatalogTest, RejectsMalformedSpawnSections) {
  std::string Error;
  EXPECT_FALSE(Catalog::fromJson(R"({"spawn": []})", Error));
  EXPECT_EQ(Error, "catalog.spawn: expected an object");
  EXPECT_FALSE(Catalog::fromJson(R"({"spawn": {"functions": [{"library": "x"}]}})", Error));
  EXPECT_EQ(Error, "catalog.spawn.functions[0]: expected an object with a 'name'");
  EXPECT_FALSE(
      Catalog::fromJson(R"({"spawn": {"functions": [{"name": "a::b", "lazy": 1}]}})", Error));
  EXPECT_EQ(Error, "catalog.spawn.functions[0].lazy: expected true or false");
  EXPECT_FALSE(Catalog::fromJson(R"({"spawn": {"waits": []}})", Error));
  EXPECT_EQ(Error, "catalog.spawn: unknown key 'waits'");
  EXPECT_FALSE(Catalog::fromJson(R"({"spawn": {"advice": {"std": 3}}})", Error));
  EXPECT_EQ(Error, "catalog.spawn.advice.std: expected a string");
}
