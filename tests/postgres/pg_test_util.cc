#include "tests/postgres/pg_test_util.h"

#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include <random>

#include <fmt/format.h>

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

std::vector<std::string> pg_admin_column(const std::string& sql) {
  pqxx::connection connection(admin_url());
  pqxx::nontransaction tx(connection);
  std::vector<std::string> out;
  for (const auto& row : tx.exec(sql)) out.push_back(row[0].is_null() ? "" : row[0].c_str());
  return out;
}

bool pg_role_exists(const std::string& name) {
  pqxx::connection connection(admin_url());
  pqxx::nontransaction tx(connection);
  return tx.exec("SELECT 1 FROM pg_roles WHERE rolname = " + tx.quote(name)).size() == 1;
}

std::string pg_unique_name(const std::string& prefix) {
  std::random_device device;
  return prefix + fmt::format("{:08x}", device());
}

int pg_sessions_on(const std::string& name) {
  pqxx::connection connection(admin_url());
  pqxx::nontransaction tx(connection);
  return tx.exec("SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' "
                 "AND datname = " + tx.quote(name))
      .at(0).at(0).as<int>();
}

}  // namespace crucible::testing
