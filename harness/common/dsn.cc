#include "harness/common/dsn.h"

#include <cctype>
#include <cstdlib>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/common/secrets.h"
#include "harness/engines/odbc/odbc_connection_string.h"
#include "harness/engines/odbc/odbc_probe.h"
#include "harness/engines/registry.h"

namespace crucible {
namespace {

int default_port(EngineKind kind) { return engine_facts(kind).default_port; }

std::string percent_decode(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() &&
        std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// A DSN as it may appear in an error message before parsing succeeded: whatever could be a
// password is masked, whichever shape the text has (`a://u:p@h`, `a:u:p@h`, `?password=p`).
std::string mask_password(const std::string& url) { return redact_secrets(url); }

int parse_port(const std::string& url, const std::string& port) {
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
      std::stoi(port) < 1 || std::stoi(port) > 65535)
    throw Error(fmt::format("bad DSN '{}': port '{}' is not a number from 1 to 65535",
                            mask_password(url), port));
  return std::stoi(port);
}

// libpq and the MySQL connectors also take the login as `?user=…&password=…`.
void take_credentials_from_params(Dsn& dsn) {
  for (auto [key, field] : {std::pair{"user", &dsn.user}, std::pair{"password", &dsn.password}}) {
    auto it = dsn.params.find(key);
    if (it == dsn.params.end()) continue;
    if (field->empty()) *field = it->second;
    dsn.params.erase(it);
  }
}

void parse_query(const std::string& query, Dsn& dsn) {
  size_t start = 0;
  while (start < query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    std::string pair = query.substr(start, end - start);
    auto eq = pair.find('=');
    if (!pair.empty())
      dsn.params[percent_decode(pair.substr(0, eq))] =
          eq == std::string::npos ? "" : percent_decode(pair.substr(eq + 1));
    start = end + 1;
  }
}

[[noreturn]] void bad_session_value(const Dsn& dsn, const std::string& key,
                                     const std::string& expected) {
  throw Error(fmt::format("{} ({}): DSN parameter {} must be {}", engine_name(dsn.kind),
                          dsn.redacted(), key, expected));
}

// A session parameter's value as a string literal. Values these settings take never need a
// backslash or a control character, and refusing them keeps the literal the same under every
// server setting (MySQL's NO_BACKSLASH_ESCAPES, PostgreSQL's standard_conforming_strings).
std::string literal(const Dsn& dsn, const std::string& key, const std::string& value) {
  for (unsigned char c : value)
    if (c == '\\' || c < 0x20)
      bad_session_value(dsn, key, "text without backslashes or control characters");
  std::string out = "'";
  for (char c : value) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// search_path=app,public → SET search_path TO 'app', 'public': each schema one literal, which
// the server quotes as an identifier, as libpq's `options=-c search_path=…` would read it.
std::string search_path_statement(const Dsn& dsn, const std::string& key, const std::string& value) {
  std::string list;
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find(',', start);
    if (end == std::string::npos) end = value.size();
    std::string schema = value.substr(start, end - start);
    schema.erase(0, schema.find_first_not_of(' '));
    schema.erase(schema.find_last_not_of(' ') + 1);
    if (schema.size() >= 2 && schema.front() == '"' && schema.back() == '"')
      schema = schema.substr(1, schema.size() - 2);
    if (schema.empty()) bad_session_value(dsn, key, "a comma-separated list of schema names");
    list += (list.empty() ? "" : ", ") + literal(dsn, key, schema);
    start = end + 1;
  }
  return "SET search_path TO " + list;
}

std::string mysql_flag(const Dsn& dsn, const std::string& key, const std::string& value) {
  std::string lower;
  for (char c : value) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "1" || lower == "on" || lower == "true") return "1";
  if (lower == "0" || lower == "off" || lower == "false") return "0";
  bad_session_value(dsn, key, "0 or 1 (also on/off, true/false)");
}

// The statement that applies one session parameter, or "" when `key` is not one for this engine.
std::string session_statement(const Dsn& dsn, const std::string& key, const std::string& value) {
  if (dialect_of(dsn.kind) == Dialect::postgres) {
    if (key == "search_path") return search_path_statement(dsn, key, value);
    if (key == "lock_timeout") return "SET lock_timeout TO " + literal(dsn, key, value);
    if (key == "timezone" || key == "TimeZone") return "SET TIME ZONE " + literal(dsn, key, value);
  }
  if (dialect_of(dsn.kind) == Dialect::mysql) {
    if (key == "sql_mode") return "SET SESSION sql_mode = " + literal(dsn, key, value);
    if (key == "foreign_key_checks")
      return "SET SESSION foreign_key_checks = " + mysql_flag(dsn, key, value);
    if (key == "time_zone") return "SET SESSION time_zone = " + literal(dsn, key, value);
  }
  return "";
}

// Moves the session parameters out of `params` into `session`, in alphabetical order (these
// settings do not depend on each other; a user who needs an order writes --session statements).
void take_session_params(Dsn& dsn) {
  for (auto it = dsn.params.begin(); it != dsn.params.end();) {
    std::string statement = session_statement(dsn, it->first, it->second);
    if (statement.empty()) {
      ++it;
      continue;
    }
    dsn.session.push_back(std::move(statement));
    it = dsn.params.erase(it);
  }
}

// odbc:<connection string>. The login and database are copied out for messages and for the
// scratch databases; the DBMS comes from the driver's name or, failing that, from the server.
Dsn parse_odbc_dsn(const std::string& url) {
  Dsn dsn;
  dsn.odbc = url.substr(url.find(':') + 1);
  auto attributes = odbc::ConnectionString::parse(dsn.odbc);
  dsn.user = attributes.get({"Uid", "User", "UserName"}).value_or("");
  dsn.password = attributes.get({"Pwd", "Password"}).value_or("");
  register_secret(dsn.password, dsn.user);
  dsn.host = attributes.get({"Server", "Servername", "Hostname", "Host"}).value_or("");
  dsn.database = attributes.get({"Database", "DB"}).value_or("");
  std::optional<EngineKind> kind;
  if (auto driver = attributes.get({"Driver"})) kind = odbc::kind_of_driver(*driver);
  if (!kind) kind = odbc::probe_kind(dsn.odbc);
  dsn.kind = *kind;
  return dsn;
}

}  // namespace

const char* session_parameters(EngineKind kind) {
  return engine_facts(kind).session_parameters.data();
}

std::string Dsn::redacted() const {
  if (!odbc.empty()) return "odbc:" + redact_secrets(odbc);
  if (kind == EngineKind::sqlite) return database.empty() ? "sqlite:" : "sqlite://" + database;
  std::string scheme(engine_facts(kind).url_scheme);
  std::string auth = user.empty() ? "" : user + (password.empty() ? "" : ":***") + "@";
  return fmt::format("{}://{}{}:{}/{}", scheme, auth, host, port, database);
}

Dsn parse_dsn(const std::string& url) {
  Dsn dsn;
  auto colon = url.find(':');
  if (colon == std::string::npos)
    throw Error(fmt::format("bad DSN '{}': expected a URL such as postgresql://user:pass@host/db",
                            mask_password(url)));
  std::string scheme = url.substr(0, colon);
  if (scheme == "odbc") return parse_odbc_dsn(url);
  auto kind = parse_engine_name(scheme);
  if (!kind) throw Error(fmt::format("bad DSN '{}': unknown scheme '{}'", mask_password(url), scheme));
  dsn.kind = *kind;

  std::string rest = url.substr(colon + 1);
  std::string query;
  if (auto q = rest.find('?'); q != std::string::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  parse_query(query, dsn);

  if (dsn.kind == EngineKind::sqlite) {
    // sqlite:  |  sqlite:///abs/path.db  |  sqlite://relative.db  |  sqlite:relative.db
    if (rest.rfind("//", 0) == 0) rest = rest.substr(2);
    dsn.database = rest;
    return dsn;
  }

  if (rest.rfind("//", 0) != 0)
    throw Error(fmt::format("bad DSN '{}': expected {}://host...", mask_password(url), scheme));
  rest = rest.substr(2);
  std::string authority = rest, path;
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    authority = rest.substr(0, slash);
    path = rest.substr(slash + 1);
  }
  if (auto at = authority.rfind('@'); at != std::string::npos) {
    std::string userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    auto c = userinfo.find(':');
    dsn.user = percent_decode(userinfo.substr(0, c));
    if (c != std::string::npos) dsn.password = percent_decode(userinfo.substr(c + 1));
  }
  dsn.host = authority;
  dsn.port = default_port(dsn.kind);
  if (auto c = authority.rfind(':'); c != std::string::npos && authority.find(']') == std::string::npos) {
    dsn.host = authority.substr(0, c);
    dsn.port = parse_port(url, authority.substr(c + 1));
  }
  if (dsn.host.empty()) dsn.host = "127.0.0.1";
  dsn.database = percent_decode(path);
  take_credentials_from_params(dsn);
  register_secret(dsn.password, dsn.user);
  take_session_params(dsn);
  return dsn;
}

Dsn default_dsn(EngineKind kind) {
  std::string upper;
  for (char c : engine_name(kind)) upper += static_cast<char>(std::toupper(c));
  if (const char* env = std::getenv(("CRUCIBLE_" + upper + "_URL").c_str()); env && *env)
    return parse_dsn(env);
  return parse_dsn(std::string(engine_facts(kind).default_url));
}

}  // namespace crucible
