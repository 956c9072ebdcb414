// MysqlDatabase::open_session(): a second connection to the same scratch database, for the
// traffic and the lock watcher of `crucible bench --load`. It may write (the database is still
// Crucible's scratch database) but its destructor only closes the connection: the owner drops
// the database. Autocommit sessions hold no metadata locks between statements, so the owner's
// DROP DATABASE never waits on an idle session.
#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/mysql/mysql_database.h"

namespace crucible::mysql {

std::unique_ptr<Database> MysqlDatabase::open_session() {
  if (!scratch_)
    throw Error(fmt::format("{}: refusing to open a writable session on a database Crucible did "
                            "not create: {}", connection_->label(), name_));
  std::unique_ptr<MysqlDatabase> session(new MysqlDatabase(access_, name_, /*scratch=*/true));
  session->session_ = true;
  session->connection_ = Connection::open(access_.login, name_);
  apply_session(*session->connection_, access_.login);
  return session;
}

std::unique_ptr<Database> MysqlDatabase::open_observer() const {
  if (!scratch_)
    throw Error(fmt::format("{}: no observer on a database Crucible did not create: {}",
                            connection_->label(), name_));
  std::unique_ptr<MysqlDatabase> observer(new MysqlDatabase(access_, name_, /*scratch=*/false));
  observer->connection_ = Connection::open(access_.admin, name_);
  return observer;
}

std::unique_ptr<Database> open_observer_session(Database& db) {
  auto* database = dynamic_cast<MysqlDatabase*>(&db);
  if (!database) throw Error(fmt::format("{}: not a MySQL or MariaDB database", db.name()));
  return database->open_observer();
}

}  // namespace crucible::mysql
