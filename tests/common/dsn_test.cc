#include <gtest/gtest.h>

#include <cstdlib>

#include "harness/common/dsn.h"
#include "harness/common/error.h"

namespace crucible {
namespace {

TEST(Dsn, ParsesPostgresUrl) {
  Dsn dsn = parse_dsn("postgresql://alice:s%40cret@db.example:6543/admin?sslmode=disable");
  EXPECT_EQ(dsn.kind, EngineKind::postgres);
  EXPECT_EQ(dsn.user, "alice");
  EXPECT_EQ(dsn.password, "s@cret");
  EXPECT_EQ(dsn.host, "db.example");
  EXPECT_EQ(dsn.port, 6543);
  EXPECT_EQ(dsn.database, "admin");
  EXPECT_EQ(dsn.params.at("sslmode"), "disable");
}

TEST(Dsn, RedactedNeverShowsThePassword) {
  Dsn dsn = parse_dsn("mariadb://root:hunter2@127.0.0.1/");
  EXPECT_EQ(dsn.port, 3306);
  EXPECT_EQ(dsn.redacted(), "mariadb://root:***@127.0.0.1:3306/");
  EXPECT_EQ(dsn.redacted().find("hunter2"), std::string::npos);
}

TEST(Dsn, ErrorsDoNotEchoThePassword) {
  try {
    parse_dsn("postgresql://u:hunter2@host:notaport/db");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("notaport"), std::string::npos);
  }
  EXPECT_THROW(parse_dsn("oracle://x@y/z"), Error);
}

TEST(Dsn, SqliteForms) {
  EXPECT_EQ(parse_dsn("sqlite:").database, "");
  EXPECT_EQ(parse_dsn("sqlite:///tmp/app.db").database, "/tmp/app.db");
  EXPECT_EQ(parse_dsn("sqlite:///tmp/app.db?foreign_keys=on").params.at("foreign_keys"), "on");
}

TEST(Dsn, DefaultsComeFromEnvironment) {
  ::setenv("CRUCIBLE_MARIADB_URL", "mariadb://x:y@10.1.1.1:3307/", 1);
  EXPECT_EQ(default_dsn(EngineKind::mariadb).port, 3307);
  ::unsetenv("CRUCIBLE_MARIADB_URL");
  EXPECT_EQ(default_dsn(EngineKind::mariadb).host, "127.0.0.1");
  EXPECT_EQ(default_dsn(EngineKind::postgres).redacted(),
            "postgresql://crucible:***@127.0.0.1:5432/postgres");
}

TEST(Dsn, MariadbSessionParametersBecomeStatements) {
  Dsn dsn = parse_dsn(
      "mariadb://u:p@h/?sql_mode=NO_ENGINE_SUBSTITUTION&foreign_key_checks=off&time_zone=%2B00:00"
      "&connect_timeout=3");
  EXPECT_EQ(dsn.session, (std::vector<std::string>{
                             "SET SESSION foreign_key_checks = 0",
                             "SET SESSION sql_mode = 'NO_ENGINE_SUBSTITUTION'",
                             "SET SESSION time_zone = '+00:00'"}));
  // Connection options stay for the connector; session parameters do not reach it.
  EXPECT_EQ(dsn.params.size(), 1u);
  EXPECT_EQ(dsn.params.at("connect_timeout"), "3");
}

TEST(Dsn, PostgresSessionParametersBecomeStatements) {
  Dsn dsn = parse_dsn(
      "postgresql://u:p@h/postgres?search_path=app,%22$user%22,%20public&lock_timeout=5s"
      "&timezone=UTC&sslmode=disable");
  EXPECT_EQ(dsn.session, (std::vector<std::string>{"SET lock_timeout TO '5s'",
                                                   "SET search_path TO 'app', '$user', 'public'",
                                                   "SET TIME ZONE 'UTC'"}));
  EXPECT_EQ(dsn.params.at("sslmode"), "disable");
  EXPECT_EQ(dsn.params.count("search_path"), 0u);
}

TEST(Dsn, SessionParameterValuesCannotInjectStatements) {
  // A quote is doubled inside the literal; the value stays one value.
  EXPECT_EQ(parse_dsn("mariadb://h/?sql_mode=a%27;DROP").session.at(0),
            "SET SESSION sql_mode = 'a'';DROP'");
  for (const char* url : {"mariadb://h/?foreign_key_checks=maybe", "mariadb://h/?sql_mode=a%5Cb",
                          "postgresql://h/db?search_path=a,,b", "postgresql://h/db?timezone=%0A"}) {
    try {
      parse_dsn(url);
      ADD_FAILURE() << "expected an error for " << url;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("DSN parameter"), std::string::npos) << e.what();
    }
  }
}

TEST(Dsn, SessionParametersAreEngineSpecific) {
  // sql_mode means nothing to PostgreSQL: it stays a parameter, which the engine then rejects.
  Dsn dsn = parse_dsn("postgresql://h/db?sql_mode=ANSI");
  EXPECT_TRUE(dsn.session.empty());
  EXPECT_EQ(dsn.params.at("sql_mode"), "ANSI");
  EXPECT_STREQ(session_parameters(EngineKind::mariadb), "sql_mode, foreign_key_checks, time_zone");
}

TEST(Dsn, SessionParametersNeverShowThePassword) {
  try {
    parse_dsn("mariadb://root:hunter2@h/?foreign_key_checks=2");
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).find("hunter2"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("foreign_key_checks"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace crucible
