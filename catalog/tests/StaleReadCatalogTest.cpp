// The catalog's "stale_read" section, read by async-stale-read-across-await.
#include "Catalog.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

using asynclint::catalog::AsyncMutexType;
using asynclint::catalog::Catalog;
using asynclint::catalog::SpawnKnowledge;
using asynclint::catalog::StaleReadKnowledge;

namespace {

const AsyncMutexType *findMutex(const StaleReadKnowledge &Stale, const std::string &Name) {
  auto It = std::find_if(Stale.AsyncMutexes.begin(), Stale.AsyncMutexes.end(),
                         [&](const AsyncMutexType &M) { return M.Name == Name; });
  return It == Stale.AsyncMutexes.end() ? nullptr : &*It;
}

bool contains(const std::vector<std::string> &List, const std::string &Name) {
  return std::find(List.begin(), List.end(), Name) != List.end();
}

} // namespace

TEST(StaleReadCatalogTest, BuiltinKnowsTheLibrariesAsyncMutexesAndStarts) {
  const StaleReadKnowledge &Stale = Catalog::builtin().StaleRead;
  for (const char *Name : {"cppcoro::async_mutex", "coro::mutex", "folly::coro::Mutex",
                           "async_simple::coro::Mutex", "minitask::async_mutex"})
    EXPECT_NE(findMutex(Stale, Name), nullptr) << Name;
  const AsyncMutexType *Channel = findMutex(Stale, "asio::experimental::basic_channel");
  ASSERT_NE(Channel, nullptr);
  EXPECT_TRUE(contains(Channel->LockMembers, "async_send"));
  EXPECT_TRUE(contains(Channel->UnlockMembers, "try_receive"));
  EXPECT_TRUE(findMutex(Stale, "coro::mutex")->UnlockMembers.empty());
  EXPECT_TRUE(contains(Stale.UnlockMembers, "unlock"));
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
  const StaleReadKnowledge &Stale = Catalog::builtin().StaleRead;
  const std::string &Default = SpawnKnowledge::adviceFor(Stale.Advice, "no-such-library");
  EXPECT_FALSE(Default.empty());
  for (const AsyncMutexType &Mutex : Stale.AsyncMutexes) {
    EXPECT_FALSE(Mutex.LockMembers.empty()) << Mutex.Name;
    const std::string &Advice = SpawnKnowledge::adviceFor(Stale.Advice, Mutex.Library);
    EXPECT_NE(Advice, Default) << Mutex.Name << ": no advice for library '" << Mutex.Library << "'";
  }
  EXPECT_NE(SpawnKnowledge::adviceFor(Stale.Advice, "asio").find("channel"), std::string::npos);
}

TEST(StaleReadCatalogTest, AFileExtendsTheSection) {
  std::string Error;
  std::optional<Catalog> More = Catalog::fromJson(R"json({
    "stale_read": {
      "task_starts": ["::acme::launch"],
      "async_mutexes": [{"name": "acme::gate", "library": "acme", "lock_members": ["enter"],
                         "unlock_members": ["leave"]}],
      "member_groups": {"insert": ["append"]},
      "advice": {"acme": "hold the acme::gate"}
    }
  })json",
                                                  Error);
  ASSERT_TRUE(More) << Error;
  Catalog Merged = Catalog::builtin();
  Merged.merge(*More);
  EXPECT_TRUE(contains(Merged.StaleRead.TaskStarts, "acme::launch"));
  EXPECT_TRUE(contains(Merged.StaleRead.TaskStarts, "cppcoro::async_scope::spawn"));
  const AsyncMutexType *Gate = findMutex(Merged.StaleRead, "acme::gate");
  ASSERT_NE(Gate, nullptr);
  EXPECT_TRUE(contains(Gate->UnlockMembers, "leave"));
  EXPECT_TRUE(contains(Merged.StaleRead.MemberGroups.at("insert"), "append"));
  EXPECT_TRUE(contains(Merged.StaleRead.MemberGroups.at("insert"), "push_back"));
  EXPECT_EQ(SpawnKnowledge::adviceFor(Merged.StaleRead.Advice, "acme"), "hold the acme::gate");
}

TEST(StaleReadCatalogTest, MistakesAreReportedWithTheirPath) {
  std::string Error;
  EXPECT_FALSE(Catalog::fromJson(R"({"stale_read": {"async_mutexes": [{"name": "m"}]}})", Error));
  EXPECT_EQ(Error,
            "catalog.stale_read.async_mutexes[0].lock_members: expected the members that lock");
  EXPECT_FALSE(Catalog::fromJson(R"({"stale_read": {"task_start": []}})", Error));
  EXPECT_EQ(Error, "catalog.stale_read: unknown key 'task_start'");
  EXPECT_FALSE(Catalog::fromJson(R"({"stale_read": {"member_groups": ["insert"]}})", Error));
  EXPECT_EQ(Error, "catalog.stale_read.member_groups: expected an object of group: [member names]");
}
