#include "harness/engines/postgres/postgres_created_globals.h"

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/postgres/postgres_connection.h"
#include "harness/engines/scratch.h"
#include "harness/sql/lexer.h"

namespace crucible::postgres {
namespace {

std::set<std::string> names(AdminSession& admin, const char* sql) {
  std::set<std::string> out;
  for (const auto& row : admin.exec(sql)) out.insert(row[0].as<std::string>());
  return out;
}

const char kDatabases[] = "SELECT datname FROM pg_database";
const char kRoles[] = "SELECT rolname FROM pg_roles";

// The name an identifier token spells as PostgreSQL folds it.
std::string folded(const sql::Token& token) {
  std::string text(sql::identifier_text(token));
  return token.kind == sql::TokenKind::word ? sql::ascii_lower(text) : text;
}

}  // namespace

CreatedGlobals::CreatedGlobals(AdminSession& admin)
    : databases_before_(names(admin, kDatabases)), roles_before_(names(admin, kRoles)) {}

void CreatedGlobals::note(const std::string& sql) {
  std::vector<sql::Token> words;
  for (const sql::Token& token : sql::tokenize(sql, Dialect::postgres))
    if (token.kind == sql::TokenKind::word || token.kind == sql::TokenKind::quoted_id)
      words.push_back(token);
  std::lock_guard lock(mutex_);
  for (size_t i = 0; i + 2 < words.size(); ++i) {
    if (!sql::is_word(words[i], "create")) continue;
    const sql::Token& what = words[i + 1];
    if (sql::is_word(what, "database"))
      databases_named_.insert(folded(words[i + 2]));
    else if (sql::is_word(what, "role") || sql::is_word(what, "user") ||
             sql::is_word(what, "group"))
      roles_named_.insert(folded(words[i + 2]));
  }
}

std::vector<std::string> CreatedGlobals::drop_created(AdminSession& admin) {
  std::lock_guard lock(mutex_);
  std::vector<std::string> failures;
  if (databases_named_.empty() && roles_named_.empty()) return failures;
  auto databases_now = names(admin, kDatabases);
  for (const std::string& name : databases_named_) {
    if (databases_before_.count(name) || !databases_now.count(name) || is_scratch_name(name))
      continue;
    try {
      admin.drop_database(name);
    } catch (const Error& e) {
      failures.push_back(e.what());
    }
  }
  auto roles_now = names(admin, kRoles);
  for (const std::string& name : roles_named_) {
    if (roles_before_.count(name) || !roles_now.count(name)) continue;
    try {
      admin.exec([&](pqxx::connection& c) {
        return fmt::format("DROP ROLE IF EXISTS {}", c.quote_name(name));
      });
    } catch (const Error& e) {
      failures.push_back(e.what());
    }
  }
  databases_named_.clear();
  roles_named_.clear();
  return failures;
}

}  // namespace crucible::postgres
