// What another project's test suite does with <crucible/gtest.h>: a reversible set passes, a
// set whose reverse forgets a table fails with the terminal report's lines; and the library
// (crucible::harness) loads a set. Built against an
// installed Crucible by ci/package.sh, and in the tree as embed_test.
#include <crucible/gtest.h>

#include <gtest/gtest-spi.h>

// The library itself (crucible::harness): headers keep their source paths under include/crucible/.
#include "harness/loaders/loader.h"

namespace {

const char* const kReversible = MIGRATIONS_DIR "/reversible";
const char* const kLeftover = MIGRATIONS_DIR "/leftover";

TEST(MigrationsVerify, AReversibleSetPassesOnSqlite) {
  EXPECT_MIGRATIONS_VERIFY(kReversible);
  ASSERT_MIGRATIONS_VERIFY(kReversible, "sqlite",
                           crucible::gtest::Options{.walks = 10, .seed = 3, .idempotence = false,
                                                    .data = true});
}

TEST(MigrationsVerify, AForgottenTableFailsWithMigrationCheckAndDiff) {
  ::testing::AssertionResult result = crucible::gtest::migrations_verify(kLeftover, {"sqlite"});
  ASSERT_FALSE(result);
  std::string message = result.message();
  EXPECT_NE(message.find("FAIL  sqlite / 0002 invoices / roundtrip"), std::string::npos) << message;
  EXPECT_NE(message.find("- table invoice_lines: added"), std::string::npos) << message;
  EXPECT_NE(message.find("1 failed"), std::string::npos) << message;
}

TEST(MigrationsVerify, TheMacrosReportTheFailure) {
  EXPECT_NONFATAL_FAILURE(EXPECT_MIGRATIONS_VERIFY(kLeftover, "sqlite"),
                          "sqlite / 0002 invoices / roundtrip");
  EXPECT_FATAL_FAILURE(ASSERT_MIGRATIONS_VERIFY(kLeftover), "table invoice_lines");
}

TEST(MigrationsVerify, BadInputFailsTheAssertionWithCrucibleError) {
  EXPECT_NONFATAL_FAILURE(EXPECT_MIGRATIONS_VERIFY(MIGRATIONS_DIR "/missing"), "missing");
  EXPECT_NONFATAL_FAILURE(EXPECT_MIGRATIONS_VERIFY(kReversible, "oracle"), "unknown engine");
  // An unreachable server is an engine that could not run, its password never printed.
  ::testing::AssertionResult unreachable = crucible::gtest::migrations_verify(
      kReversible, {"postgres=postgresql://u:hunter22@127.0.0.1:1/postgres"});
  EXPECT_FALSE(unreachable);
  std::string message = unreachable.message();
  EXPECT_NE(message.find("could not run"), std::string::npos) << message;
  EXPECT_EQ(message.find("hunter22"), std::string::npos) << message;
}

TEST(Library, LoadsASetThroughCrucibleHarness) {
  crucible::MigrationSet set = crucible::load_migrations(kReversible, {crucible::EngineKind::sqlite});
  ASSERT_EQ(set.migrations.size(), 2u);
  EXPECT_EQ(set.migrations[1].version, "0002");
}

}  // namespace
