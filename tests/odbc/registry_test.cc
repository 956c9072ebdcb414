// The engine registry: every engine's facts in one place, and the old answers unchanged.
#include <gtest/gtest.h>

#include "harness/common/dsn.h"
#include "harness/common/engine_kind.h"
#include "harness/engines/registry.h"

namespace crucible {
namespace {

TEST(Registry, EveryEngineKindIsRegisteredOnceUnderItsName) {
  for (EngineKind kind : all_engine_kinds()) {
    const EngineFacts& facts = engine_facts(kind);
    EXPECT_EQ(facts.kind, kind);
    EXPECT_EQ(parse_engine_name(facts.name), kind);
    EXPECT_NE(facts.connect, nullptr) << facts.name;
    EXPECT_FALSE(facts.default_url.empty()) << facts.name;
  }
  EXPECT_EQ(all_engine_kinds().size(), registered_engines().size());
}

TEST(Registry, AliasesAndDialectsAreTheOnesUsersKnow) {
  EXPECT_EQ(parse_engine_name("postgresql"), EngineKind::postgres);
  EXPECT_EQ(parse_engine_name("pg"), EngineKind::postgres);
  EXPECT_EQ(parse_engine_name("oracle"), std::nullopt);
  EXPECT_EQ(dialect_of(EngineKind::mariadb), Dialect::mysql);
  EXPECT_EQ(dialect_of(EngineKind::db2), Dialect::db2);
}

TEST(Registry, OnlyTheMysqlFamilyCommitsImplicitlyOnDdl) {
  for (EngineKind kind : all_engine_kinds()) {
    auto commits = engine_facts(kind).commits_implicitly;
    bool mysql_family = kind == EngineKind::mysql || kind == EngineKind::mariadb;
    // DB2's DDL is transactional; only TRUNCATE … IMMEDIATE escapes (tests/db2/db2_admin_test.cc).
    if (kind == EngineKind::db2) {
      ASSERT_NE(commits, nullptr);
      EXPECT_FALSE(commits("CREATE TABLE t (a int)"));
      continue;
    }
    ASSERT_EQ(commits != nullptr, mysql_family) << engine_name(kind);
    if (commits) {
      EXPECT_TRUE(commits("CREATE TABLE t (a int)"));
      EXPECT_FALSE(commits("INSERT INTO t VALUES (1)"));
    }
  }
}

TEST(Registry, DefaultDsnsComeFromTheFacts) {
  EXPECT_EQ(default_dsn(EngineKind::db2).port, 50000);
  EXPECT_EQ(parse_dsn("mysql://u@h/").port, 3306);
  EXPECT_EQ(parse_dsn("postgresql://u:secret@h/db").redacted(), "postgresql://u:***@h:5432/db");
  EXPECT_STREQ(session_parameters(EngineKind::mariadb), "sql_mode, foreign_key_checks, time_zone");
  EXPECT_STREQ(session_parameters(EngineKind::sqlite), "");
}

}  // namespace
}  // namespace crucible
