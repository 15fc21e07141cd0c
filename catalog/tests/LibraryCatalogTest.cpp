// The coroutine libraries in the catalog: their namespaces, the executor and
// work positions of their spawns, and the async_locks section read by
// async-stale-read-across-await.
#include "Catalog.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

using asynclint::catalog::AsyncLockType;
using asynclint::catalog::Catalog;
using asynclint::catalog::ObjectArgument;

namespace {

const AsyncLockType *findLock(const Catalog &C, const std::string &Name) {
  auto It = std::find_if(C.AsyncLocks.begin(), C.AsyncLocks.end(),
                         [&](const AsyncLockType &L) { return L.Name == Name; });
  return It == C.AsyncLocks.end() ? nullptr : &*It;
}

std::optional<Catalog> parse(const std::string &Text, std::string &Error) {
  return Catalog::fromJson(Text, Error);
}

} // namespace

TEST(LibraryCatalogTest, EveryLibraryNamesItsNamespacesAndHasAdvice) {
  std::set<std::string> Libraries;
  for (const auto &Library : Catalog::builtin().CoroutineLibraries) {
    EXPECT_TRUE(Libraries.insert(Library.Library).second) << Library.Library;
    EXPECT_FALSE(Library.Namespaces.empty()) << Library.Library;
  }
  for (const char *Library : {"asio", "beast", "cppcoro", "libcoro", "concurrencpp", "async_simple",
                              "folly", "cobalt", "stdexec", "taskflow"})
    EXPECT_TRUE(Libraries.count(Library)) << Library;
  // Every spawn's library has advice of its own.
  const auto &Spawn = Catalog::builtin().Spawn;
  for (const auto &Function : Spawn.Functions)
    EXPECT_NE(Spawn.adviceFor(Spawn.Advice, Function.Library),
              Spawn.adviceFor(Spawn.Advice, "no-such-library"))
        << Function.Name;
}

TEST(LibraryCatalogTest, MemberSpawnCallsRunOnTheirObject) {
  const auto &Calls = Catalog::builtin().OffLoop.SpawnCalls;
  auto Submit = std::find_if(Calls.begin(), Calls.end(), [](const auto &C) {
    return C.Name == "concurrencpp::derivable_executor::submit";
  });
  ASSERT_NE(Submit, Calls.end());
  EXPECT_EQ(Submit->ExecutorArg, ObjectArgument);
  EXPECT_EQ(Submit->FunctionArg, 0);

  const auto &Functions = Catalog::builtin().Spawn.Functions;
  auto Via = std::find_if(Functions.begin(), Functions.end(),
                          [](const auto &F) { return F.Name == "async_simple::coro::Lazy::via"; });
  ASSERT_NE(Via, Functions.end());
  EXPECT_TRUE(Via->ObjectIsWork);
  EXPECT_TRUE(Via->Lazy);
  const auto &Tags = Catalog::builtin().OffLoop.ExecutorTagTypes;
  EXPECT_NE(std::find(Tags.begin(), Tags.end(), "concurrencpp::executor_tag"), Tags.end());
}

TEST(LibraryCatalogTest, ExecutorArgumentIsAnIndexOrObject) {
  std::string Error;
  auto Parsed = parse(R"({"off_loop": {"spawn_calls": [
      {"name": "a::run", "executor_arg": "object", "function_arg": 1}]}})",
                      Error);
  ASSERT_TRUE(Parsed) << Error;
  EXPECT_EQ(Parsed->OffLoop.SpawnCalls[0].ExecutorArg, ObjectArgument);
  EXPECT_EQ(Parsed->OffLoop.SpawnCalls[0].FunctionArg, 1);
  EXPECT_FALSE(parse(
      R"({"off_loop": {"spawn_calls": [{"name": "a::run", "executor_arg": "self"}]}})", Error));
  EXPECT_NE(Error.find("catalog.off_loop.spawn_calls[0].executor_arg"), std::string::npos) << Error;
  EXPECT_FALSE(parse(R"({"coroutine_libraries": [{"library": "x", "namespace": ["x"]}]})", Error));
  EXPECT_NE(Error.find("unknown key 'namespace'"), std::string::npos) << Error;
}

TEST(LibraryCatalogTest, AsyncLocksNameTheirMembers) {
  const Catalog &Builtin = Catalog::builtin();
  const AsyncLockType *Cppcoro = findLock(Builtin, "cppcoro::async_mutex");
  ASSERT_NE(Cppcoro, nullptr);
  EXPECT_EQ(Cppcoro->Library, "cppcoro");
  EXPECT_EQ(Cppcoro->ScopedLock, std::vector<std::string>{"scoped_lock_async"});
  EXPECT_EQ(Cppcoro->Lock, std::vector<std::string>{"lock_async"});
  EXPECT_EQ(Cppcoro->Unlock, std::vector<std::string>{"unlock"});
  for (const char *Name : {"coro::mutex", "folly::coro::Mutex", "async_simple::coro::Mutex",
                           "concurrencpp::async_lock", "folly::coro::SharedMutexFair"})
    EXPECT_NE(findLock(Builtin, Name), nullptr) << Name;
  EXPECT_EQ(findLock(Builtin, "folly::coro::SharedMutexFair")->ScopedLockShared,
            std::vector<std::string>{"co_scoped_lock_shared"});
  for (const AsyncLockType &Lock : Builtin.AsyncLocks) {
    EXPECT_FALSE(Lock.Library.empty()) << Lock.Name;
    EXPECT_FALSE(Lock.Lock.empty() && Lock.ScopedLock.empty()) << Lock.Name;
  }
}

TEST(LibraryCatalogTest, AsyncLocksMergeAndRejectMistakes) {
  std::string Error;
  auto Extra = parse(R"({"async_locks": {"types": [
      {"name": "acme::AsyncMutex", "library": "acme", "scoped_lock": ["co_lock"]}]}})",
                     Error);
  ASSERT_TRUE(Extra) << Error;
  Catalog Merged = Catalog::builtin();
  Merged.merge(*Extra);
  ASSERT_NE(findLock(Merged, "acme::AsyncMutex"), nullptr);
  EXPECT_NE(findLock(Merged, "cppcoro::async_mutex"), nullptr);

  EXPECT_FALSE(
      parse(R"({"async_locks": {"types": [{"name": "a::M", "unlock": ["unlock"]}]}})", Error));
  EXPECT_NE(Error.find("catalog.async_locks.types[0]: a lock type needs a 'lock' or 'scoped_lock'"),
            std::string::npos)
      << Error;
  EXPECT_FALSE(parse(R"({"async_locks": {"types": [{"name": "a::M", "lock": "lock"}]}})", Error));
  EXPECT_FALSE(parse(R"({"async_locks": {"kinds": []}})", Error));
  EXPECT_NE(Error.find("unknown key 'kinds'"), std::string::npos) << Error;
}

TEST(LibraryCatalogTest, ResultsCompletedByACombinatorDoNotBlock) {
  const Catalog &Builtin = Catalog::builtin();
  bool Found = false;
  for (const auto &Category : Builtin.Blocking)
    for (const auto &Function : Category.Functions)
      if (Function.Name == "concurrencpp::result::get") {
        Found = true;
        EXPECT_EQ(Function.NonblockingOnResultOf,
                  std::vector<std::string>{"concurrencpp::when_all"});
      }
  EXPECT_TRUE(Found);

  std::string Error;
  auto User = parse(R"({"blocking": [{"category": "db", "functions": [
      {"name": "::acme::Reply::get", "nonblocking_on_result_of": ["::acme::gather"]}]}]})",
                    Error);
  ASSERT_TRUE(User) << Error;
  EXPECT_EQ(User->Blocking.at(0).Functions.at(0).NonblockingOnResultOf,
            std::vector<std::string>{"acme::gather"});
  EXPECT_FALSE(parse(R"({"blocking": [{"category": "db", "functions": [
      {"name": "acme::Reply::get", "nonblocking_on_result_of": "acme::gather"}]}]})",
                     Error));
  EXPECT_NE(Error.find("catalog.blocking[0].functions[0].nonblocking_on_result_of"),
            std::string::npos)
      << Error;
}
