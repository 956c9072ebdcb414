#include <gtest/gtest.h>

#include <sstream>

#include "harness/catalog/catalog_json.h"
#include "harness/catalog/catalog_json_text.h"
#include "harness/common/error.h"
#include "tests/catalog/catalog_fixture.h"

namespace crucible::catalog {
namespace {

TEST(CatalogJson, RoundTripsThroughText) {
  Catalog original = testing::shop_catalog();
  nlohmann::json json = to_json(original);
  Catalog back = catalog_from_json(nlohmann::json::parse(json.dump()));
  EXPECT_EQ(back, original);
  EXPECT_EQ(to_json(back), json);
}

TEST(CatalogJson, AbsentDefaultIsNullAndPresentDefaultIsText) {
  nlohmann::json json = to_json(testing::shop_catalog());
  const auto& users = json["tables"][1];
  ASSERT_EQ(users["name"], "users");
  EXPECT_TRUE(users["columns"][0]["default"].is_null());
  EXPECT_EQ(users["columns"][2]["default"], "'active'::text");
}

TEST(CatalogJson, RejectsWhatIsNotACatalog) {
  EXPECT_THROW(catalog_from_json(nlohmann::json::parse(R"({"results": []})")), Error);
  EXPECT_THROW(catalog_from_json(nlohmann::json::parse(R"({"tables": [{"columns": []}]})")), Error);
}

// `crucible snapshot` streams the text in chunks: the bytes must be the tree's, across chunk
// boundaries and for text that needs escaping (quotes, backslashes, control and UTF-8 bytes).
TEST(CatalogJson, StreamedTextIsTheTreesText) {
  Catalog catalog = testing::shop_catalog();
  for (int t = 0; t < 400; ++t) {  // ~ 300 kB: several chunks
    Table table;
    table.name = "t" + std::to_string(t);
    table.comment = "say \"hi\" \\ tab\there\nnew line \x01 caf\xc3\xa9";
    for (int c = 0; c < 5; ++c)
      table.columns.push_back(Column{"c" + std::to_string(c), "text", true, "'x'::text"});
    catalog.tables.push_back(std::move(table));
  }
  std::string tree = to_json(catalog).dump(2);
  std::ostringstream streamed;
  write_json_text(catalog, streamed);
  EXPECT_EQ(streamed.str(), tree);
  EXPECT_EQ(to_json_text(catalog), tree);
}

}  // namespace
}  // namespace crucible::catalog
