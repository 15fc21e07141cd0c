// The catalog's "stale_read" section and the async locks it relies on
// ("async_locks"), read by async-stale-read-across-await.
#include "Catalog.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

using asynclint::catalog::AsyncLockType;
using asynclint::catalog::Catalog;
using asynclint::catalog::SpawnKnowledge;
using asynclint::catalog::StaleReadKnowledge;

namespace {

const AsyncLockType *findMutex(const Catalog &C, const std::string &Name) {
  auto It = std::find_if(C.AsyncLocks.begin(), C.AsyncLocks.end(),
                         [&](const AsyncLockType &M) { return M.Name == Name; });
  return It == C.AsyncLocks.end() ? nullptr : &*It;
}

bool contains(const std::vector<std::string> &List, const std::string &Name) {
  return std::find(List.begin(), List.end(), Name) != List.end();
}

} // namespace

TEST(StaleReadCatalogTest, BuiltinKnowsTheLibrariesAsyncMutexesAndStarts) {
  const Catalog &Builtin = Catalog::builtin();
  const StaleReadKnowledge &Stale = Builtin.StaleRead;
  for (const char *Name :
       {"cppcoro::async_mutex", "coro::mutex", "folly::coro::Mutex", "async_simple::coro::Mutex",
        "async_simple::coro::SharedMutex", "concurrencpp::async_lock", "minitask::async_mutex"})
    EXPECT_NE(findMutex(Builtin, Name), nullptr) << Name;
  const AsyncLockType *Channel = findMutex(Builtin, "asio::experimental::basic_channel");
  ASSERT_NE(Channel, nullptr);
  EXPECT_TRUE(Channel->takesWith("async_send"));
  EXPECT_TRUE(Channel->releasesWith("try_receive"));
  EXPECT_FALSE(Channel->takesWith("try_receive"));
  const AsyncLockType *Shared = findMutex(Builtin, "async_simple::coro::SharedMutex");
  EXPECT_TRUE(Shared->takesWith("coLockShared"));
  EXPECT_TRUE(Shared->releasesWith("unlockShared"));
  EXPECT_FALSE(Shared->takesWith("tryLock"));
  EXPECT_TRUE(contains(Stale.TaskStarts, "coro::task_group::start"));
  EXPECT_TRUE(contains(Stale.TaskStarts, "cppcoro::async_scope::spawn"));
  EXPECT_TRUE(contains(Stale.TaskStarts, "coro::thread_pool::spawn_detached"));
  EXPECT_TRUE(contains(Stale.BlockingStarts, "minitask::sync_wait"));
  EXPECT_TRUE(contains(Stale.ReadyAwaitables, "asio::this_coro"));
  EXPECT_TRUE(contains(Stale.LookupMembers, "contains"));
  EXPECT_TRUE(contains(Stale.MemberGroups.at("insert"), "push_back"));
  EXPECT_TRUE(contains(Stale.MemberGroups.at("remove"), "pop_front"));
  EXPECT_TRUE(contains(Stale.CheckedInserts, "std::map::try_emplace"));
  EXPECT_TRUE(contains(Stale.CheckedErases, "std::map::erase"));
  EXPECT_TRUE(contains(Stale.Assignments, "std::atomic::store"));
}

TEST(StaleReadCatalogTest, EveryMutexLibraryHasAdviceNamingItsOwnLock) {
  const Catalog &Builtin = Catalog::builtin();
  const std::string &Default =
      SpawnKnowledge::adviceFor(Builtin.StaleRead.Advice, "no-such-library");
  EXPECT_FALSE(Default.empty());
  for (const AsyncLockType &Lock : Builtin.AsyncLocks) {
    EXPECT_FALSE(Lock.Library.empty()) << Lock.Name;
    EXPECT_NE(Lock.advice(), Default) << Lock.Name;
  }
  EXPECT_EQ(findMutex(Builtin, "coro::mutex")->advice(),
            "hold a coro::mutex across the read, the co_await and the write "
            "(auto lock = co_await mutex.scoped_lock();)");
  EXPECT_EQ(findMutex(Builtin, "async_simple::coro::Mutex")->advice().substr(0, 33),
            "hold an async_simple::coro::Mutex");
  EXPECT_NE(findMutex(Builtin, "asio::experimental::basic_channel")->advice().find("strand"),
            std::string::npos);
  EXPECT_NE(findMutex(Builtin, "concurrencpp::async_lock")->advice().find("lock(executor)"),
            std::string::npos);
}

TEST(StaleReadCatalogTest, AnAsyncLockWithoutAScopedLockIsAdvisedWithItsLockAndUnlock) {
  std::string Error;
  std::optional<Catalog> More = Catalog::fromJson(
      R"({"async_locks": {"types": [{"name": "acme::gate", "library": "acme", "lock": ["enter"],
                                      "unlock": ["leave"]}]}})",
      Error);
  ASSERT_TRUE(More) << Error;
  EXPECT_EQ(More->AsyncLocks.at(0).advice(),
            "hold an acme::gate across the read, the co_await and the write "
            "(co_await mutex.enter(); ... mutex.leave();)");
}

TEST(StaleReadCatalogTest, AFileExtendsTheSection) {
  std::string Error;
  std::optional<Catalog> More = Catalog::fromJson(R"json({
    "stale_read": {
      "task_starts": ["::acme::launch"],
      "member_groups": {"insert": ["append"]},
      "advice": {"acme": "hold the acme::gate"}
    },
    "async_locks": {"types": [{"name": "acme::gate", "library": "acme", "lock": ["enter"],
                               "unlock": ["leave"]}]}
  })json",
                                                  Error);
  ASSERT_TRUE(More) << Error;
  Catalog Merged = Catalog::builtin();
  Merged.merge(*More);
  EXPECT_TRUE(contains(Merged.StaleRead.TaskStarts, "acme::launch"));
  EXPECT_TRUE(contains(Merged.StaleRead.TaskStarts, "cppcoro::async_scope::spawn"));
  const AsyncLockType *Gate = findMutex(Merged, "acme::gate");
  ASSERT_NE(Gate, nullptr);
  EXPECT_TRUE(Gate->releasesWith("leave"));
  EXPECT_TRUE(contains(Merged.StaleRead.MemberGroups.at("insert"), "append"));
  EXPECT_TRUE(contains(Merged.StaleRead.MemberGroups.at("insert"), "push_back"));
  EXPECT_EQ(SpawnKnowledge::adviceFor(Merged.StaleRead.Advice, "acme"), "hold the acme::gate");
}

TEST(StaleReadCatalogTest, MistakesAreReportedWithTheirPath) {
  std::string Error;
  // A catalog file written for the section's old shape says where it went.
  EXPECT_FALSE(Catalog::fromJson(R"({"stale_read": {"async_mutexes": [{"name": "m"}]}})", Error));
  EXPECT_EQ(Error.rfind("catalog.stale_read.async_mutexes: async mutexes are described in "
                        "async_locks.types now",
                        0),
            0u)
      << Error;
  EXPECT_FALSE(Catalog::fromJson(R"({"stale_read": {"task_start": []}})", Error));
  EXPECT_EQ(Error, "catalog.stale_read: unknown key 'task_start'");
  EXPECT_FALSE(Catalog::fromJson(R"({"stale_read": {"member_groups": ["insert"]}})", Error));
  EXPECT_EQ(Error, "catalog.stale_read.member_groups: expected an object of group: [member names]");
}
