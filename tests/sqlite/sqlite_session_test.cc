// Session statements on SQLite (issue 20 item 4) and which libsqlite3 runs (item 6).
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <cstdlib>

#include "harness/common/error.h"
#include "harness/engines/engine.h"
#include "harness/engines/sqlite/sqlite_library.h"
#include "tests/support/query_cases.h"

namespace crucible::testing {
namespace {

int64_t pragma(Database& db, const std::string& name) {
  QueryResult r = must_query(db, "PRAGMA " + name);
  return r.rows.empty() ? -1 : std::get<int64_t>(r.rows.at(0).at(0));
}

TEST(SqliteSession, StatementsReachScratchClonesAndSessions) {
  Dsn dsn = parse_dsn("sqlite:");
  dsn.session = {"PRAGMA foreign_keys = ON", "PRAGMA recursive_triggers = 1"};
  auto engine = connect_engine(dsn);
  auto db = engine->create_scratch();
  auto clone = db->clone();
  auto session = db->open_session();
  for (Database* each : {db.get(), clone.get(), session.get()}) {
    EXPECT_EQ(pragma(*each, "foreign_keys"), 1) << each->name();
    EXPECT_EQ(pragma(*each, "recursive_triggers"), 1) << each->name();
  }
}

TEST(SqliteSession, AStatementCannotLeaveContainment) {
  Dsn dsn = parse_dsn("sqlite:");
  dsn.session = {"ATTACH DATABASE '/tmp/crucible_session_escape.db' AS other"};
  auto engine = connect_engine(dsn);
  try {
    engine->create_scratch();
    FAIL() << "ATTACH ran from a session statement";
  } catch (const Error& e) {
    std::string message = e.what();
    EXPECT_NE(message.find("session statement failed"), std::string::npos) << message;
    EXPECT_NE(message.find("ATTACH DATABASE"), std::string::npos) << message;
  }
}

TEST(SqliteSession, UnknownDsnParameterIsNamed) {
  try {
    connect_engine(parse_dsn("sqlite:?foreign_key=on"));
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("unknown DSN parameter 'foreign_key' (known: foreign_keys"),
              std::string::npos) << e.what();
  }
}

TEST(SqliteLibrary, ReportedVersionIsTheLoadedLibrary) {
  auto engine = connect_engine(parse_dsn("sqlite:"));
  EXPECT_EQ(engine->server_info().version, sqlite3_libversion());
  EXPECT_NE(sqlite::loaded_library_path().find("libsqlite3"), std::string::npos);
}

TEST(SqliteLibrary, RequestedLibraryMustBeTheLoadedOne) {
  ::setenv("CRUCIBLE_SQLITE_LIB", sqlite::loaded_library_path().c_str(), 1);
  EXPECT_NO_THROW(connect_engine(parse_dsn("sqlite:")));
  ::setenv("CRUCIBLE_SQLITE_LIB", "/opt/sqlite-3.46/lib/libsqlite3.so.0", 1);
  try {
    connect_engine(parse_dsn("sqlite:"));
    ADD_FAILURE() << "a requested library that is not loaded was ignored";
  } catch (const Error& e) {
    std::string message = e.what();
    EXPECT_NE(message.find(sqlite3_libversion()), std::string::npos) << message;
    EXPECT_NE(message.find("LD_LIBRARY_PATH=/opt/sqlite-3.46/lib"), std::string::npos) << message;
  }
  ::unsetenv("CRUCIBLE_SQLITE_LIB");
}

}  // namespace
}  // namespace crucible::testing
