#include <gtest/gtest.h>

#include "harness/catalog/catalog_json.h"
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

}  // namespace
}  // namespace crucible::catalog
