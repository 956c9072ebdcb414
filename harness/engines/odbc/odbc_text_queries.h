// The ODBC connection as a TextQueries: what lets the native engines' catalog readers run over
// ODBC. Values are fetched as narrow text (SQL_C_CHAR) where the driver's narrow text is known to
// be UTF-8, else as wide text (SQL_C_WCHAR), and stored as UTF-8.
#pragma once

#include <string>

#include "harness/engines/odbc/odbc_connection.h"
#include "harness/engines/text_rows.h"

namespace crucible::odbc {

// How values come over. Narrow text only where it is known to be UTF-8.
enum class TextFetch {
  // SQL_C_WCHAR into buffers bound for a block of rows per SQLFetch (psqlODBC).
  wide_blocks,
  // SQL_C_CHAR the same way, where the driver hands over UTF-8 (psqlODBC on a UTF8 database:
  // postgres_narrow_text_is_utf8()): no conversion to UTF-16 in the driver and back here.
  narrow_blocks,
  // SQL_C_CHAR, one SQLGetData per value (MariaDB Connector/ODBC, whose connection character set
  // is utf8mb4 whatever the locale; its block cursor lost rows after a long value was read
  // again on its row).
  narrow_values,
};

class OdbcTextQueries final : public TextQueries {
 public:
  OdbcTextQueries(Connection& connection, TextFetch fetch)
      : connection_(connection), fetch_(fetch) {}
  // Throws crucible::Error: "<label>: <purpose>: <diagnostics>".
  Rows query(const std::string& sql, const std::string& purpose) override;

 private:
  Connection& connection_;
  TextFetch fetch_;
};

// UTF-16 code units (SQLWCHAR, as unixODBC defines it) as UTF-8; a lone surrogate becomes U+FFFD.
std::string utf8_of(const SQLWCHAR* units, size_t count);

}  // namespace crucible::odbc
