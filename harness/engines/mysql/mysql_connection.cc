#include "harness/engines/mysql/mysql_connection.h"

#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>
#include <mysql_connection.h>
#include <mysql_driver.h>

#include <regex>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/engines/mysql/mysql_connect_options.h"
#include "harness/sql/lexer.h"

namespace crucible::mysql {
namespace {

// Client-side errors (CR_*, 2000-2999) mean the connection is gone or unusable; so do a
// server shutting down (1053), MariaDB's "connection was killed" (1927) and MySQL's
// "disconnected for inactivity" (4031).
// Only the codes that really mean "no connection any more". Other client errors (2000–2999)
// are about one statement — e.g. 2057, a result whose columns changed under a prepared SELECT *
// while another session altered the table — and the connection goes on working.
bool is_connection_lost(int code) {
  switch (code) {
    case 2002:  // CR_CONNECTION_ERROR
    case 2003:  // CR_CONN_HOST_ERROR
    case 2005:  // CR_UNKNOWN_HOST
    case 2006:  // CR_SERVER_GONE_ERROR
    case 2013:  // CR_SERVER_LOST
    case 2048:  // CR_INVALID_CONN_HANDLE
    case 2055:  // CR_SERVER_LOST_EXTENDED
    case 1053:  // ER_SERVER_SHUTDOWN
    case 1927:  // ER_CONNECTION_KILLED
    case 4031:  // ER_CLIENT_INTERACTION_TIMEOUT
      return true;
    default:
      return false;
  }
}

ServerError server_error(const ::sql::SQLException& e) {
  return {e.getErrorCode(), e.getSQLState(), e.what()};
}

std::string label_for(const Dsn& dsn) {
  return fmt::format("{} ({})", engine_name(dsn.kind), dsn.redacted());
}

::sql::mysql::MySQL_Driver& driver() {
  // get_driver_instance() is not thread-safe on first use; a function-local static is.
  static ::sql::mysql::MySQL_Driver* instance = ::sql::mysql::get_driver_instance();
  return *instance;
}

}  // namespace

const std::string& Row::text(size_t i) const {
  static const std::string empty;
  const auto& value = values.at(i);
  return value ? *value : empty;
}

int64_t Row::integer(size_t i) const {
  return is_null(i) ? 0 : std::stoll(*values.at(i));
}

bool Row::flag(size_t i) const {
  std::string value = sql::ascii_lower(text(i));
  return value == "1" || value == "yes";
}

bool Connection::is_lost(int code) { return is_connection_lost(code); }

std::string ServerError::message() const {
  return fmt::format("ERROR {} ({}): {}", code, sqlstate, text);
}

std::unique_ptr<Connection> Connection::open(const Dsn& dsn, const std::string& schema,
                                             Batching batching) {
  ::sql::ConnectOptionsMap options;
  set_connect_options(dsn, schema, options);
  if (batching == Batching::multi_statement) options["CLIENT_MULTI_STATEMENTS"] = true;
  std::unique_ptr<::sql::Connection> raw;
  try {
    raw.reset(driver().connect(options));
  } catch (const ::sql::SQLException& e) {
    // The connector's message never contains the password; the DSN is redacted.
    throw Error(fmt::format("{}: cannot connect{}: {}", label_for(dsn),
                            schema.empty() ? "" : " to database " + schema,
                            server_error(e).message()));
  }
  std::unique_ptr<Connection> connection(new Connection(std::move(raw), label_for(dsn)));
  Row server = connection->query("SELECT VERSION(), CONNECTION_ID()", "reading the version").at(0);
  connection->version_ = server.text(0);
  connection->connection_id_ = server.integer(1);
  connection->dialect_ = &dialect_for_version(connection->version_);
  if (std::string mode = required_tls(dsn);
      !mode.empty() && connection->query("SHOW SESSION STATUS LIKE 'Ssl_cipher'",
                                         "checking the encryption").at(0).text(1).empty())
    throw Error(fmt::format("{}: the DSN asks for ssl-mode={} but the connection is not "
                            "encrypted (does the server have TLS enabled?)", label_for(dsn), mode));
  for (const std::string& setup : connection->dialect_->session_setup)
    connection->run(setup, "setting up the session");
  return connection;
}

Connection::Connection(std::unique_ptr<::sql::Connection> connection, std::string label)
    : connection_(std::move(connection)), label_(std::move(label)) {}

Connection::~Connection() {
  try {
    if (connection_) connection_->close();
  } catch (...) {
    // Closing a dead connection may throw; there is nothing left to release.
  }
}

std::optional<ServerError> Connection::try_run(const std::string& sql) {
  try {
    std::unique_ptr<::sql::Statement> statement(connection_->createStatement());
    bool has_result = statement->execute(sql);
    // CALL may return several result sets; all of them must be read before the next statement.
    do {
      if (has_result) std::unique_ptr<::sql::ResultSet> discarded(statement->getResultSet());
      has_result = true;
    } while (statement->getMoreResults());
    return std::nullopt;
  } catch (const ::sql::SQLException& e) {
    ServerError error = server_error(e);
    if (is_connection_lost(error.code))
      throw Error(fmt::format("{}: lost the connection: {}", label_, error.message()));
    return error;
  }
}

bool Connection::alive() {
  try {
    return !try_run("DO 0");
  } catch (const Error&) {
    return false;
  }
}

void Connection::run(const std::string& sql, const std::string& purpose) {
  if (auto error = try_run(sql)) fail(purpose, *error);
}

std::vector<Row> Connection::query(const std::string& sql, const std::string& purpose) {
  std::vector<Row> rows;
  try {
    std::unique_ptr<::sql::Statement> statement(connection_->createStatement());
    std::unique_ptr<::sql::ResultSet> result(statement->executeQuery(sql));
    const unsigned columns = result->getMetaData()->getColumnCount();
    while (result->next()) {
      Row row;
      row.values.reserve(columns);
      for (unsigned i = 1; i <= columns; ++i) {
        if (result->isNull(i))
          row.values.emplace_back(std::nullopt);
        else
          row.values.emplace_back(result->getString(i).asStdString());
      }
      rows.push_back(std::move(row));
    }
  } catch (const ::sql::SQLException& e) {
    fail(purpose, server_error(e));
  }
  return rows;
}

void Connection::fail(const std::string& purpose, const ServerError& error) const {
  if (is_connection_lost(error.code))
    throw Error(fmt::format("{}: lost the connection while {}: {}", label_, purpose,
                            error.message()));
  throw Error(fmt::format("{}: failed while {}: {}", label_, purpose, error.message()));
}

namespace {

// "Can't DROP CONSTRAINT `t_chk_1`": a name MySQL 8 gives an unnamed CHECK, which MariaDB does
// not (ory/keto's uuid-mapping-remove-check drops one by it).
bool drops_a_mysql8_check_name(const ServerError& error) {
  constexpr int kCantDrop = 1091;  // ER_CANT_DROP_FIELD_OR_KEY
  static const std::regex mysql8_check_name("_chk_[0-9]+`");
  return error.code == kCantDrop && std::regex_search(error.text, mysql8_check_name);
}

}  // namespace

std::string mysql8_hint(const Connection& connection, const ServerError& error) {
  constexpr int kSyntaxError = 1064;  // ER_PARSE_ERROR
  if (connection.dialect().engine != "mariadb") return "";
  if (error.code == kSyntaxError)
    return " — MariaDB syntax error: the statement may be MySQL-8-only syntax (then a genuine "
           "MySQL/MariaDB dialect difference, not a defect on MySQL; MySQL is not run here)";
  if (drops_a_mysql8_check_name(error))
    return " — MySQL 8 names an unnamed CHECK <table>_chk_<n>; MariaDB names a table's "
           "CONSTRAINT_<n>, and a column's after the column, dropped only with a new column "
           "definition (a genuine MySQL/MariaDB dialect difference; MySQL is not run here)";
  return "";
}

void apply_session(Connection& connection, const Dsn& dsn) {
  for (const std::string& statement : dsn.session)
    if (auto error = connection.try_run(statement))
      throw Error(fmt::format("{}: session statement failed (--session or a DSN session "
                              "parameter): {}: {}{}", connection.label(), statement,
                              error->message(), mysql8_hint(connection, *error)));
}

std::string quote_identifier(const std::string& name) {
  std::string out = "`";
  for (char c : name) out += c == '`' ? std::string("``") : std::string(1, c);
  return out + "`";
}

std::string quote_literal(const std::string& text) {
  // A backslash means different things under NO_BACKSLASH_ESCAPES; hex avoids the question.
  if (text.find('\\') != std::string::npos) {
    std::string hex;
    for (unsigned char c : text) hex += fmt::format("{:02X}", c);
    return fmt::format("CONVERT(X'{}' USING utf8mb4)", hex);
  }
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

}  // namespace crucible::mysql
