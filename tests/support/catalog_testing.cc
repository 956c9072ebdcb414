#include "tests/support/catalog_testing.h"

#include <gtest/gtest.h>

#include "harness/catalog/diff.h"
#include "harness/sql/splitter.h"

namespace crucible::testing {
namespace {

template <typename T>
const T* find_named(const std::vector<T>& items, const std::string& name, const char* kind) {
  for (const T& item : items)
    if (item.name == name) return &item;
  ADD_FAILURE() << "no " << kind << " named " << name;
  return nullptr;
}

}  // namespace

Script script_for(EngineKind kind, const std::string& sql, const std::string& file) {
  Script script;
  script.file = file;
  script.statements = sql::split_statements(sql, dialect_of(kind), file);
  return script;
}

void run_or_fail(Database& db, EngineKind kind, const std::string& sql) {
  ExecResult result = db.execute(script_for(kind, sql));
  if (!result.ok())
    ADD_FAILURE() << result.error->message << " at " << result.error->where.str()
                  << " in: " << result.error->statement;
}

catalog::Catalog snapshot_after(Engine& engine, const std::string& sql) {
  auto db = engine.create_scratch();
  run_or_fail(*db, engine.kind(), sql);
  return db->snapshot();
}

std::vector<std::string> changed_objects(const catalog::Catalog& a, const catalog::Catalog& b) {
  std::vector<std::string> objects;
  for (const catalog::Change& change : catalog::diff(a, b)) objects.push_back(change.object);
  return objects;
}

std::string describe_diff(const catalog::Catalog& a, const catalog::Catalog& b) {
  std::string text;
  for (const catalog::Change& change : catalog::diff(a, b))
    text += change.describe("in a", "in b") + "\n";
  return text;
}

const catalog::Table* table_named(const catalog::Catalog& c, const std::string& name) {
  return find_named(c.tables, name, "table");
}

const catalog::Column* column_named(const catalog::Catalog& c, const std::string& table,
                                    const std::string& column) {
  const catalog::Table* t = table_named(c, table);
  return t ? find_named(t->columns, column, "column") : nullptr;
}

const catalog::Index* index_named(const catalog::Catalog& c, const std::string& name) {
  return find_named(c.indexes, name, "index");
}

}  // namespace crucible::testing
