// Randomly generated schemas, created by DDL on a live engine, snapshot back to the model that
// generated them: tables, column order, types, NOT NULL, defaults, primary keys, UNIQUE
// constraints and indexes. Few cases per engine: each one creates a database on a live server.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <algorithm>
#include <sstream>

#include <fmt/format.h>

#include "harness/catalog/catalog.h"
#include "tests/properties/catalog_generators.h"
#include "tests/support/catalog_testing.h"
#include "tests/support/live_engine.h"

namespace crucible {
namespace {

using catalog::Catalog;
using testing::SchemaModel;

// Lower case, without spaces: "DECIMAL(10, 2)" and "decimal(10,2)" say the same.
std::string lower(const std::string& s) {
  std::string out;
  for (unsigned char c : s)
    if (c != ' ') out += static_cast<char>(std::tolower(c));
  return out;
}

// The engine's spelling of the type still says what the model asked for.
bool same_type(const std::string& model, const std::string& engine) {
  std::string e = lower(engine);
  if (model == "INT") return e.find("int") != std::string::npos;
  if (model.rfind("VARCHAR", 0) == 0)
    return (e.find("char") != std::string::npos) && e.find(model.substr(7)) != std::string::npos;
  return (e.find("numeric") != std::string::npos || e.find("decimal") != std::string::npos) &&
         e.find("10,2") != std::string::npos;
}

void check_table(const testing::TableModel& model, const catalog::Table& table,
                 const Catalog& catalog) {
  RC_ASSERT(table.columns.size() == model.columns.size());
  for (size_t c = 0; c < model.columns.size(); ++c) {
    const auto& want = model.columns[c];
    const auto& got = table.columns[c];
    RC_ASSERT(got.name == want.name);
    RC_ASSERT(same_type(want.type, got.type));
    RC_ASSERT(got.nullable == !(want.not_null || c == model.primary_key));
    RC_ASSERT(got.default_value.has_value() == want.default_value.has_value());
    if (want.default_value)
      RC_ASSERT(got.default_value->find(std::to_string(std::abs(*want.default_value))) !=
                std::string::npos);
  }
  RC_ASSERT(table.primary_key.has_value());
  RC_ASSERT(table.primary_key->columns == std::vector<std::string>{model.columns[model.primary_key].name});
  std::vector<std::string> want_uniques, got_uniques;
  for (size_t u : model.uniques) want_uniques.push_back(model.columns[u].name);
  for (const auto& key : table.uniques)
    got_uniques.push_back(key.columns.size() == 1 ? key.columns[0] : "?");
  std::sort(got_uniques.begin(), got_uniques.end());
  RC_ASSERT(got_uniques == want_uniques);
  for (size_t x : model.indexes) {
    std::string name = fmt::format("{}_{}_idx", table.name, model.columns[x].name);
    auto it = std::find_if(catalog.indexes.begin(), catalog.indexes.end(),
                           [&](const catalog::Index& i) { return i.name == name; });
    RC_ASSERT(it != catalog.indexes.end());
    RC_ASSERT(it->table == table.name);
    RC_ASSERT(it->keys == std::vector<std::string>{model.columns[x].name});
    RC_ASSERT(!it->unique);
  }
}

class SchemaSnapshot : public ::testing::TestWithParam<EngineKind> {};

TEST_P(SchemaSnapshot, GeneratedSchemasSnapshotBackToTheirModel) {
  CRUCIBLE_LIVE_ENGINE(engine, GetParam());
  rc::detail::TestParams params;
  params.seed = 20261122;
  params.maxSuccess = GetParam() == EngineKind::sqlite ? 40 : 12;
  params.maxSize = 20;
  auto result = rc::detail::checkTestable(
      [&] {
        SchemaModel schema = *testing::portable_schema();
        std::string ddl = testing::ddl_of(schema);
        RC_TAG(schema.size());
        RC_LOG() << testing::ddl_of(schema);
        auto db = engine->create_scratch();
        ExecResult run = db->execute(testing::script_for(GetParam(), ddl));
        if (!run.ok()) RC_FAIL(fmt::format("{}\n{}", run.error->message, ddl));
        Catalog catalog = db->snapshot();
        RC_ASSERT(catalog.tables.size() == schema.size());
        for (size_t i = 0; i < schema.size(); ++i) {
          const catalog::Table* table = catalog.find_table(fmt::format("t{}", i + 1));
          RC_ASSERT(table != nullptr);
          check_table(schema[i], *table, catalog);
        }
      },
      rc::detail::TestMetadata{}, params);
  std::ostringstream message;
  rc::detail::printResultMessage(result, message);
  EXPECT_TRUE(result.template is<rc::detail::SuccessResult>()) << message.str();
}

INSTANTIATE_TEST_SUITE_P(Engines, SchemaSnapshot,
                         ::testing::Values(EngineKind::sqlite, EngineKind::postgres,
                                           EngineKind::mariadb),
                         [](const auto& info) { return std::string(engine_name(info.param)); });

}  // namespace
}  // namespace crucible
