#include "harness/engines/postgres/postgres_connection.h"

#include <libpq-fe.h>

#include <set>

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

// libpq's own keywords (sslmode, sslrootcert, target_session_attrs, ...), from the library that
// is linked, so a newer libpq's keywords are accepted without a change here.
const std::set<std::string>& libpq_keywords() {
  static const std::set<std::string> keywords = [] {
    std::set<std::string> names;
    PQconninfoOption* options = PQconndefaults();
    for (PQconninfoOption* option = options; option && option->keyword; ++option)
      names.insert(option->keyword);
    PQconninfoFree(options);
    return names;
  }();
  return keywords;
}

void check_parameter(const Dsn& dsn, const std::string& keyword) {
  if (libpq_keywords().count(keyword)) return;
  throw Error(fmt::format("{}: unknown DSN parameter '{}' (known: the session parameters {}, and "
                          "libpq's connection keywords such as sslmode, sslrootcert, sslcert, "
                          "sslkey, connect_timeout, application_name, options)",
                          describe_server(dsn), keyword, session_parameters(dsn.kind)));
}

}  // namespace

void apply_session(pqxx::connection& connection, const Dsn& dsn, const std::string& where) {
  for (const std::string& statement : dsn.session) {
    try {
      pqxx::nontransaction(connection).exec(statement);
    } catch (const std::exception& e) {
      throw Error(fmt::format("{}: session statement failed (--session or a DSN session "
                              "parameter): {}: {}", where, statement, message_of(e)));
    }
  }
}

std::string describe_server(const Dsn& dsn) { return fmt::format("postgres ({})", dsn.redacted()); }

std::string message_of(const std::exception& error) {
  std::string text = error.what();
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

std::string sqlstate_of(const pqxx::sql_error& error) {
  if (!error.sqlstate().empty()) return error.sqlstate();
  if (dynamic_cast<const pqxx::insufficient_privilege*>(&error)) return "42501";
  return "";
}

std::string connection_string(const Dsn& dsn, const std::string& database, Access access,
                              std::chrono::milliseconds statement_timeout) {
  // Extra DSN parameters (sslmode=require, ...) pass through to libpq.
  std::string options;
  std::string text;
  for (const auto& [keyword, value] : dsn.params) {
    check_parameter(dsn, keyword);
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
  if (access == Access::throwaway) options += " -c synchronous_commit=off";
  if (statement_timeout.count() > 0)
    options += fmt::format(" -c statement_timeout={}", statement_timeout.count() + 1000);
  append(text, "options", options);
  return text;
}

std::unique_ptr<pqxx::connection> open_connection(const Dsn& dsn, const std::string& database,
                                                  Access access,
                                                  std::chrono::milliseconds statement_timeout) {
  // Outside the try: an unknown DSN parameter is its own message, not a failed connection.
  const std::string text = connection_string(dsn, database, access, statement_timeout);
  try {
    return std::make_unique<pqxx::connection>(text);
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

std::string with_prologue(const std::vector<std::string>& prologue, const std::string& sql) {
  std::string text;
  for (const std::string& statement : prologue) text += (text.empty() ? "" : "; ") + statement;
  if (sql.empty()) return text;
  return text.empty() ? sql : text + "; " + sql;
}

}  // namespace crucible::postgres
