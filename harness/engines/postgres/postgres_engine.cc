#include "harness/engines/postgres/postgres_engine.h"

#include <mutex>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/postgres/postgres_connection.h"
#include "harness/engines/postgres/postgres_database.h"
#include "harness/engines/scratch.h"

namespace crucible {
namespace {

using postgres::describe_server;
using postgres::message_of;

class PostgresEngine : public Engine {
 public:
  explicit PostgresEngine(const Dsn& dsn)
      : dsn_(dsn), admin_(postgres::open_connection(dsn_, postgres::admin_database(dsn_))) {}

  EngineKind kind() const override { return EngineKind::postgres; }
  const Dsn& dsn() const override { return dsn_; }

  ServerInfo server_info() override {
    // "15.20 (Debian 15.20-0+deb12u1)" -> "15.20"
    std::string version = admin_query_value("SHOW server_version");
    version = version.substr(0, version.find(' '));
    return ServerInfo{version, /*transactional_ddl=*/true, /*can_clone=*/true};
  }

  std::unique_ptr<Database> create_scratch() override {
    std::string name = scratch_name();
    admin_exec(fmt::format("CREATE DATABASE {}", admin_->quote_name(name)));
    return std::make_unique<postgres::PostgresDatabase>(dsn_, name, postgres::Ownership::scratch);
  }

  std::unique_ptr<Database> open_existing(const std::string& name) override {
    return open_existing_postgres_database(dsn_, name);
  }

  std::vector<std::string> list_leftovers() override {
    std::vector<std::string> names;
    for (const auto& row : admin_query("SELECT datname FROM pg_database ORDER BY datname")) {
      std::string name = row[0].as<std::string>();
      if (is_scratch_name(name)) names.push_back(name);
    }
    return names;
  }

  void drop_leftover(const std::string& name) override {
    if (!is_scratch_name(name))
      throw Error(fmt::format("{}: refusing to drop database \"{}\": not a Crucible scratch "
                              "database (crucible_<8 hex digits>_<n>)",
                              describe_server(dsn_), name));
    postgres::drop_database(dsn_, name);
  }

 private:
  // The admin connection is shared by whoever holds the engine; one query at a time.
  pqxx::result admin_query(const std::string& sql) {
    std::lock_guard lock(mutex_);
    try {
      pqxx::nontransaction tx(*admin_);
      return tx.exec(sql);
    } catch (const std::exception& e) {
      throw Error(fmt::format("{}: {}: {}", describe_server(dsn_), sql, message_of(e)));
    }
  }

  std::string admin_query_value(const std::string& sql) {
    return admin_query(sql).at(0).at(0).as<std::string>();
  }

  void admin_exec(const std::string& sql) { admin_query(sql); }

  Dsn dsn_;
  std::mutex mutex_;
  std::unique_ptr<pqxx::connection> admin_;
};

}  // namespace

std::unique_ptr<Database> open_existing_postgres_database(const Dsn& dsn, const std::string& name) {
  return std::make_unique<postgres::PostgresDatabase>(dsn, name, postgres::Ownership::existing);
}

std::unique_ptr<Engine> make_postgres_engine(const Dsn& dsn) {
  return std::make_unique<PostgresEngine>(dsn);
}

}  // namespace crucible
