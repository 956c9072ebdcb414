#include "harness/engines/mysql/mysql_database.h"

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/mysql/mysql_execute.h"
#include "harness/engines/mysql/mysql_snapshot.h"
#include "harness/engines/scratch.h"

namespace crucible::mysql {
namespace {

// ER_NO_SUCH_THREAD: the connection to kill has already gone.
constexpr int kNoSuchThread = 1094;

std::string registry_key(const Dsn& dsn, const std::string& name) {
  return fmt::format("{}/{}", dsn.redacted(), name);
}

std::string drop_statement(const std::string& name) {
  return "DROP DATABASE IF EXISTS " + quote_identifier(name);
}

}  // namespace

void drop_scratch_database(const Dsn& dsn, const std::string& name, int64_t connection_id) {
  if (!is_scratch_name(name))
    throw Error(fmt::format("refusing to drop database {}: not a Crucible scratch database", name));
  std::unique_ptr<Connection> admin = Connection::open(dsn);
  if (connection_id > 0) {
    auto error = admin->try_run(fmt::format("KILL {}", connection_id));
    if (error && error->code != kNoSuchThread)
      throw Error(fmt::format("{}: cannot stop the connection using {}: {}", admin->label(), name,
                              error->message()));
  }
  admin->run(drop_statement(name), "dropping scratch database " + name);
}

MysqlDatabase::MysqlDatabase(const Dsn& dsn, std::string name, bool scratch)
    : dsn_(dsn), name_(std::move(name)), scratch_(scratch) {}

std::unique_ptr<MysqlDatabase> MysqlDatabase::create_scratch(const Dsn& dsn, Connection& admin,
                                                            const std::string& name) {
  admin.run(fmt::format("CREATE DATABASE {} CHARACTER SET utf8mb4", quote_identifier(name)),
            "creating scratch database " + name);
  const std::string key = registry_key(dsn, name);
  ScratchRegistry::instance().add(key, [dsn, name] { drop_scratch_database(dsn, name, 0); });
  std::unique_ptr<MysqlDatabase> database(new MysqlDatabase(dsn, name, true));
  try {
    database->connection_ = Connection::open(dsn, name);
  } catch (...) {
    database.reset();  // drops it
    throw;
  }
  // From now on a Ctrl-C must also stop whatever statement the connection is running.
  ScratchRegistry::instance().add(
      key, [dsn, name, id = database->connection_->connection_id()] {
        drop_scratch_database(dsn, name, id);
      });
  return database;
}

std::unique_ptr<MysqlDatabase> MysqlDatabase::open_existing(const Dsn& dsn, Connection& admin,
                                                           const std::string& name) {
  auto rows = admin.query(
      "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = " +
          quote_literal(name),
      "looking for database " + name);
  if (rows.empty())
    throw Error(fmt::format("{}: database {} does not exist", admin.label(), name));
  std::unique_ptr<MysqlDatabase> database(new MysqlDatabase(dsn, name, false));
  database->connection_ = Connection::open(dsn, name);
  return database;
}

MysqlDatabase::~MysqlDatabase() {
  if (scratch_ && !session_) drop();
}

void MysqlDatabase::drop() noexcept {
  const std::string key = registry_key(dsn_, name_);
  try {
    // The database's own connection is the cheapest way, and it holds no locks between calls.
    if (connection_ && !connection_->try_run(drop_statement(name_))) {
      ScratchRegistry::instance().remove(key);
      return;
    }
  } catch (...) {
    // The connection is gone: fall through to a fresh admin connection.
  }
  try {
    drop_scratch_database(dsn_, name_, connection_ ? connection_->connection_id() : 0);
  } catch (...) {
    // Never throw from a destructor; `crucible cleanup` lists what is left.
  }
  ScratchRegistry::instance().remove(key);
}

ExecResult MysqlDatabase::execute(const Script& script) {
  if (!scratch_)
    throw Error(fmt::format("{}: refusing to modify a database Crucible did not create: {} "
                            "(opened read-only, for snapshots)", connection_->label(), name_));
  ExecResult result = execute_script(*connection_, script);
  unqualify_error(result.error, name_);
  return result;
}

catalog::Catalog MysqlDatabase::snapshot() { return read_catalog(*connection_, name_); }

}  // namespace crucible::mysql
