#include "harness/engines/postgres/postgres_connection.h"

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/postgres/postgres_admin.h"

namespace crucible::postgres {
namespace {

constexpr int kConnectTimeoutSeconds = 5;

// libpq quoting for keyword/value strings: single quotes, with \ and ' escaped by a backslash.
std::string quoted_value(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

void append(std::string& text, const std::string& keyword, const std::string& value) {
  if (!text.empty()) text += ' ';
  text += keyword + "=" + quoted_value(value);
}

}  // namespace

std::string describe_server(const Dsn& dsn) { return fmt::format("postgres ({})", dsn.redacted()); }

std::string message_of(const std::exception& error) {
  std::string text = error.what();
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

std::string connection_string(const Dsn& dsn, const std::string& database, Access access,
                              std::chrono::milliseconds statement_timeout) {
  // Extra DSN parameters (sslmode=require, ...) pass through; libpq rejects unknown ones.
  std::string options;
  std::string text;
  for (const auto& [keyword, value] : dsn.params) {
    if (keyword == "options")
      options = value;
    else
      append(text, keyword, value);
  }
  append(text, "host", dsn.host);
  append(text, "port", std::to_string(dsn.port));
  if (!dsn.user.empty()) append(text, "user", dsn.user);
  if (!dsn.password.empty()) append(text, "password", dsn.password);
  append(text, "dbname", database);
  append(text, "connect_timeout", std::to_string(kConnectTimeoutSeconds));
  append(text, "application_name", "crucible");
  // Notices (e.g. "table does not exist, skipping") are noise in a report; warnings are kept.
  options += " -c client_min_messages=warning";
  if (access == Access::read_only) options += " -c default_transaction_read_only=on";
  if (statement_timeout.count() > 0)
    options += fmt::format(" -c statement_timeout={}", statement_timeout.count() + 1000);
  append(text, "options", options);
  return text;
}

std::unique_ptr<pqxx::connection> open_connection(const Dsn& dsn, const std::string& database,
                                                  Access access,
                                                  std::chrono::milliseconds statement_timeout) {
  try {
    return std::make_unique<pqxx::connection>(
        connection_string(dsn, database, access, statement_timeout));
  } catch (const std::exception& e) {
    throw Error(fmt::format("{}: cannot connect to database \"{}\": {}", describe_server(dsn),
                            database, message_of(e)));
  }
}

std::string admin_database(const Dsn& dsn) {
  return dsn.database.empty() ? "postgres" : dsn.database;
}

void drop_database(const Dsn& dsn, const std::string& name) {
  AdminSession(dsn).drop_database(name);
}

}  // namespace crucible::postgres
