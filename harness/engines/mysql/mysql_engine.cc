#include "harness/engines/mysql/mysql_engine.h"

#include <mutex>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/mysql/mysql_connection.h"
#include "harness/engines/mysql/mysql_database.h"
#include "harness/engines/scratch.h"

namespace crucible {
namespace {

using mysql::Connection;
using mysql::MysqlDatabase;

// The server, through one admin connection (on the DSN's admin database, if it names one) used
// to create, find and drop databases. Each database gets its own connection.
class MysqlEngine : public Engine {
 public:
  explicit MysqlEngine(const Dsn& dsn) : dsn_(dsn), admin_(Connection::open(dsn, dsn.database)) {}

  EngineKind kind() const override { return dsn_.kind; }
  const Dsn& dsn() const override { return dsn_; }

  // DDL commits implicitly on both servers, and there is no cheap copy of a database.
  ServerInfo server_info() override { return {admin_->version(), false, false}; }

  std::unique_ptr<Database> create_scratch() override {
    std::lock_guard lock(mutex_);
    return MysqlDatabase::create_scratch(dsn_, *admin_, scratch_name());
  }

  std::unique_ptr<Database> open_existing(const std::string& name) override {
    std::lock_guard lock(mutex_);
    return MysqlDatabase::open_existing(dsn_, *admin_, name);
  }

  std::vector<std::string> list_leftovers() override {
    std::lock_guard lock(mutex_);
    std::vector<std::string> names;
    for (const mysql::Row& row :
         admin_->query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA "
                       "WHERE SCHEMA_NAME LIKE 'crucible\\_%' ORDER BY SCHEMA_NAME",
                       "listing leftover scratch databases"))
      if (is_scratch_name(row.text(0))) names.push_back(row.text(0));
    return names;
  }

  void drop_leftover(const std::string& name) override {
    if (!is_scratch_name(name))
      throw Error(fmt::format("{}: refusing to drop database {}: not a Crucible scratch database",
                              admin_->label(), name));
    std::lock_guard lock(mutex_);
    admin_->run("DROP DATABASE IF EXISTS " + mysql::quote_identifier(name),
                "dropping leftover database " + name);
  }

 private:
  Dsn dsn_;
  std::mutex mutex_;  // the admin connection serves one request at a time
  std::unique_ptr<Connection> admin_;
};

}  // namespace

std::unique_ptr<Engine> make_mysql_engine(const Dsn& dsn, const EngineOptions& options) {
  if (dsn.kind != EngineKind::mysql && dsn.kind != EngineKind::mariadb)
    throw Error(fmt::format("{}: not a MySQL or MariaDB DSN", dsn.redacted()));
  return std::make_unique<MysqlEngine>(dsn);
}

}  // namespace crucible
