#include "tests/postgres/pg_test_util.h"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include "harness/sql/splitter.h"

namespace crucible::testing {
namespace {

// The admin DSN as a libpq URL: the tests' own way in, independent of the engine's code.
std::string admin_url() {
  Dsn dsn = default_dsn(EngineKind::postgres);
  return "postgresql://" + dsn.user + ":" + dsn.password + "@" + dsn.host + ":" +
         std::to_string(dsn.port) + "/" + dsn.database;
}

template <typename T>
const T* find_named(const std::vector<T>& items, const std::string& name, const char* kind) {
  for (const T& item : items)
    if (item.name == name) return &item;
  ADD_FAILURE() << "no " << kind << " named " << name;
  return nullptr;
}

}  // namespace

Script pg_script(const std::string& sql, const std::string& file) {
  Script script;
  script.file = file;
  script.statements = sql::split_statements(sql, Dialect::postgres, file);
  return script;
}

void pg_run(Database& db, const std::string& sql) {
  ExecResult result = db.execute(pg_script(sql));
  if (!result.ok())
    ADD_FAILURE() << result.error->message << " at " << result.error->where.str()
                  << " in: " << result.error->statement;
}

catalog::Catalog pg_snapshot_after(Engine& engine, const std::string& sql) {
  auto db = engine.create_scratch();
  pg_run(*db, sql);
  return db->snapshot();
}

bool pg_database_exists(const std::string& name) {
  pqxx::connection connection(admin_url());
  pqxx::nontransaction tx(connection);
  return tx.exec("SELECT 1 FROM pg_database WHERE datname = " + tx.quote(name)).size() == 1;
}

void pg_admin_exec(const std::string& sql) {
  pqxx::connection connection(admin_url());
  pqxx::nontransaction tx(connection);
  tx.exec(sql);
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
