#include "tests/mysql/my_test_util.h"

#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <mysql_connection.h>
#include <mysql_driver.h>

#include <memory>

#include <gtest/gtest.h>

#include "harness/sql/splitter.h"

namespace crucible::testing {
namespace {

std::unique_ptr<::sql::Connection> admin_connection() {
  Dsn dsn = default_dsn(EngineKind::mariadb);
  ::sql::ConnectOptionsMap options;
  options["hostName"] = ::sql::SQLString("tcp://" + dsn.host + ":" + std::to_string(dsn.port));
  options["userName"] = ::sql::SQLString(dsn.user);
  options["password"] = ::sql::SQLString(dsn.password);
  options["OPT_CONNECT_TIMEOUT"] = 5;
  return std::unique_ptr<::sql::Connection>(
      ::sql::mysql::get_driver_instance()->connect(options));
}

template <typename T>
const T* find_named(const std::vector<T>& items, const std::string& name, const char* kind) {
  for (const T& item : items)
    if (item.name == name) return &item;
  ADD_FAILURE() << "no " << kind << " named " << name;
  return nullptr;
}

}  // namespace

Script my_script(const std::string& sql, const std::string& file) {
  Script script;
  script.file = file;
  script.statements = sql::split_statements(sql, Dialect::mysql, file);
  return script;
}

void my_run(Database& db, const std::string& sql) {
  ExecResult result = db.execute(my_script(sql));
  if (!result.ok())
    ADD_FAILURE() << result.error->message << " at " << result.error->where.str()
                  << " in: " << result.error->statement;
}

catalog::Catalog my_snapshot_after(Engine& engine, const std::string& sql) {
  auto db = engine.create_scratch();
  my_run(*db, sql);
  return db->snapshot();
}

std::vector<std::string> my_admin_query(const std::string& sql) {
  auto connection = admin_connection();
  std::unique_ptr<::sql::Statement> statement(connection->createStatement());
  std::unique_ptr<::sql::ResultSet> result(statement->executeQuery(sql));
  std::vector<std::string> values;
  while (result->next()) values.push_back(result->getString(1).asStdString());
  return values;
}

void my_admin_exec(const std::string& sql) {
  auto connection = admin_connection();
  std::unique_ptr<::sql::Statement> statement(connection->createStatement());
  statement->execute(sql);
}

bool my_database_exists(const std::string& name) {
  return !my_admin_query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA "
                         "WHERE SCHEMA_NAME = '" + name + "'").empty();
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
