#include "harness/engines/mysql/mysql_connect_options.h"

#include <cppconn/connection.h>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/sql/lexer.h"

namespace crucible::mysql {
namespace {

constexpr int kConnectTimeoutSeconds = 5;

[[noreturn]] void bad_value(const Dsn& dsn, const std::string& key, const std::string& expected) {
  throw Error(fmt::format("{} ({}): DSN parameter {} must be {}", engine_name(dsn.kind),
                          dsn.redacted(), key, expected));
}

int seconds(const Dsn& dsn, const std::string& key, const std::string& value) {
  if (value.empty() || value.size() > 6 || value.find_first_not_of("0123456789") != std::string::npos)
    bad_value(dsn, key, "a whole number of seconds");
  int result = std::stoi(value);
  if (result == 0) bad_value(dsn, key, "a whole number of seconds above zero");
  return result;
}

int ssl_mode(const Dsn& dsn, const std::string& key, const std::string& value) {
  const std::string mode = sql::ascii_lower(value);
  if (mode == "disabled" || mode == "disable") return ::sql::SSL_MODE_DISABLED;
  if (mode == "preferred" || mode == "prefer") return ::sql::SSL_MODE_PREFERRED;
  if (mode == "required" || mode == "require") return ::sql::SSL_MODE_REQUIRED;
  if (mode == "verify_ca" || mode == "verify-ca") return ::sql::SSL_MODE_VERIFY_CA;
  if (mode == "verify_identity" || mode == "verify-full") return ::sql::SSL_MODE_VERIFY_IDENTITY;
  bad_value(dsn, key, "DISABLED, PREFERRED, REQUIRED, VERIFY_CA or VERIFY_IDENTITY");
}

// A character set name as the server spells them: letters and digits only, nothing to inject.
std::string charset(const Dsn& dsn, const std::string& key, const std::string& value) {
  if (value.empty() || value.size() > 32 ||
      value.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
    bad_value(dsn, key, "a character set name such as utf8mb4");
  return value;
}

// The connector built on libmariadb ignores OPT_SSL_MODE; sslEnforce and sslVerify are set as
// well, and Connection::open checks the result (required_tls()).
void set_ssl_mode(int mode, ::sql::ConnectOptionsMap& options) {
  options["OPT_SSL_MODE"] = mode;
  if (mode >= ::sql::SSL_MODE_REQUIRED) options["sslEnforce"] = true;
  if (mode >= ::sql::SSL_MODE_VERIFY_CA) options["sslVerify"] = true;
}

}  // namespace

std::string required_tls(const Dsn& dsn) {
  for (const char* key : {"ssl-mode", "ssl_mode", "sslmode"})
    if (auto it = dsn.params.find(key); it != dsn.params.end())
      return ssl_mode(dsn, key, it->second) >= ::sql::SSL_MODE_REQUIRED ? it->second : "";
  return "";
}

const char* known_dsn_parameters() {
  return "connect_timeout, read_timeout, write_timeout, charset, ssl-mode (sslmode), "
         "ssl-ca (sslrootcert), ssl-cert (sslcert), ssl-key (sslkey); session parameters "
         "sql_mode, foreign_key_checks, time_zone";
}

void set_connect_options(const Dsn& dsn, const std::string& schema,
                         ::sql::ConnectOptionsMap& options) {
  options["hostName"] = ::sql::SQLString(fmt::format("tcp://{}:{}", dsn.host, dsn.port));
  options["userName"] = ::sql::SQLString(dsn.user);
  options["password"] = ::sql::SQLString(dsn.password);
  if (!schema.empty()) options["schema"] = ::sql::SQLString(schema);
  options["OPT_CONNECT_TIMEOUT"] = kConnectTimeoutSeconds;
  options["OPT_RECONNECT"] = false;  // a silent reconnect would lose the transaction
  options["OPT_CHARSET_NAME"] = ::sql::SQLString("utf8mb4");
  options["CLIENT_MULTI_STATEMENTS"] = false;  // one at a time (Connection::open may batch its own)
  for (const auto& [key, value] : dsn.params) {
    if (key == "connect_timeout")
      options["OPT_CONNECT_TIMEOUT"] = seconds(dsn, key, value);
    else if (key == "read_timeout")
      options["OPT_READ_TIMEOUT"] = seconds(dsn, key, value);
    else if (key == "write_timeout")
      options["OPT_WRITE_TIMEOUT"] = seconds(dsn, key, value);
    else if (key == "charset")
      options["OPT_CHARSET_NAME"] = ::sql::SQLString(charset(dsn, key, value));
    else if (key == "ssl-mode" || key == "ssl_mode" || key == "sslmode")
      set_ssl_mode(ssl_mode(dsn, key, value), options);
    else if (key == "ssl-ca" || key == "ssl_ca" || key == "sslrootcert")
      options["sslCA"] = ::sql::SQLString(value);
    else if (key == "ssl-cert" || key == "ssl_cert" || key == "sslcert")
      options["sslCert"] = ::sql::SQLString(value);
    else if (key == "ssl-key" || key == "ssl_key" || key == "sslkey")
      options["sslKey"] = ::sql::SQLString(value);
    else
      throw Error(fmt::format("{} ({}): unknown DSN parameter '{}' (known: {})",
                              engine_name(dsn.kind), dsn.redacted(), key, known_dsn_parameters()));
  }
}

}  // namespace crucible::mysql
