// The server-level session that CREATE DATABASE and DROP DATABASE run on.
//
// An engine and every scratch database it creates (and their clones) share one. Opening a session
// costs a backend start and a SCRAM exchange (≈ 15 ms on the test machine), and restoring a
// version by cloning used to open three of them for the copy and its drop, which made a clone
// slower than replaying ten migrations.
//
// A session can be lost under a run (pg_terminate_backend, idle_session_timeout, a restart): each
// call reopens it with a bounded retry and runs `on_connect` again (the live-run advisory lock)
// before its statement, so that the run can still drop what it created.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include <pqxx/pqxx>

#include "harness/common/dsn.h"

namespace crucible::postgres {

class AdminSession {
 public:
  // Connects to the admin database (admin_database(dsn)) on first use.
  explicit AdminSession(Dsn dsn);

  const Dsn& dsn() const { return dsn_; }

  // A statement run on every new session before anything else (set before first use).
  void set_on_connect(std::string sql) { on_connect_ = std::move(sql); }

  // Runs one statement; `sql` is built by `make_sql` from the connection (for quoting). Throws
  // crucible::Error naming the server. A session found lost is reopened and the statement run
  // once more.
  pqxx::result exec(const std::function<std::string(pqxx::connection&)>& make_sql);
  pqxx::result exec(const std::string& sql);

  // Drops `name` if it exists, disconnecting any session still attached; throws crucible::Error.
  // Waits for a statement in flight on this session (a CREATE DATABASE of the same name).
  void drop_database(const std::string& name);

 private:
  // Runs `work` on the session, opened if need be, with the mutex held. Rethrows what `work`
  // throws; when the session turns out lost, reopens it and runs `work` once more.
  void with_session(const std::function<void(pqxx::connection&)>& work);
  void reopen();  // with the mutex held; bounded retry, throws crucible::Error

  Dsn dsn_;
  std::string on_connect_;
  std::mutex mutex_;  // one statement at a time: the engines' threads share the session
  std::unique_ptr<pqxx::connection> connection_;
};

// True when `e` says the session itself is gone rather than the statement failed.
bool session_lost(pqxx::connection& connection, const std::exception& e);

}  // namespace crucible::postgres
