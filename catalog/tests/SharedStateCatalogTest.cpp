#include "Catalog.h"

#include <gtest/gtest.h>

#include <algorithm>

using asynclint::catalog::Catalog;
using asynclint::catalog::SharedStateKnowledge;

namespace {

bool contains(const std::vector<std::string> &List, const std::string &Name) {
  return std::find(List.begin(), List.end(), Name) != List.end();
}

TEST(SharedStateCatalogTest, BuiltinKnowsThreadStartsLocksAndAtomics) {
  const SharedStateKnowledge &Shared = Catalog::builtin().SharedState;
  auto Start = [&](const std::string &Name) {
    return std::find_if(Shared.ThreadStarts.begin(), Shared.ThreadStarts.end(),
                        [&](const auto &S) { return S.Name == Name; });
  };
  ASSERT_NE(Start("std::thread"), Shared.ThreadStarts.end());
  EXPECT_TRUE(Start("std::thread")->Constructor);
  ASSERT_NE(Start("pthread_create"), Shared.ThreadStarts.end());
  EXPECT_EQ(Start("pthread_create")->EntryArg, 2u);
  ASSERT_NE(Start("std::async"), Shared.ThreadStarts.end());
  EXPECT_TRUE(contains(Start("std::async")->SkipArgTypes, "std::launch"));
  EXPECT_TRUE(contains(Start("std::async")->UnlessArgValues, "std::launch::deferred"));
  ASSERT_NE(Start("asio::co_spawn"), Shared.ThreadStarts.end());
  EXPECT_EQ(Start("asio::co_spawn")->ExecutorArg, 0);
  EXPECT_EQ(Start("std::thread")->ExecutorArg, -1);

  EXPECT_TRUE(contains(Shared.ThreadJoins, "std::thread::join"));
  EXPECT_TRUE(contains(Shared.AtomicTypes, "std::atomic"));
  EXPECT_TRUE(contains(Shared.SynchronizedTypes, "std::future"));
  EXPECT_TRUE(contains(Shared.SynchronizedTypes, "pthread_mutex_t"));
  EXPECT_TRUE(contains(Shared.IndexedContainers, "std::vector"));
  EXPECT_TRUE(contains(Shared.DeferLockTypes, "std::defer_lock_t"));
  EXPECT_TRUE(contains(Shared.AdoptLockTypes, "std::adopt_lock_t"));
  EXPECT_TRUE(contains(Shared.AdoptLockTypes, "asio::detail::scoped_lock::adopt_lock_t"));
  EXPECT_TRUE(contains(Shared.TryToLockTypes, "std::try_to_lock_t"));
  auto Lock = std::find_if(Shared.LockFunctions.begin(), Shared.LockFunctions.end(),
                           [](const auto &F) { return F.Name == "pthread_mutex_lock"; });
  ASSERT_NE(Lock, Shared.LockFunctions.end());
  EXPECT_EQ(Lock->MutexArg, 0);
  EXPECT_FALSE(Lock->Shared);
  auto LockAll = std::find_if(Shared.LockFunctions.begin(), Shared.LockFunctions.end(),
                              [](const auto &F) { return F.Name == "std::lock"; });
  ASSERT_NE(LockAll, Shared.LockFunctions.end());
  EXPECT_TRUE(LockAll->AllArgs);
}

TEST(SharedStateCatalogTest, TryLockFunctionsSayWhatSuccessReturns) {
  const auto &Tries = Catalog::builtin().SharedState.TryLockFunctions;
  auto Reader = std::find_if(Tries.begin(), Tries.end(),
                             [](const auto &F) { return F.Name == "pthread_rwlock_tryrdlock"; });
  ASSERT_NE(Reader, Tries.end());
  EXPECT_EQ(Reader->MutexArg, 0);
  EXPECT_EQ(Reader->SuccessValue, 0);
  EXPECT_TRUE(Reader->Shared);

  std::string Error;
  auto Extra = Catalog::fromJson(R"({"shared_state": {"try_lock_functions": [
      {"name": "mylib_try", "mutex_arg": 1, "success_value": 1}]}})",
                                 Error);
  ASSERT_TRUE(Extra) << Error;
  ASSERT_EQ(Extra->SharedState.TryLockFunctions.size(), 1u);
  EXPECT_EQ(Extra->SharedState.TryLockFunctions[0].MutexArg, 1);
  EXPECT_EQ(Extra->SharedState.TryLockFunctions[0].SuccessValue, 1);
  Catalog Merged = Catalog::builtin();
  Merged.merge(*Extra);
  EXPECT_EQ(Merged.SharedState.TryLockFunctions.back().Name, "mylib_try");

  EXPECT_FALSE(Catalog::fromJson(
      R"({"shared_state": {"try_lock_functions": [{"name": "t", "success_value": "0"}]}})", Error));
  EXPECT_EQ(Error, "catalog.shared_state.try_lock_functions[0].success_value: expected an integer");
  EXPECT_FALSE(Catalog::fromJson(
      R"({"shared_state": {"try_lock_functions": [{"name": "t", "all_args": true}]}})", Error));
  EXPECT_EQ(Error, "catalog.shared_state.try_lock_functions[0]: unknown key 'all_args'");
}

TEST(SharedStateCatalogTest, ThreadStartExecutorsArePoolTypes) {
  // The executor test of a thread start reads off_loop.pool_executor_types:
  // a pool must be listed there, or posting to it would start nothing.
  EXPECT_TRUE(contains(Catalog::builtin().OffLoop.PoolExecutorTypes, "asio::thread_pool"));
}

TEST(SharedStateCatalogTest, ParsesAndMergesAUserSection) {
  std::string Error;
  auto Extra = Catalog::fromJson(R"({"shared_state": {
      "thread_starts": [{"name": "::mylib::spawn", "entry_arg": 1}],
      "lock_guards": ["mylib::Guard", {"name": "mylib::ReadGuard", "shared": true}],
      "lock_functions": [{"name": "mylib_lock", "mutex_arg": 0}],
      "atomic_types": ["mylib::Atomic"]}})",
                                 Error);
  ASSERT_TRUE(Extra) << Error;
  ASSERT_EQ(Extra->SharedState.ThreadStarts.size(), 1u);
  EXPECT_EQ(Extra->SharedState.ThreadStarts[0].Name, "mylib::spawn");
  EXPECT_EQ(Extra->SharedState.ThreadStarts[0].EntryArg, 1u);
  EXPECT_FALSE(Extra->SharedState.ThreadStarts[0].Constructor);

  Catalog Merged = Catalog::builtin();
  size_t Guards = Merged.SharedState.LockGuards.size();
  Merged.merge(*Extra);
  EXPECT_EQ(Merged.SharedState.LockGuards.size(), Guards + 2);
  EXPECT_TRUE(Merged.SharedState.LockGuards.back().Shared);
  EXPECT_EQ(Merged.SharedState.LockFunctions.back().Name, "mylib_lock");
  EXPECT_TRUE(contains(Merged.SharedState.AtomicTypes, "mylib::Atomic"));
}

TEST(SharedStateCatalogTest, RejectsMalformedSectionsWithAPath) {
  std::string Error;
  EXPECT_FALSE(Catalog::fromJson(R"({"shared_state": []})", Error));
  EXPECT_EQ(Error, "catalog.shared_state: expected an object");
  EXPECT_FALSE(Catalog::fromJson(R"({"shared_state": {"lock_gards": []}})", Error));
  EXPECT_EQ(Error, "catalog.shared_state: unknown key 'lock_gards'");
  EXPECT_FALSE(
      Catalog::fromJson(R"({"shared_state": {"thread_starts": [{"entry_arg": 0}]}})", Error));
  EXPECT_EQ(Error, "catalog.shared_state.thread_starts[0]: expected a name or an object with a "
                   "'name'");
  EXPECT_FALSE(Catalog::fromJson(
      R"({"shared_state": {"thread_starts": [{"name": "f", "entry_arg": -1}]}})", Error));
  EXPECT_EQ(Error, "catalog.shared_state.thread_starts[0].entry_arg: expected an argument index");
  EXPECT_FALSE(Catalog::fromJson(
      R"({"shared_state": {"lock_guards": [{"name": "g", "shared": "yes"}]}})", Error));
  EXPECT_EQ(Error, "catalog.shared_state.lock_guards[0].shared: expected true or false");
}

// Mutexes, guards and their member functions are recognised by shape: the
// catalog keeps only what shape cannot say, so a library's own mutex needs
// no entry and a stale name cannot make a guard of something else.
TEST(SharedStateCatalogTest, BuiltinLeavesLockShapesToTheChecks) {
  const SharedStateKnowledge &Shared = Catalog::builtin().SharedState;
  // Guards are found by shape; std::shared_lock is listed because an
  // editor's parse may not see its constructor lock_shared() the mutex.
  ASSERT_EQ(Shared.LockGuards.size(), 1u);
  EXPECT_EQ(Shared.LockGuards[0].Name, "std::shared_lock");
  EXPECT_TRUE(Shared.LockGuards[0].Shared);
  // C-style functions given the mutex (or every argument), no member functions.
  for (const auto &Lock : Shared.LockFunctions)
    EXPECT_TRUE(Lock.MutexArg >= 0 || Lock.AllArgs) << Lock.Name;
  for (const auto &Unlock : Shared.UnlockFunctions)
    EXPECT_TRUE(Unlock.MutexArg >= 0 || Unlock.AllArgs) << Unlock.Name;
  EXPECT_FALSE(contains(Shared.SynchronizedTypes, "std::mutex"));
}

TEST(SharedStateCatalogTest, ParsesTagTypesAndRejectsUnknownKeys) {
  std::string Error;
  auto Tags = Catalog::fromJson(R"({"shared_state": {
      "adopt_lock_types": ["mylib::adopt_t"], "try_to_lock_types": ["mylib::try_t"]}})",
                                Error);
  ASSERT_TRUE(Tags) << Error;
  EXPECT_TRUE(contains(Tags->SharedState.AdoptLockTypes, "mylib::adopt_t"));
  EXPECT_TRUE(contains(Tags->SharedState.TryToLockTypes, "mylib::try_t"));
  Catalog Merged = Catalog::builtin();
  Merged.merge(*Tags);
  EXPECT_TRUE(contains(Merged.SharedState.AdoptLockTypes, "mylib::adopt_t"));
  EXPECT_TRUE(contains(Merged.SharedState.AdoptLockTypes, "std::adopt_lock_t"));

  EXPECT_FALSE(Catalog::fromJson(R"({"shared_state": {"adopt_lock_type": []}})", Error));
  EXPECT_NE(Error.find("adopt_lock_type"), std::string::npos) << Error;
}

} // namespace
