// The ODBC engine: any DBMS whose ODBC driver unixODBC can load (`odbc:Driver={…};…` or
// `odbc:DSN=name`; db2:// through IBM's CLI driver). Statements, parameters, transactions,
// diagnostics and timeouts go through ODBC; scratch databases and the per-run login through the
// DBMS's own SQL (odbc_dbms.h); snapshots through the ODBC catalog functions (odbc_catalog.h).
#pragma once

#include <memory>

#include "harness/engines/engine.h"

namespace crucible {

// dsn.odbc is the connection string; dsn.kind the DBMS behind it. Throws crucible::Error (exit
// 2) when the driver is missing, the server unreachable, or it runs another DBMS than dsn.kind.
std::unique_ptr<Engine> make_odbc_engine(const Dsn& dsn, const EngineOptions& options = {});

}  // namespace crucible
