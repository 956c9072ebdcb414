// One connection to a MySQL or MariaDB server through mysql-connector-c++ (the JDBC-style API),
// reduced to what the engine needs: run a statement, read rows as text, and errors that say
// where they happened without ever showing the password.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/common/dsn.h"
#include "harness/engines/mysql/mysql_dialect.h"

namespace sql {
class Connection;
}

namespace crucible::mysql {

// One result row, every value as the server's text; NULL is nullopt.
struct Row {
  std::vector<std::optional<std::string>> values;

  bool is_null(size_t i) const { return !values.at(i).has_value(); }
  const std::string& text(size_t i) const;  // "" for NULL
  int64_t integer(size_t i) const;          // 0 for NULL
  bool flag(size_t i) const;                // "1" / "YES" (case-insensitive)
};

// A statement the server rejected.
struct ServerError {
  int code = 0;          // e.g. 1146
  std::string sqlstate;  // e.g. "42S02"
  std::string text;      // the server's message

  // "ERROR 1146 (42S02): Table 'db.t' doesn't exist", as the mysql client prints it.
  std::string message() const;
};

// Whether a connection takes several statements in one query string. Only Crucible's own reads
// do (MysqlDatabase::read_committed); migrations and everything else run one at a time.
enum class Batching { single, multi_statement };

class Connection {
 public:
  // Connects to the server the DSN names, with `schema` as the current database ("" for none),
  // and runs the dialect's session setup. Throws crucible::Error naming the redacted DSN when
  // the server cannot be reached (the connect times out after a few seconds).
  static std::unique_ptr<Connection> open(const Dsn& dsn, const std::string& schema = "",
                                          Batching batching = Batching::single);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  const std::string& version() const { return version_; }  // SELECT VERSION(), verbatim
  const ServerDialect& dialect() const { return *dialect_; }
  int64_t connection_id() const { return connection_id_; }
  // "mariadb (mariadb://crucible:***@127.0.0.1:3306/)": the prefix of every error message.
  const std::string& label() const { return label_; }

  // The connector's own connection, for prepared statements (mysql_query.cc).
  ::sql::Connection& native() { return *connection_; }
  // True for the error codes that mean the connection itself is gone.
  static bool is_lost(int code);

  // False when the connection is gone (killed, server restarted): a round trip that proves it.
  bool alive();
  // Runs one statement and discards any result sets. Returns the server's error, if any;
  // throws crucible::Error when the connection itself is lost.
  std::optional<ServerError> try_run(const std::string& sql);
  // Runs one statement; any error throws crucible::Error mentioning `purpose`.
  void run(const std::string& sql, const std::string& purpose);
  // Runs a query and returns all its rows; any error throws crucible::Error mentioning `purpose`.
  std::vector<Row> query(const std::string& sql, const std::string& purpose);

 private:
  Connection(std::unique_ptr<sql::Connection> connection, std::string label);
  [[noreturn]] void fail(const std::string& purpose, const ServerError& error) const;

  std::unique_ptr<sql::Connection> connection_;
  std::string label_;
  std::string version_;
  const ServerDialect* dialect_ = nullptr;
  int64_t connection_id_ = 0;
};

// For a syntax error (1064) on MariaDB: " — MariaDB syntax error: the statement may be MySQL-8-only
// syntax (then a genuine dialect difference …)", so that a migration written for MySQL 8 is read
// as a dialect difference rather than a plain typo; "" otherwise. A typo gets the hint too: the
// server cannot tell them apart, hence "may be".
std::string mysql8_hint(const Connection& connection, const ServerError& error);

// Runs the DSN's session statements (Dsn::session) on a connection that runs migrations, in
// order. Throws crucible::Error naming the statement that failed and the server's error.
void apply_session(Connection& connection, const Dsn& dsn);

// `name` as a backquoted identifier: `na``me`.
std::string quote_identifier(const std::string& name);
// `text` as a single-quoted string literal, safe under any sql_mode.
std::string quote_literal(const std::string& text);

}  // namespace crucible::mysql
