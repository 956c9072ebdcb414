// Canonical JSON is lossless: any catalog reads back equal from its JSON, and writing is stable.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "harness/catalog/catalog_json.h"
#include "harness/catalog/catalog_json_text.h"
#include "harness/catalog/diff.h"
#include "tests/properties/catalog_generators.h"

namespace crucible::catalog {
namespace {

RC_GTEST_PROP(CatalogJsonProperties, RoundTripsAnyCatalog, ()) {
  Catalog catalog = *testing::arbitrary_catalog();
  nlohmann::json json = to_json(catalog);
  Catalog back = catalog_from_json(json);
  RC_LOG() << json.dump() << "\nread back as\n" << to_json(back).dump() << "\n";
  RC_ASSERT(back == catalog);
  RC_ASSERT(to_json(back).dump() == json.dump());
  RC_ASSERT(diff(catalog, back).empty());
}

RC_GTEST_PROP(CatalogJsonProperties, SurvivesTextSerialisation, ()) {
  Catalog catalog = *testing::arbitrary_catalog();
  std::string text = to_json(catalog).dump(2);
  RC_ASSERT(catalog_from_json(nlohmann::json::parse(text)) == catalog);
}

// `crucible snapshot` writes with to_json_text, everything else with the tree: same bytes.
RC_GTEST_PROP(CatalogJsonProperties, TextWriterWritesTheTreesBytes, ()) {
  Catalog catalog = *testing::arbitrary_catalog();
  RC_ASSERT(to_json_text(catalog) == to_json(catalog).dump(2));
}

}  // namespace
}  // namespace crucible::catalog
