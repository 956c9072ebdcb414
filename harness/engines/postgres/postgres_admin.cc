#include "harness/engines/postgres/postgres_admin.h"

#include <chrono>
#include <thread>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/postgres/postgres_connection.h"

namespace crucible::postgres {
namespace {

// A restart or a failover takes seconds: five tries over about ten seconds.
constexpr int kConnectTries = 5;
constexpr std::chrono::milliseconds kFirstPause{500};

}  // namespace

bool session_lost(pqxx::connection& connection, const std::exception& e) {
  if (dynamic_cast<const pqxx::broken_connection*>(&e)) return true;
  return !connection.is_open();
}

AdminSession::AdminSession(Dsn dsn) : dsn_(std::move(dsn)) {}

void AdminSession::reopen() {
  connection_.reset();
  std::chrono::milliseconds pause = kFirstPause;
  for (int attempt = 1;; ++attempt) {
    try {
      auto connection = open_connection(dsn_, admin_database(dsn_));
      if (!on_connect_.empty()) pqxx::nontransaction(*connection).exec(on_connect_);
      connection_ = std::move(connection);
      return;
    } catch (const std::exception& e) {
      if (attempt == kConnectTries) {
        if (dynamic_cast<const Error*>(&e)) throw;
        throw Error(fmt::format("{}: cannot reopen the admin session: {}", describe_server(dsn_),
                                message_of(e)));
      }
    }
    std::this_thread::sleep_for(pause);
    pause *= 2;
    if (pause > std::chrono::seconds(4)) pause = std::chrono::seconds(4);
  }
}

void AdminSession::with_session(const std::function<void(pqxx::connection&)>& work) {
  std::lock_guard lock(mutex_);
  if (!connection_ || !connection_->is_open()) reopen();
  try {
    work(*connection_);
  } catch (const std::exception& e) {
    if (!session_lost(*connection_, e)) throw;
    reopen();  // lost between two calls (terminated, timed out, restarted): once more
    work(*connection_);
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
