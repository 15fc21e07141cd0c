#include "Catalog.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

using asynclint::catalog::Catalog;

TEST(CatalogTest, BuiltinCatalogParses) {
  std::string Error;
  std::optional<Catalog> Parsed = Catalog::fromJson(Catalog::builtinText(), Error);
  ASSERT_TRUE(Parsed) << Error;
  EXPECT_NE(Parsed->findBlockingCategory("sleep"), nullptr);
  EXPECT_NE(Parsed->findBlockingCategory("asio-sync"), nullptr);
}

TEST(CatalogTest, CategoryIdsAreUniqueAndMutexIsOffByDefault) {
  std::set<std::string> Ids;
  for (const auto &Category : Catalog::builtin().Blocking) {
    EXPECT_TRUE(Ids.insert(Category.Id).second) << Category.Id;
    EXPECT_FALSE(Category.What.empty()) << Category.Id;
    EXPECT_FALSE(Category.adviceFor("").empty()) << Category.Id;
  }
  EXPECT_FALSE(Catalog::builtin().findBlockingCategory("mutex")->EnabledByDefault);
  EXPECT_TRUE(Catalog::builtin().findBlockingCategory("sleep")->EnabledByDefault);
}

TEST(CatalogTest, NamesAreNormalised) {
  for (const auto &Category : Catalog::builtin().Blocking)
    for (const auto &Function : Category.Functions)
      EXPECT_NE(Function.Name.substr(0, 2), "::") << Function.Name;
  EXPECT_EQ(asynclint::catalog::normalizeName("  ::std::system "), "std::system");
}

TEST(CatalogTest, EquivalentNamespacesSpellBothAsios) {
  auto Spellings = Catalog::builtin().spellingsOf("::asio::read");
  EXPECT_NE(std::find(Spellings.begin(), Spellings.end(), "asio::read"), Spellings.end());
  EXPECT_NE(std::find(Spellings.begin(), Spellings.end(), "boost::asio::read"), Spellings.end());
  EXPECT_EQ(Catalog::builtin().spellingsOf("std::system").size(), 1u);
}

TEST(CatalogTest, RejectsMalformedCatalogsWithAPath) {
  std::string Error;
  EXPECT_FALSE(Catalog::fromJson("{", Error));
  EXPECT_EQ(Error, "not valid JSON");
  EXPECT_FALSE(Catalog::fromJson(R"({"blocking": [{"functions": ["f"]}]})", Error));
  EXPECT_EQ(Error, "catalog.blocking[0]: missing 'category'");
  EXPECT_FALSE(Catalog::fromJson(R"({"blocking": [{"category": "x", "functions": [1]}]})", Error));
  EXPECT_EQ(Error, "catalog.blocking[0].functions[0]: expected a name or an object with a 'name'");
  EXPECT_FALSE(Catalog::fromJson(R"({"blocking": [{"category": "x", "fuctions": []}]})", Error));
  EXPECT_EQ(Error, "catalog.blocking[0]: unknown key 'fuctions'");
  EXPECT_FALSE(Catalog::fromJson(R"({"format": 2})", Error));
  // A misspelled section would silently drop everything in it.
  EXPECT_FALSE(Catalog::fromJson(R"({"blockng": [{"category": "x", "functions": ["f"]}]})", Error));
  EXPECT_EQ(Error, "catalog: unknown key 'blockng'");
  EXPECT_TRUE(Catalog::fromJson(R"({"about": "mine", "$schema": "x", "spawn": {}})", Error))
      << Error;
  EXPECT_FALSE(Catalog::fromFile("/nonexistent/catalog.json", Error));
  EXPECT_EQ(Error, "cannot read catalog file '/nonexistent/catalog.json'");
}

TEST(CatalogTest, MergeExtendsKnownCategoriesAndAddsNewOnes) {
  std::string Error;
  auto Extra = Catalog::fromJson(R"({
    "blocking": [
      {"category": "sleep", "functions": ["mylib::nap"]},
      {"category": "db", "what": "queries the database synchronously", "functions": ["db::query"]}
    ]})",
                                 Error);
  ASSERT_TRUE(Extra) << Error;
  Catalog Merged = Catalog::builtin();
  size_t Before = Merged.Blocking.size();
  Merged.merge(*Extra);
  EXPECT_EQ(Merged.Blocking.size(), Before + 1);
  const auto &Sleep = Merged.findBlockingCategory("sleep")->Functions;
  EXPECT_EQ(Sleep.back().Name, "mylib::nap");
  EXPECT_TRUE(Merged.findBlockingCategory("db")->EnabledByDefault);
}

TEST(CatalogTest, SplitListAcceptsSemicolonsAndCommas) {
  auto Items = asynclint::catalog::splitList(" a ; ::b,c;; ");
  ASSERT_EQ(Items.size(), 3u);
  EXPECT_EQ(Items[0], "a");
  EXPECT_EQ(Items[1], "b");
  EXPECT_EQ(Items[2], "c");
}
