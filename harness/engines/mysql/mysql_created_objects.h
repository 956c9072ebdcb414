// Databases and users that migrations create themselves under --privileged (CREATE DATABASE,
// CREATE USER): Crucible drops them with the scratch database, so a privileged run leaves the
// server as it found it.
//
// Other clients create objects on the same server at the same time, and nothing that existed
// before the run may be touched. So an object counts as a migration's only when it did not exist
// when the engine started, appeared while one of the migration's scripts ran, and that script
// names it.
#pragma once

#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "harness/common/dsn.h"
#include "harness/engines/mysql/mysql_connection.h"

namespace crucible::mysql {

// The server's databases and accounts ('user'@'host', quoted), as the admin sees them.
struct ServerObjects {
  std::set<std::string> databases;
  std::set<std::pair<std::string, std::string>> accounts;  // (user, host)

  static ServerObjects list(Connection& connection);
};

class CreatedObjects {
 public:
  explicit CreatedObjects(std::shared_ptr<const ServerObjects> at_start)
      : at_start_(std::move(at_start)) {}

  // True when `text` might create a database or user (so listing before and after is worth it).
  static bool may_create(const std::string& text);
  // Notes what appeared between `before` and `after` and is named in `text`.
  void note(const ServerObjects& before, const ServerObjects& after, const std::string& text);
  // Drops what was noted through a fresh admin connection. Throws crucible::Error.
  void drop(const Dsn& admin);
  bool empty() const;

 private:
  std::shared_ptr<const ServerObjects> at_start_;
  mutable std::mutex mutex_;
  ServerObjects noted_;
};

}  // namespace crucible::mysql
