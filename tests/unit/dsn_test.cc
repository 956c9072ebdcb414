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

}  // namespace
}  // namespace crucible
