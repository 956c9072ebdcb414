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
  explicit OdbcTextQueries(Connection& connection) : connection_(connection) {}
  // Throws crucible::Error: "<label>: <purpose>: <diagnostics>".
  Rows query(const std::string& sql, const std::string& purpose) override;

 private:
  Connection& connection_;
};

// UTF-16 code units (SQLWCHAR, as unixODBC defines it) as UTF-8; a lone surrogate becomes U+FFFD.
std::string utf8_of(const SQLWCHAR* units, size_t count);

}  // namespace crucible::odbc
