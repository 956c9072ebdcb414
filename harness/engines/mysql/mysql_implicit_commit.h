// Which statements end the current transaction on MySQL and MariaDB.
//
// Both servers commit before (and after) DDL and a few other statements, so a script that
// contains one cannot be atomic, and a failure after one cannot be rolled back. The list follows
// the MySQL 8.0 manual, "Statements That Cause an Implicit Commit", and MariaDB's equivalent page;
// it is decided from the statement's first keywords only.
#pragma once

#include <string_view>

namespace crucible::mysql {

// True when `statement` commits the open transaction (CREATE TABLE, ALTER, DROP, RENAME,
// TRUNCATE, GRANT, LOCK TABLES, START TRANSACTION, COMMIT, ...). CREATE/DROP TEMPORARY TABLE
// do not. CALL counts, because the procedure may do any of these.
bool commits_implicitly(std::string_view statement);

}  // namespace crucible::mysql
