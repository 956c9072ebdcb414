// ODBC connection strings as the ODBC specification defines them: `key=value` attributes
// separated by `;`, a value in braces when it holds `;` (`Pwd={a;b}`), keys case-insensitive.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "harness/common/engine_kind.h"

namespace crucible::odbc {

class ConnectionString {
 public:
  // Throws crucible::Error (with the text redacted) on an unterminated brace.
  static ConnectionString parse(const std::string& text);

  // The value of the first of `keys` present (case-insensitive), or nullopt.
  std::optional<std::string> get(std::initializer_list<const char*> keys) const;
  // Replaces the value of the first of `keys` present, or appends `keys[0]=value`.
  void set(std::initializer_list<const char*> keys, const std::string& value);

  std::string text() const;

 private:
  std::vector<std::pair<std::string, std::string>> attributes_;
};

// The DBMS a driver name announces ("PostgreSQL Unicode", "MariaDB Unicode", "SQLite3",
// "IBM DB2 ODBC DRIVER", "/opt/ibm/…/libdb2o.so"), or nullopt when it does not say.
std::optional<EngineKind> kind_of_driver(const std::string& driver);

// The DBMS SQL_DBMS_NAME names ("PostgreSQL", "MariaDB", "MySQL", "SQLite", "DB2/LINUXX8664").
std::optional<EngineKind> kind_of_dbms(const std::string& dbms_name);

}  // namespace crucible::odbc
