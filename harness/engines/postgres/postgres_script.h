// Running a migration script on PostgreSQL.
//
// A transactional script runs between BEGIN and COMMIT, each statement as its own simple query;
// on the first error the transaction is rolled back, so the database is as it was. Statements
// that refuse to run inside a transaction block (SQLSTATE 25001: CREATE INDEX CONCURRENTLY,
// VACUUM, ...) make the whole script run again outside a transaction, marked non-atomic with a
// note. Scripts that ask for no transaction run in autocommit, statement by statement.
#pragma once

#include <string>

#include <pqxx/pqxx>

#include "harness/engines/engine.h"

namespace crucible::postgres {

// Never throws for a statement error (that is in the result); throws crucible::Error when the
// connection is lost, naming `context` (the engine and database).
ExecResult run_script(pqxx::connection& connection, const Script& script,
                      const std::string& context);

}  // namespace crucible::postgres
