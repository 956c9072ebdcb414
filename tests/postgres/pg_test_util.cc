#include "tests/postgres/pg_test_util.h"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

namespace crucible::testing {
namespace {

// The admin DSN as a libpq URL: the tests' own way in, independent of the engine's code.
std::string admin_url() {
  Dsn dsn = default_dsn(EngineKind::postgres);
  return "postgresql://" + dsn.user + ":" + dsn.password + "@" + dsn.host + ":" +
         std::to_string(dsn.port) + "/" + dsn.database;
}

}  // namespace

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

int pg_sessions_on(const std::string& name) {
  pqxx::connection connection(admin_url());
  pqxx::nontransaction tx(connection);
  return tx.exec("SELECT count(*) FROM pg_stat_activity WHERE datname = " + tx.quote(name))
      .at(0).at(0).as<int>();
}

}  // namespace crucible::testing
