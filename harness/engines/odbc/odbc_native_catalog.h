// The catalog level per DBMS behind the ODBC engine. PostgreSQL, MariaDB and MySQL are read by the
// native engines' own readers (postgres_catalog.h, mysql_snapshot.h) through OdbcTextQueries: the
// same SQL, so the same snapshot as the native engine, byte for byte. Any other DBMS gets the
// generic level (odbc_catalog.h) and its blind spots.
#pragma once

#include <string>

#include "harness/catalog/catalog.h"
#include "harness/common/engine_kind.h"
#include "harness/engines/odbc/odbc_connection.h"
#include "harness/engines/odbc/odbc_probe.h"

namespace crucible::odbc {

// The catalog of `database`, which `connection` is connected to, as `kind`'s native engine reads
// it; the generic level for a DBMS without a native reader. Throws crucible::Error.
catalog::Catalog read_catalog(Connection& connection, EngineKind kind,
                              const std::string& database);

// Whether the driver hands PostgreSQL's text to `connection` as SQL_C_CHAR in UTF-8, so the
// catalog can be read narrow. psqlODBC, called through the ANSI entry points as Crucible does,
// sets the session's client_encoding to the encoding of the locale the environment names when
// connecting: UTF8 under C.UTF-8, where narrow text is the server's UTF-8 copied as it is;
// SQL_ASCII under C, where the server sends its own bytes unconverted (UTF-8 from a UTF8
// database) and only wide text fails (psqlODBC converts it with mbstowcs() in the C locale:
// "invalid string conversion"). So rather than repeat the driver's rules, a text with a two- and
// a four-byte character is read back once per connection: narrow when it comes back as those
// UTF-8 bytes. Never throws: false when unsure.
bool postgres_narrow_text_is_utf8(Connection& connection);

}  // namespace crucible::odbc
