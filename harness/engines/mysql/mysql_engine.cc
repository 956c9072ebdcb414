#include "harness/engines/mysql/mysql_engine.h"

#include <iostream>
#include <mutex>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/mysql/mysql_admin.h"
#include "harness/engines/mysql/mysql_connection.h"
#include "harness/engines/mysql/mysql_created_objects.h"
#include "harness/engines/mysql/mysql_database.h"
#include "harness/engines/mysql/mysql_login.h"
#include "harness/engines/scratch.h"

namespace crucible {
namespace {

using mysql::AdminSession;
using mysql::Connection;
using mysql::MysqlDatabase;
using mysql::RunLogin;

// The server, through one admin session (on the DSN's admin database, if it names one) used
// to create, find and drop databases and the run's login. Each database gets its own connection,
// as the run's login unless containment is off.
class MysqlEngine : public Engine {
 public:
  MysqlEngine(const Dsn& dsn, const EngineOptions& options)
      : dsn_(dsn), options_(options), admin_(dsn) {}

  ~MysqlEngine() override {
    std::lock_guard lock(mutex_);
    if (created_) drop_created();
    if (!login_) return;
    try {
      RunLogin::release(login_, admin_.get());
    } catch (...) {
      // No admin session: the registry's drop action (at an interrupt) or `crucible cleanup`.
    }
  }

  EngineKind kind() const override { return dsn_.kind; }
  const Dsn& dsn() const override { return dsn_; }

  // DDL commits implicitly on both servers, and there is no cheap copy of a database.
  ServerInfo server_info() override {
    std::lock_guard lock(mutex_);
    return {admin_.get().version(), false, false, containment()};
  }

  std::unique_ptr<Database> create_scratch() override {
    std::lock_guard lock(mutex_);
    if (!options_.privileged && !login_) login_ = RunLogin::acquire(admin_.get(), dsn_);
    if (options_.privileged && !created_) watch_created();
    mysql::Access access{dsn_, login_ ? login_->dsn_for(dsn_) : dsn_, options_, created_};
    return MysqlDatabase::create_scratch(access, admin_, login_.get(), scratch_name());
  }

  std::unique_ptr<Database> open_existing(const std::string& name) override {
    std::lock_guard lock(mutex_);
    return MysqlDatabase::open_existing({dsn_, dsn_, options_}, admin_.get(), name);
  }

  // Databases and logins of runs that are not alive: a live run holds its marker lock.
  std::vector<std::string> list_leftovers() override {
    std::lock_guard lock(mutex_);
    std::vector<std::string> names;
    for (const mysql::Row& row :
         admin_.get().query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA "
                            "WHERE SCHEMA_NAME LIKE 'crucible\\_%' ORDER BY SCHEMA_NAME",
                            "listing leftover scratch databases"))
      if (is_scratch_name(row.text(0)) && !alive(run_id_of(row.text(0))))
        names.push_back(row.text(0));
    for (const mysql::Row& row :
         admin_.get().query("SELECT DISTINCT User FROM mysql.user "
                            "WHERE User LIKE 'crucible\\_%\\_login' ORDER BY User",
                            "listing leftover logins"))
      if (std::string run = mysql::run_id_of_login(row.text(0)); !run.empty() && !alive(run))
        names.push_back(row.text(0));
    return names;
  }

  void drop_leftover(const std::string& name) override {
    const std::string run = is_scratch_name(name) ? run_id_of(name) : mysql::run_id_of_login(name);
    if (run.empty())
      throw Error(fmt::format("{}: refusing to drop {}: not a Crucible scratch database or login",
                              dsn_.redacted(), name));
    std::lock_guard lock(mutex_);
    if (alive(run))
      throw ScratchInUse(fmt::format("in use by a running crucible (its admin session holds the "
                                     "server lock crucible_{})", run));
    if (is_scratch_name(name))
      admin_.get().run("DROP DATABASE IF EXISTS " + mysql::quote_identifier(name),
                       "dropping leftover database " + name);
    else
      mysql::drop_login_accounts(admin_.get(), name);
  }

 private:
  // True when another session (a running Crucible) holds the marker of run `run`.
  bool alive(const std::string& run) {
    Connection& admin = admin_.get();
    auto rows = admin.query(fmt::format("SELECT IS_USED_LOCK({})",
                                        mysql::quote_literal(mysql::run_marker(run))),
                            "checking whether run " + run + " is alive");
    return !rows.at(0).is_null(0) && rows.at(0).integer(0) != admin.connection_id();
  }

  // Under --privileged, what exists now is never dropped; what migrations create is.
  void watch_created() {
    auto at_start = std::make_shared<const mysql::ServerObjects>(
        mysql::ServerObjects::list(admin_.get()));
    created_ = std::make_shared<mysql::CreatedObjects>(at_start);
    ScratchRegistry::instance().add(created_key(), [dsn = dsn_, created = created_] {
      created->drop(dsn);
    });
  }

  void drop_created() noexcept {
    try {
      created_->drop(dsn_);
      ScratchRegistry::instance().remove(created_key());
    } catch (const std::exception& e) {
      std::cerr << fmt::format("crucible: warning: {}\n", e.what());
    }
  }

  std::string created_key() const { return "mysql created by migrations " + dsn_.redacted(); }

  std::string containment() const {
    if (options_.privileged)
      return fmt::format("containment off (--privileged): migrations run as {}, with every "
                         "privilege that login has", dsn_.user);
    return fmt::format("migrations run as {}, granted only this run's scratch databases (no "
                       "global privileges, no other database)",
                       mysql::login_name(scratch_run_id()));
  }

  Dsn dsn_;
  EngineOptions options_;
  std::mutex mutex_;  // the admin session serves one request at a time
  AdminSession admin_;
  std::shared_ptr<RunLogin> login_;  // acquired with the first scratch database
  std::shared_ptr<mysql::CreatedObjects> created_;  // --privileged only
};

}  // namespace

std::unique_ptr<Engine> make_mysql_engine(const Dsn& dsn, const EngineOptions& options) {
  if (dsn.kind != EngineKind::mysql && dsn.kind != EngineKind::mariadb)
    throw Error(fmt::format("{}: not a MySQL or MariaDB DSN", dsn.redacted()));
  return std::make_unique<MysqlEngine>(dsn, options);
}

}  // namespace crucible
