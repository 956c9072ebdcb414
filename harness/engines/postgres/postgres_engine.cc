#include "harness/engines/postgres/postgres_engine.h"

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/postgres/postgres_admin.h"
#include "harness/engines/postgres/postgres_connection.h"
#include "harness/engines/postgres/postgres_database.h"
#include "harness/engines/scratch.h"

namespace crucible {
namespace {

using postgres::describe_server;
using postgres::message_of;

class PostgresEngine : public Engine {
 public:
  // Connects now, so that an unreachable server is reported when the engine is made.
  explicit PostgresEngine(const Dsn& dsn)
      : dsn_(dsn), admin_(std::make_shared<postgres::AdminSession>(dsn_)) {
    admin_->exec("SELECT 1");
  }

  EngineKind kind() const override { return EngineKind::postgres; }
  const Dsn& dsn() const override { return dsn_; }

  ServerInfo server_info() override {
    // "15.20 (Debian 15.20-0+deb12u1)" -> "15.20"
    std::string version = admin_->exec("SHOW server_version").at(0).at(0).as<std::string>();
    version = version.substr(0, version.find(' '));
    return ServerInfo{version, /*transactional_ddl=*/true, /*can_clone=*/true};
  }

  std::unique_ptr<Database> create_scratch() override {
    std::string name = scratch_name();
    admin_->exec([&](pqxx::connection& admin) {
      return fmt::format("CREATE DATABASE {}", admin.quote_name(name));
    });
    return std::make_unique<postgres::PostgresDatabase>(dsn_, name, postgres::Ownership::scratch,
                                                        admin_);
  }

  std::unique_ptr<Database> open_existing(const std::string& name) override {
    return open_existing_postgres_database(dsn_, name);
  }

  std::vector<std::string> list_leftovers() override {
    std::vector<std::string> names;
    for (const auto& row : admin_->exec("SELECT datname FROM pg_database ORDER BY datname")) {
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
    admin_->drop_database(name);
  }

 private:
  Dsn dsn_;
  std::shared_ptr<postgres::AdminSession> admin_;  // shared with the scratch databases
};

}  // namespace

std::unique_ptr<Database> open_existing_postgres_database(const Dsn& dsn, const std::string& name) {
  return std::make_unique<postgres::PostgresDatabase>(dsn, name, postgres::Ownership::existing);
}

std::unique_ptr<Engine> make_postgres_engine(const Dsn& dsn, const EngineOptions& options) {
  return std::make_unique<PostgresEngine>(dsn);
}

}  // namespace crucible
