#include "harness/engines/postgres/postgres_admin.h"

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/postgres/postgres_connection.h"

namespace crucible::postgres {

AdminSession::AdminSession(Dsn dsn) : dsn_(std::move(dsn)) {}

void AdminSession::with_session(const std::function<void(pqxx::connection&)>& work) {
  std::lock_guard lock(mutex_);
  if (!connection_ || !connection_->is_open())
    connection_ = open_connection(dsn_, admin_database(dsn_));
  try {
    work(*connection_);
  } catch (...) {
    if (!connection_->is_open()) connection_.reset();  // the next call opens a new one
    throw;
  }
}

pqxx::result AdminSession::exec(const std::function<std::string(pqxx::connection&)>& make_sql) {
  pqxx::result result;
  std::string sql;
  try {
    with_session([&](pqxx::connection& admin) {
      sql = make_sql(admin);
      pqxx::nontransaction tx(admin);
      result = tx.exec(sql);
    });
  } catch (const Error&) {
    throw;
  } catch (const std::exception& e) {
    throw Error(fmt::format("{}: {}: {}", describe_server(dsn_), sql, message_of(e)));
  }
  return result;
}

pqxx::result AdminSession::exec(const std::string& sql) {
  return exec([&](pqxx::connection&) { return sql; });
}

void AdminSession::drop_database(const std::string& name) {
  try {
    with_session([&](pqxx::connection& admin) {
      pqxx::nontransaction tx(admin);
      std::string quoted = tx.quote_name(name);
      if (admin.server_version() >= 130000) {
        tx.exec(fmt::format("DROP DATABASE IF EXISTS {} WITH (FORCE)", quoted));
        return;
      }
      // Before PostgreSQL 13 there is no FORCE: end the sessions still attached first.
      tx.exec(fmt::format("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE datname = {} AND pid <> pg_backend_pid()",
                          tx.quote(name)));
      tx.exec(fmt::format("DROP DATABASE IF EXISTS {}", quoted));
    });
  } catch (const Error&) {
    throw;  // could not connect: open_connection's message names the server
  } catch (const std::exception& e) {
    throw Error(fmt::format("{}: cannot drop database \"{}\": {}", describe_server(dsn_), name,
                            message_of(e)));
  }
}

}  // namespace crucible::postgres
