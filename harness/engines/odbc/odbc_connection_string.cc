#include "harness/engines/odbc/odbc_connection_string.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "harness/common/error.h"
#include "harness/common/secrets.h"

namespace crucible::odbc {
namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string trimmed(const std::string& text) {
  size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

}  // namespace

ConnectionString ConnectionString::parse(const std::string& text) {
  ConnectionString out;
  size_t i = 0;
  while (i < text.size()) {
    size_t eq = text.find('=', i);
    size_t semi = text.find(';', i);
    if (eq == std::string::npos || (semi != std::string::npos && semi < eq)) {
      // An attribute without '=' (a stray ';' or a bare word): ODBC ignores empty ones.
      std::string word = trimmed(text.substr(i, semi == std::string::npos ? std::string::npos : semi - i));
      if (!word.empty())
        throw Error(fmt::format("bad ODBC connection string '{}': '{}' is not key=value",
                                redact_secrets(text), word));
      if (semi == std::string::npos) break;
      i = semi + 1;
      continue;
    }
    std::string key = trimmed(text.substr(i, eq - i));
    size_t v = eq + 1;
    while (v < text.size() && text[v] == ' ') ++v;
    std::string value;
    if (v < text.size() && text[v] == '{') {
      // Braced: up to the matching '}', where "}}" is a literal '}'.
      size_t j = v + 1;
      for (;; ++j) {
        if (j >= text.size())
          throw Error(fmt::format("bad ODBC connection string '{}': '{{' of {} is not closed",
                                  redact_secrets(text), key));
        if (text[j] == '}') {
          if (j + 1 < text.size() && text[j + 1] == '}') {
            value += '}';
            ++j;
            continue;
          }
          break;
        }
        value += text[j];
      }
      semi = text.find(';', j);
    } else {
      value = trimmed(text.substr(v, semi == std::string::npos ? std::string::npos : semi - v));
    }
    out.attributes_.emplace_back(key, value);
    if (semi == std::string::npos) break;
    i = semi + 1;
  }
  return out;
}

std::optional<std::string> ConnectionString::get(std::initializer_list<const char*> keys) const {
  for (const char* key : keys)
    for (const auto& [k, v] : attributes_)
      if (lower(k) == lower(key)) return v;
  return std::nullopt;
}

void ConnectionString::set(std::initializer_list<const char*> keys, const std::string& value) {
  for (const char* key : keys)
    for (auto& [k, v] : attributes_)
      if (lower(k) == lower(key)) {
        v = value;
        return;
      }
  attributes_.emplace_back(*keys.begin(), value);
}

std::string ConnectionString::text() const {
  std::string out;
  for (const auto& [key, value] : attributes_) {
    bool brace = value.find_first_of(";{}= ") != std::string::npos || lower(key) == "driver";
    std::string escaped;
    for (char c : value) escaped += c == '}' ? std::string("}}") : std::string(1, c);
    out += fmt::format("{}{}={}", out.empty() ? "" : ";", key,
                       brace ? "{" + escaped + "}" : value);
  }
  return out;
}

std::optional<EngineKind> kind_of_driver(const std::string& driver) {
  std::string name = lower(driver);
  if (name.find("postgres") != std::string::npos || name.find("psqlodbc") != std::string::npos)
    return EngineKind::postgres;
  if (name.find("maria") != std::string::npos) return EngineKind::mariadb;
  if (name.find("mysql") != std::string::npos) return EngineKind::mysql;
  if (name.find("sqlite") != std::string::npos) return EngineKind::sqlite;
  if (name.find("db2") != std::string::npos) return EngineKind::db2;
  return std::nullopt;
}

std::optional<EngineKind> kind_of_dbms(const std::string& dbms_name) {
  std::string name = lower(dbms_name);
  if (name.rfind("postgresql", 0) == 0) return EngineKind::postgres;
  if (name.rfind("mariadb", 0) == 0) return EngineKind::mariadb;
  if (name.rfind("mysql", 0) == 0) return EngineKind::mysql;
  if (name.rfind("sqlite", 0) == 0) return EngineKind::sqlite;
  if (name.rfind("db2", 0) == 0) return EngineKind::db2;
  return std::nullopt;
}

}  // namespace crucible::odbc
