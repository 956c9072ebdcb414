// The ODBC connection as a TextQueries: what lets the native engines' catalog readers run over
// ODBC. Every value is fetched as wide text (SQL_C_WCHAR) and stored as UTF-8, so the text is the
// server's whatever the process locale (a driver's narrow SQL_C_CHAR follows the locale, and
// under C it mangles every non-ASCII comment or default).
#pragma once

#include <string>

#include "harness/engines/odbc/odbc_connection.h"
#include "harness/engines/text_rows.h"

namespace crucible::odbc {

class OdbcTextQueries final : public TextQueries {
 public:
  // `narrow_utf8`: the driver's SQL_C_CHAR text is UTF-8 whatever the locale (MariaDB
  // Connector/ODBC, whose connection character set is utf8mb4), so it is read as it is: a fifth
  // less client time than converting to UTF-16 and back.
  explicit OdbcTextQueries(Connection& connection, bool narrow_utf8 = false)
      : connection_(connection), narrow_utf8_(narrow_utf8) {}
  // Throws crucible::Error: "<label>: <purpose>: <diagnostics>".
  Rows query(const std::string& sql, const std::string& purpose) override;

 private:
  Connection& connection_;
  bool narrow_utf8_;
};

// UTF-16 code units (SQLWCHAR, as unixODBC defines it) as UTF-8; a lone surrogate becomes U+FFFD.
std::string utf8_of(const SQLWCHAR* units, size_t count);

}  // namespace crucible::odbc
