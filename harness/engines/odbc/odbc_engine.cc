#include "harness/engines/odbc/odbc_engine.h"

#include <mutex>
#include <random>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/common/secrets.h"
#include "harness/engines/odbc/odbc_catalog.h"
#include "harness/engines/odbc/odbc_connection.h"
#include "harness/engines/odbc/odbc_database.h"
#include "harness/engines/odbc/odbc_dbms.h"
#include "harness/engines/odbc/odbc_native_catalog.h"
#include "harness/engines/odbc/odbc_probe.h"
#include "harness/engines/registry.h"
#include "harness/engines/scratch.h"

namespace crucible {
namespace odbc {
namespace {

std::string random_password() {
  std::random_device device;
  std::string out;
  const char* digits = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (int i = 0; i < 32; ++i) out += digits[device() % 62];
  return out;
}

class OdbcEngine : public Engine {
 public:
  OdbcEngine(const Dsn& dsn, const EngineOptions& options)
      : dsn_(dsn), options_(options),
        label_(fmt::format("{} ({})", engine_name(dsn.kind), dsn.redacted())) {
    admin_ = std::make_unique<Connection>(dsn.odbc, label_);
    std::string dbms = admin_->info(SQL_DBMS_NAME);
    auto found = kind_of_dbms(dbms);
    if (!found || dialect_of(*found) != dialect_of(dsn.kind))
      throw Error(fmt::format("{}: the data source runs {}, not {}", label_, dbms,
                              engine_name(dsn.kind)));
    version_ = admin_->info(SQL_DBMS_VER);
    dbms_ = make_dbms_admin(dsn.kind, label_);
    dbms_->mark_live(*admin_);
  }

  ~OdbcEngine() override {
    if (login_.empty()) return;
    try {
      std::lock_guard lock(mutex_);
      dbms_->drop_login(*admin_, login_);
      ScratchRegistry::instance().remove(login_key());
    } catch (const std::exception&) {
      // Left for `crucible cleanup`, which recognises the run login by its name.
    }
  }

  EngineKind kind() const override { return dsn_.kind; }
  const Dsn& dsn() const override { return dsn_; }

  ServerInfo server_info() override {
    const EngineFacts& facts = engine_facts(dsn_.kind);
    ServerInfo info{version_, facts.transactional_ddl, /*can_clone=*/false};
    info.catalog_sees_types_and_checks = has_native_catalog(dsn_.kind);
    info.shares_run_login = false;
    info.containment =
        options_.privileged
            ? fmt::format("containment off (--privileged): migrations run as {} through ODBC",
                          dsn_.user.empty() ? "the data source's login" : dsn_.user)
            : fmt::format("migrations run as login {} through ODBC, which reaches only its "
                          "scratch databases; {}",
                          postgres_or_mysql_login(),
                          has_native_catalog(dsn_.kind)
                              ? "snapshots read by the native engine's catalog queries"
                              : kGenericCatalogBlindSpots);
    return info;
  }

  std::unique_ptr<Database> create_scratch() override {
    std::string name = scratch_name();
    std::string login, password;
    {
      std::lock_guard lock(mutex_);
      if (!options_.privileged) ensure_login();
      login = login_;
      password = password_;
      std::string key = dsn_.redacted() + "/" + name;
      ScratchRegistry::instance().add(key, [dsn = dsn_, name, label = label_] {
        Connection fresh(dsn.odbc, label);
        make_dbms_admin(dsn.kind, label)->drop_database(fresh, name);
      });
      dbms_->create_database(*admin_, name, login);
    }
    auto drop = [this, name] {
      std::lock_guard lock(mutex_);
      dbms_->drop_database(*admin_, name);
      ScratchRegistry::instance().remove(dsn_.redacted() + "/" + name);
    };
    try {
      auto db = std::make_unique<OdbcDatabase>(
          dsn_.kind, name, dbms_->connection_string_for(dsn_.odbc, name, login, password),
          label_, dsn_, drop);
      db->time_limits().statement = options_.statement_timeout;
      db->set_strict_dml(options_.strict_dml);
      return db;
    } catch (...) {
      drop();
      throw;
    }
  }

  std::unique_ptr<Database> open_existing(const std::string& name) override {
    return std::make_unique<OdbcDatabase>(dsn_.kind, name,
                                          dbms_->connection_string_for(dsn_.odbc, name, "", ""),
                                          label_, dsn_, nullptr);
  }

  std::vector<std::string> list_leftovers() override {
    std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const std::string& name : dbms_->list_databases(*admin_))
      if (is_scratch_name(name)) out.push_back(name);
    return out;
  }

  void drop_leftover(const std::string& name) override {
    if (!is_scratch_name(name))
      throw Error(fmt::format("{}: refusing to drop {}: not a Crucible scratch database", label_,
                              name));
    if (run_id_of(name) == scratch_run_id())
      throw ScratchInUse(fmt::format("{}: {} belongs to this run", label_, name));
    std::lock_guard lock(mutex_);
    dbms_->drop_database(*admin_, name);
  }

 private:
  std::string login_key() const { return dsn_.redacted() + "/login"; }

  std::string postgres_or_mysql_login() const { return login_.empty() ? "crucible_<run>_login" : login_; }

  void ensure_login() {
    if (!login_.empty()) return;
    password_ = random_password();
    register_secret(password_, "");
    ScratchRegistry::instance().add(
        login_key(),
        [dsn = dsn_, label = label_, login = postgres_or_mysql_login()] {
          Connection fresh(dsn.odbc, label);
          make_dbms_admin(dsn.kind, label)->drop_login(fresh, login);
        },
        DropOrder::login);
    login_ = dbms_->create_login(*admin_, password_);
  }

  Dsn dsn_;
  EngineOptions options_;
  std::string label_;
  std::string version_;
  std::mutex mutex_;
  std::unique_ptr<Connection> admin_;
  std::unique_ptr<DbmsAdmin> dbms_;
  std::string login_, password_;
};

}  // namespace

EngineKind probe_kind(const std::string& connection_string) {
  Connection connection(connection_string, "odbc (odbc:" + redact_secrets(connection_string) + ")");
  std::string dbms = connection.info(SQL_DBMS_NAME);
  auto kind = kind_of_dbms(dbms);
  if (!kind)
    throw Error(fmt::format("odbc (odbc:{}): the data source runs {}, which Crucible has no "
                            "engine for (known: PostgreSQL, MariaDB, MySQL, SQLite, DB2)",
                            redact_secrets(connection_string), dbms));
  return *kind;
}

}  // namespace odbc

std::unique_ptr<Engine> make_odbc_engine(const Dsn& dsn, const EngineOptions& options) {
  return std::make_unique<odbc::OdbcEngine>(dsn, options);
}

}  // namespace crucible
