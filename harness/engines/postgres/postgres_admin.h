// The server-level session that CREATE DATABASE and DROP DATABASE run on.
//
// An engine and every scratch database it creates (and their clones) share one. Opening a session
// costs a backend start and a SCRAM exchange (≈ 15 ms on the test machine), and restoring a
// version by cloning used to open three of them for the copy and its drop, which made a clone
// slower than replaying ten migrations.
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

  // Runs one statement; `sql` is built by `make_sql` from the connection (for quoting). Throws
  // crucible::Error naming the server. A lost session is reopened by the next call.
  pqxx::result exec(const std::function<std::string(pqxx::connection&)>& make_sql);
  pqxx::result exec(const std::string& sql);

  // Drops `name` if it exists, disconnecting any session still attached; throws crucible::Error.
  void drop_database(const std::string& name);

 private:
  // Runs `work` on the session, opened if need be, with the mutex held. Rethrows what `work`
  // throws; a session lost on the way is forgotten so that the next call opens another.
  void with_session(const std::function<void(pqxx::connection&)>& work);

  Dsn dsn_;
  std::mutex mutex_;  // one statement at a time: the engines' threads share the session
  std::unique_ptr<pqxx::connection> connection_;
};

}  // namespace crucible::postgres
