#include "tests/mysql/my_test_util.h"

#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <mysql_connection.h>
#include <mysql_driver.h>

#include <memory>

#include <gtest/gtest.h>

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

}  // namespace

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

}  // namespace crucible::testing
