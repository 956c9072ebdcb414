#include "harness/engines/mysql/mysql_created_objects.h"

#include "harness/engines/mysql/mysql_admin.h"
#include "harness/engines/scratch.h"
#include "harness/sql/lexer.h"

namespace crucible::mysql {
namespace {

bool names(const std::string& lowered_text, const std::string& name) {
  return lowered_text.find(sql::ascii_lower(name)) != std::string::npos;
}

}  // namespace

ServerObjects ServerObjects::list(Connection& connection) {
  ServerObjects objects;
  for (const Row& row : connection.query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA",
                                         "listing databases"))
    objects.databases.insert(row.text(0));
  for (const Row& row : connection.query("SELECT User, Host FROM mysql.user", "listing users"))
    objects.accounts.insert({row.text(0), row.text(1)});
  return objects;
}

bool CreatedObjects::may_create(const std::string& text) {
  const std::string lowered = sql::ascii_lower(text);
  return lowered.find("database") != std::string::npos ||
         lowered.find("schema") != std::string::npos || lowered.find("user") != std::string::npos;
}

void CreatedObjects::note(const ServerObjects& before, const ServerObjects& after,
                          const std::string& text) {
  const std::string lowered = sql::ascii_lower(text);
  std::lock_guard lock(mutex_);
  for (const std::string& db : after.databases)
    if (!before.databases.count(db) && !at_start_->databases.count(db) && !is_scratch_name(db) &&
        names(lowered, db))
      noted_.databases.insert(db);
  for (const auto& account : after.accounts)
    if (!before.accounts.count(account) && !at_start_->accounts.count(account) &&
        names(lowered, account.first))
      noted_.accounts.insert(account);
}

void CreatedObjects::drop(const Dsn& admin_dsn) {
  ServerObjects noted;
  {
    std::lock_guard lock(mutex_);
    noted = noted_;
  }
  if (noted.databases.empty() && noted.accounts.empty()) return;
  std::unique_ptr<Connection> admin = open_with_retry(admin_dsn);
  for (const std::string& db : noted.databases)
    admin->run("DROP DATABASE IF EXISTS " + quote_identifier(db),
               "dropping database " + db + " that a migration created");
  for (const auto& [user, host] : noted.accounts)
    admin->run("DROP USER IF EXISTS " + quote_literal(user) + "@" + quote_literal(host),
               "dropping user " + user + " that a migration created");
  std::lock_guard lock(mutex_);
  noted_ = {};
}

bool CreatedObjects::empty() const {
  std::lock_guard lock(mutex_);
  return noted_.databases.empty() && noted_.accounts.empty();
}

}  // namespace crucible::mysql
