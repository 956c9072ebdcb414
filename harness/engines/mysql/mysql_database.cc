#include "harness/engines/mysql/mysql_database.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <optional>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/common/secrets.h"
#include "harness/engines/cleanup_failures.h"
#include "harness/engines/mysql/mysql_admin.h"
#include "harness/engines/mysql/mysql_created_objects.h"
#include "harness/engines/mysql/mysql_execute.h"
#include "harness/engines/mysql/mysql_login.h"
#include "harness/engines/mysql/mysql_snapshot.h"
#include "harness/engines/mysql/mysql_snapshot_connections.h"
#include "harness/engines/mysql/mysql_snapshot_digest.h"
#include "harness/engines/scratch.h"

namespace crucible::mysql {
namespace {

// ER_NO_SUCH_THREAD: the connection to kill has already gone.
constexpr int kNoSuchThread = 1094;
// How long an interrupt waits for a CREATE DATABASE in flight before dropping anyway.
constexpr auto kWaitForCreate = std::chrono::seconds(30);

std::string registry_key(const Dsn& dsn, const std::string& name) {
  return fmt::format("{}/{}", dsn.redacted(), name);
}

std::string drop_statement(const std::string& name) {
  return "DROP DATABASE IF EXISTS " + quote_identifier(name);
}

// A scratch database that could not be dropped is an infrastructure failure of the run: it is
// said on stderr at once, and recorded for the verify loop, which makes the engine run an error
// (exit 2) whatever the verdicts were — the database is dropped from a destructor, after the
// results are known.
void report_leak(const Dsn& admin, const std::string& name, const std::string& why) {
  std::string message = fmt::format("could not drop scratch database {}: {}", name, why);
  std::cerr << fmt::format("crucible: error: {} ({}): {}; `crucible cleanup --drop` removes it\n",
                           engine_name(admin.kind), admin.redacted(), redact_secrets(message));
  record_cleanup_failure(admin.redacted(), std::move(message));
}

}  // namespace

void kill_query(const Dsn& admin, int64_t connection_id) {
  std::unique_ptr<Connection> connection = Connection::open(admin);
  auto error = connection->try_run(fmt::format("KILL QUERY {}", connection_id));
  if (error && error->code != kNoSuchThread)
    throw Error(fmt::format("{}: cannot cancel the statement of connection {}: {}",
                            connection->label(), connection_id, error->message()));
}

void drop_scratch_database(const Dsn& admin_dsn, const std::string& name, int64_t connection_id) {
  if (!is_scratch_name(name))
    throw Error(fmt::format("refusing to drop database {}: not a Crucible scratch database", name));
  std::unique_ptr<Connection> admin = open_with_retry(admin_dsn);
  if (connection_id > 0) {
    auto error = admin->try_run(fmt::format("KILL {}", connection_id));
    if (error && error->code != kNoSuchThread)
      throw Error(fmt::format("{}: cannot stop the connection using {}: {}", admin->label(), name,
                              error->message()));
  }
  admin->run(drop_statement(name), "dropping scratch database " + name);
}

MysqlDatabase::MysqlDatabase(const Access& access, std::string name, bool scratch)
    : access_(access), name_(std::move(name)), scratch_(scratch) {
  time_limits().statement = access_.options.statement_timeout;
}

std::unique_ptr<MysqlDatabase> MysqlDatabase::create_scratch(const Access& access,
                                                            AdminSession& admin,
                                                            const RunLogin* login,
                                                            const std::string& name) {
  const std::string key = registry_key(access.admin, name);
  // An interrupt during CREATE DATABASE waits for it to return, then drops what it created —
  // unless the server refused it (the name existed: not ours to drop).
  struct Creation {
    std::timed_mutex running;
    bool refused = false;
  };
  auto creation = std::make_shared<Creation>();
  std::unique_lock running(creation->running);
  ScratchRegistry::instance().add(key, [dsn = access.admin, name, creation] {
    std::unique_lock wait(creation->running, kWaitForCreate);
    if (!creation->refused) drop_scratch_database(dsn, name, 0);
  });
  std::optional<ServerError> refused;
  try {
    Connection& connection = admin.get();
    if (login) login->grant(connection, name);
    refused = connection.try_run(
        fmt::format("CREATE DATABASE {} CHARACTER SET utf8mb4", quote_identifier(name)));
  } catch (...) {
    // The connection died: the database may or may not exist; it is ours either way.
    running.unlock();
    try {
      drop_scratch_database(access.admin, name, 0);
    } catch (...) {
    }
    ScratchRegistry::instance().remove(key);
    throw;
  }
  creation->refused = refused.has_value();
  running.unlock();
  if (refused) {
    ScratchRegistry::instance().remove(key);
    throw Error(fmt::format("{}: failed while creating scratch database {}: {}", admin.get().label(),
                            name, refused->message()));
  }
  std::unique_ptr<MysqlDatabase> database(new MysqlDatabase(access, name, true));
  try {
    database->connection_ = Connection::open(access.login, name);
    apply_session(*database->connection_, access.login);
  } catch (...) {
    database.reset();  // drops it
    throw;
  }
  // From now on an interrupt must also stop whatever statement the connection is running.
  ScratchRegistry::instance().add(
      key, [dsn = access.admin, name, id = database->connection_->connection_id()] {
        drop_scratch_database(dsn, name, id);
      });
  return database;
}

std::unique_ptr<MysqlDatabase> MysqlDatabase::open_existing(const Access& access,
                                                           Connection& admin,
                                                           const std::string& name) {
  auto rows = admin.query(
      "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = " +
          quote_literal(name),
      "looking for database " + name);
  if (rows.empty())
    throw Error(fmt::format("{}: database {} does not exist", admin.label(), name));
  // Read-only use of someone else's database: the admin's own login reads it.
  std::unique_ptr<MysqlDatabase> database(new MysqlDatabase(access, name, false));
  database->connection_ = Connection::open(access.admin, name);
  return database;
}

MysqlDatabase::~MysqlDatabase() {
  snapshot_connections_.reset();
  committed_reads_.reset();
  if (scratch_ && !session_) drop();
}

void MysqlDatabase::drop() noexcept {
  const std::string key = registry_key(access_.admin, name_);
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
    drop_scratch_database(access_.admin, name_, connection_ ? connection_->connection_id() : 0);
  } catch (const std::exception& e) {
    report_leak(access_.admin, name_, e.what());
  } catch (...) {
    report_leak(access_.admin, name_, "unknown error");
  }
  ScratchRegistry::instance().remove(key);
}

std::function<void()> MysqlDatabase::canceller(const Connection& running) const {
  return [admin = access_.admin, id = running.connection_id()] { kill_query(admin, id); };
}

ExecResult MysqlDatabase::execute(const Script& script) {
  if (!scratch_)
    throw Error(fmt::format("{}: refusing to modify a database Crucible did not create: {} "
                            "(opened read-only, for snapshots)", connection_->label(), name_));
  std::string text;
  for (const Statement& statement : script.statements) text += statement.sql + "\n";
  ExecResult result;
  noting_created(text, [&] {
    result = execute_script(*connection_, script, time_limits(), canceller(*connection_));
  });
  unqualify_error(result.error, name_);
  return result;
}

void MysqlDatabase::noting_created(const std::string& text, const std::function<void()>& work) {
  if (!access_.created || !CreatedObjects::may_create(text)) return work();
  ServerObjects before = ServerObjects::list(*connection_);
  work();
  access_.created->note(before, ServerObjects::list(*connection_), text);
}

// A scratch database snapshotted more than once (verify's: three times per migration) is read on
// two connections of its own from the second snapshot on; a database read once would only pay
// for the connections. If they cannot be opened, the migrations' connection reads it alone.
catalog::Catalog MysqlDatabase::snapshot() {
  if (scratch_ && !session_ && ++snapshots_ > 1 && !snapshot_connections_failed_) {
    try {
      if (!snapshot_connections_)
        snapshot_connections_ = SnapshotConnections::open(access_.login, name_);
    } catch (const std::exception&) {  // a login limit, no thread to be had: read as before
      snapshot_connections_failed_ = true;
    }
    if (snapshot_connections_) return snapshot_connections_->read();
  }
  return read_catalog(*connection_, name_);
}

std::optional<std::string> MysqlDatabase::catalog_digest() {
  return mysql::catalog_digest(*connection_, name_);
}

}  // namespace crucible::mysql
