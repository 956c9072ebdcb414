// The engine's admin session: the DSN's own login, used only to create and drop scratch
// databases and the per-run login, and to cancel statements.
//
// It survives a lost connection (KILL, wait_timeout, a server restart): before each use it proves
// the connection alive and reconnects with a bounded retry, so a run does not leak its scratch
// databases because its admin session died while a migration ran. It also holds the run's live
// marker, the server lock `crucible_<run>`, for its whole life: `crucible cleanup` leaves the
// databases and logins of a run whose marker is held alone.
#pragma once

#include <memory>
#include <string>

#include "harness/common/dsn.h"
#include "harness/engines/mysql/mysql_connection.h"

namespace crucible::mysql {

class AdminSession {
 public:
  // Connects (throws crucible::Error when the server cannot be reached) and takes the marker.
  explicit AdminSession(const Dsn& dsn);

  // The connection, reconnected first (the marker re-taken) when it was lost. Throws
  // crucible::Error when the server cannot be reached within the retry budget.
  Connection& get();
  const Dsn& dsn() const { return dsn_; }

 private:
  void connect();

  Dsn dsn_;
  std::unique_ptr<Connection> connection_;
};

// Connects, trying again for a few seconds when the server cannot be reached (it may be
// restarting). Throws crucible::Error with the last failure.
std::unique_ptr<Connection> open_with_retry(const Dsn& dsn, const std::string& schema = "");

// The server lock that marks run `run` as alive: "crucible_<run>".
std::string run_marker(const std::string& run);

}  // namespace crucible::mysql
