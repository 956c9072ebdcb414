// Real projects' layouts read as their own tools read them: ory/popx file names, pairing by
// version, per-version defects as findings, sql-migrate files, and other tools' layouts
// recognised by name. Each test builds the small folder it needs.
#include <gtest/gtest.h>

#include <filesystem>

#include "harness/common/error.h"
#include "harness/loaders/loader.h"
#include "loader_testing.h"
#include "temp_folder.h"

namespace crucible {
namespace {

using testing::TempFolder;
using testing::error_of;
using testing::versions;
using testing::migration;
using testing::scripts;
using testing::texts;

const std::vector<EngineKind> kEngines = {EngineKind::sqlite, EngineKind::postgres,
                                          EngineKind::mysql, EngineKind::mariadb};

std::string auto_error(const TempFolder& folder) {
  return error_of([&] { load_migrations(folder.path(), kEngines); });
}

// --- ory/popx ---------------------------------------------------------------------------------

TEST(LoaderPopx, ReadsEngineNamesAndOrdersTwentyDigitVersions) {
  TempFolder folder;
  for (std::string engine : {"postgres", "mysql", "sqlite3", "cockroach"}) {
    folder.write("20200317160354000010_later." + engine + ".up.sql", "CREATE TABLE b (id INT);");
    folder.write("20200317160354000010_later." + engine + ".down.sql", "DROP TABLE b;");
    folder.write("20200317160354000002_first." + engine + ".up.sql", "CREATE TABLE a (id INT);");
    folder.write("20200317160354000002_first." + engine + ".down.sql", "DROP TABLE a;");
  }
  MigrationSet set = load_migrations(folder.path(), kEngines);
  EXPECT_EQ(versions(set),
            (std::vector<std::string>{"20200317160354000002", "20200317160354000010"}));
  const Migration& first = migration(set, "20200317160354000002");
  EXPECT_EQ(scripts(first, EngineKind::sqlite).forward.file,
            "20200317160354000002_first.sqlite3.up.sql");
  EXPECT_EQ(scripts(first, EngineKind::mariadb).forward.file,
            "20200317160354000002_first.mysql.up.sql");
  EXPECT_EQ(scripts(first, EngineKind::postgres).reverse->file,
            "20200317160354000002_first.postgres.down.sql");
  EXPECT_TRUE(first.findings.empty());
}

TEST(LoaderPopx, AutocommitRunsOutsideATransaction) {
  TempFolder folder;
  folder.write("1_t.up.sql", "CREATE TABLE t (id INT);");
  folder.write("1_t.down.sql", "DROP TABLE t;");
  folder.write("2_idx.postgres.autocommit.up.sql", "CREATE INDEX CONCURRENTLY t_id ON t (id);");
  folder.write("2_idx.postgres.autocommit.down.sql", "DROP INDEX CONCURRENTLY t_id;");
  folder.write("2_idx.autocommit.up.sql", "CREATE INDEX t_id ON t (id);");
  folder.write("2_idx.down.sql", "DROP INDEX t_id;");
  MigrationSet set = load_sql_directory(folder.path(), kEngines);
  const Migration& index = migration(set, "2");
  EXPECT_FALSE(scripts(index, EngineKind::postgres).forward.transactional);
  EXPECT_FALSE(scripts(index, EngineKind::postgres).reverse->transactional);
  EXPECT_FALSE(scripts(index, EngineKind::sqlite).forward.transactional);
  EXPECT_TRUE(scripts(index, EngineKind::sqlite).reverse->transactional);
  EXPECT_TRUE(scripts(migration(set, "1"), EngineKind::sqlite).forward.transactional);
}

TEST(LoaderPopx, CockroachOnlyVersionIsSkippedWithTheReason) {
  TempFolder folder;
  folder.write("1_t.up.sql", "CREATE TABLE t (id INT);");
  folder.write("1_t.down.sql", "DROP TABLE t;");
  folder.write("2_crdb.cockroach.up.sql", "ALTER TABLE t CONFIGURE ZONE USING gc.ttlseconds = 1;");
  folder.write("2_crdb.cockroach.down.sql", "");
  // A cockroach down beside a generic up is cockroach's business, not a stray file.
  folder.write("3_u.up.sql", "CREATE TABLE u (id INT);");
  folder.write("3_u.down.sql", "DROP TABLE u;");
  folder.write("3_u.cockroach.down.sql", "DROP TABLE u CASCADE;");
  MigrationSet set = load_sql_directory(folder.path(), kEngines);
  const Migration& crdb = migration(set, "2");
  EXPECT_TRUE(crdb.scripts.empty());
  EXPECT_TRUE(crdb.findings.empty());
  EXPECT_EQ(crdb.unavailable.at(EngineKind::postgres),
            "no script for postgres (variants exist for cockroach)");
  EXPECT_TRUE(migration(set, "3").findings.empty());
  EXPECT_EQ(scripts(migration(set, "3"), EngineKind::postgres).reverse->file, "3_u.down.sql");
}

TEST(LoaderPopx, EmptyFilesGiveAnEmptyForwardAndAnEmptyReverse) {
  TempFolder folder;
  folder.write("20210410175418000000_nothing.postgres.up.sql", "");
  folder.write("20210410175418000000_nothing.postgres.down.sql", "");
  folder.write("20210410175418000000_nothing.sqlite3.up.sql", "-- nothing to do\n");
  folder.write("20210410175418000000_nothing.sqlite3.down.sql", "");
  MigrationSet set = load_sql_directory(folder.path(), {EngineKind::postgres, EngineKind::sqlite});
  for (EngineKind engine : {EngineKind::postgres, EngineKind::sqlite}) {
    const EngineScripts& s = scripts(set.migrations.at(0), engine);
    EXPECT_TRUE(s.forward.empty());
    ASSERT_TRUE(s.reverse.has_value());
    EXPECT_TRUE(s.reverse->empty());
  }
}

TEST(LoaderPopx, UnknownEngineTokenNamesTheFile) {
  TempFolder folder;
  folder.write("1_t.postgress.up.sql", "SELECT 1;");
  EXPECT_NE(auto_error(folder).find("1_t.postgress.up.sql: unknown engine 'postgress'"),
            std::string::npos)
      << auto_error(folder);
}

// --- pairing by version -----------------------------------------------------------------------

TEST(LoaderPairing, MismatchedTitlesPairByVersionWithANote) {
  TempFolder folder;
  folder.write("0030_add_x.up.sql", "CREATE TABLE x (id INT);");
  folder.write("0030_drop_x.down.sql", "DROP TABLE x;");
  MigrationSet set = load_sql_directory(folder.path(), kEngines);
  ASSERT_EQ(set.migrations.size(), 1u);
  const Migration& m = set.migrations[0];
  EXPECT_EQ(m.name, "add_x");
  EXPECT_TRUE(m.findings.empty());
  EXPECT_EQ(scripts(m, EngineKind::sqlite).reverse->file, "0030_drop_x.down.sql");
  ASSERT_EQ(m.notes.size(), 1u);
  EXPECT_NE(m.notes[0].find("0030_drop_x.down.sql"), std::string::npos) << m.notes[0];
  EXPECT_NE(m.notes[0].find("add_x"), std::string::npos) << m.notes[0];
}

TEST(LoaderPairing, DownWithoutAnUpIsAFindingOfItsVersionOnly) {
  TempFolder folder;
  folder.write("1_t.up.sql", "CREATE TABLE t (id INT);");
  folder.write("1_t.down.sql", "DROP TABLE t;");
  folder.write("2_drop_join_id.down.sql", "ALTER TABLE t DROP COLUMN join_id;");
  folder.write("3_u.up.sql", "CREATE TABLE u (id INT);");
  folder.write("3_u.down.sql", "DROP TABLE u;");
  MigrationSet set = load_sql_directory(folder.path(), kEngines);
  EXPECT_EQ(versions(set), (std::vector<std::string>{"1", "2", "3"}));
  const Migration& stray = migration(set, "2");
  EXPECT_TRUE(stray.scripts.empty());
  for (EngineKind engine : kEngines) {
    ASSERT_TRUE(stray.findings.count(engine)) << engine_name(engine);
    const ScriptDefect& finding = stray.findings.at(engine);
    EXPECT_NE(finding.message.find("down migration without an up"), std::string::npos);
    EXPECT_NE(finding.message.find("2_drop_join_id.down.sql"), std::string::npos);
    EXPECT_EQ(finding.where.file, "2_drop_join_id.down.sql");
  }
  EXPECT_TRUE(migration(set, "3").findings.empty());
  EXPECT_NO_THROW(scripts(migration(set, "3"), EngineKind::postgres));
}

TEST(LoaderPairing, EngineDownWithoutItsUpIsThatEnginesFinding) {
  TempFolder folder;
  folder.write("1_t.postgres.up.sql", "CREATE TABLE t (id INT);");
  folder.write("1_t.postgres.down.sql", "DROP TABLE t;");
  folder.write("1_t.mysql.down.sql", "DROP TABLE t;");
  MigrationSet set = load_sql_directory(folder.path(), kEngines);
  const Migration& m = set.migrations.at(0);
  EXPECT_TRUE(m.findings.count(EngineKind::mysql));
  EXPECT_TRUE(m.findings.count(EngineKind::mariadb));  // it would run mysql's files
  EXPECT_FALSE(m.findings.count(EngineKind::postgres));
  EXPECT_FALSE(m.findings.count(EngineKind::sqlite));
  EXPECT_TRUE(m.unavailable.count(EngineKind::sqlite));
  EXPECT_NO_THROW(scripts(m, EngineKind::postgres));
}

TEST(LoaderPairing, TwoUpsForOneVersionNameEveryFile) {
  TempFolder folder;
  folder.write("1_t.up.sql", "CREATE TABLE t (id INT);");
  folder.write("1_t.down.sql", "DROP TABLE t;");
  folder.write("2_a.up.sql", "CREATE TABLE a (id INT);");
  folder.write("2_b.up.sql", "CREATE TABLE b (id INT);");
  folder.write("2_a.down.sql", "DROP TABLE a;");
  folder.write("02_c.down.sql", "DROP TABLE c;");
  MigrationSet set = load_sql_directory(folder.path(), kEngines);
  const ScriptDefect& finding = migration(set, "2").findings.at(EngineKind::sqlite);
  for (std::string file : {"2_a.up.sql", "2_b.up.sql", "2_a.down.sql", "02_c.down.sql"})
    EXPECT_NE(finding.message.find(file), std::string::npos) << finding.message;
  EXPECT_NE(finding.message.find("2 up scripts"), std::string::npos) << finding.message;
  EXPECT_NO_THROW(scripts(migration(set, "1"), EngineKind::sqlite));
}

TEST(LoaderPairing, TwoDbmateFilesForOneVersionAreAFinding) {
  TempFolder folder;
  folder.write("1_a.sql",
               "-- migrate:up\nCREATE TABLE a (id INT);\n-- migrate:down\nDROP TABLE a;\n");
  folder.write("001_b.sql",
               "-- migrate:up\nCREATE TABLE b (id INT);\n-- migrate:down\nDROP TABLE b;\n");
  folder.write("2_c.sql",
               "-- migrate:up\nCREATE TABLE c (id INT);\n-- migrate:down\nDROP TABLE c;\n");
  MigrationSet set = load_sql_directory(folder.path(), kEngines);
  const ScriptDefect& finding = set.migrations.at(0).findings.at(EngineKind::postgres);
  EXPECT_NE(finding.message.find("1_a.sql"), std::string::npos) << finding.message;
  EXPECT_NE(finding.message.find("001_b.sql"), std::string::npos) << finding.message;
  EXPECT_NO_THROW(scripts(migration(set, "2"), EngineKind::postgres));
}

TEST(LoaderPairing, EveryUnreadableFileNameIsListedAtOnce) {
  TempFolder folder;
  folder.write("1_t.up.sql", "CREATE TABLE t (id INT);");
  folder.write("create_users.sql", "CREATE TABLE users (id INT);");
  folder.write("2_x.upp.sql", "SELECT 1;");
  folder.write("3_y.mongo.up.sql", "SELECT 1;");
  std::string error = auto_error(folder);
  for (std::string file : {"create_users.sql", "2_x.upp.sql", "3_y.mongo.up.sql"})
    EXPECT_NE(error.find(file), std::string::npos) << error;
  EXPECT_NE(error.find("3 migration files"), std::string::npos) << error;
}

// --- sql-migrate ------------------------------------------------------------------------------

const char* kSqlMigrateFile = R"(-- a comment before the sections
-- +migrate Up
CREATE TABLE t (id INT, n INT);
-- +migrate StatementBegin
CREATE TRIGGER t_ins AFTER INSERT ON t FOR EACH ROW BEGIN
  UPDATE t SET n = 1 WHERE id = NEW.id;
  UPDATE t SET n = 2 WHERE id = NEW.id;
END;
-- +migrate StatementEnd
CREATE INDEX t_n ON t (n);

-- +migrate Down
DROP TABLE t;
)";

TEST(LoaderSqlMigrate, SectionsAndStatementBlocks) {
  TempFolder folder;
  folder.write("20240101120000-create_t.sql", kSqlMigrateFile);
  MigrationSet set = load_migrations(folder.path(), kEngines);
  const Migration& m = set.migrations.at(0);
  EXPECT_EQ(m.version, "20240101120000");
  EXPECT_EQ(m.name, "create_t");
  const EngineScripts& s = scripts(m, EngineKind::postgres);
  std::vector<std::string> forward = texts(s.forward);
  ASSERT_EQ(forward.size(), 3u);
  EXPECT_EQ(forward[1],
            "CREATE TRIGGER t_ins AFTER INSERT ON t FOR EACH ROW BEGIN\n"
            "  UPDATE t SET n = 1 WHERE id = NEW.id;\n"
            "  UPDATE t SET n = 2 WHERE id = NEW.id;\nEND");
  EXPECT_EQ(s.forward.statements[1].where.line, 5);
  EXPECT_EQ(s.forward.statements[2].where.line, 10);
  EXPECT_TRUE(s.forward.transactional);
  EXPECT_EQ(texts(*s.reverse), (std::vector<std::string>{"DROP TABLE t"}));
  EXPECT_EQ(s.reverse->statements[0].where.line, 13);
}

TEST(LoaderSqlMigrate, BlocksHoldAnyNumberOfSemicolons) {
  TempFolder folder;
  folder.write("1_t.sql",
               "-- +migrate Up\n-- +migrate StatementBegin\nINSERT INTO t VALUES (1); INSERT INTO "
               "t VALUES (2);\n-- +migrate StatementEnd\n-- +migrate Down\n");
  MigrationSet set = load_migrations(folder.path(), kEngines);
  const Script& forward = scripts(set.migrations.at(0), EngineKind::sqlite).forward;
  EXPECT_EQ(texts(forward),
            (std::vector<std::string>{"INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)"}));
  EXPECT_EQ(scripts(set.migrations.at(0), EngineKind::postgres).forward.statements.size(), 1u);
}

// Real MySQL projects wrap several statements in one block and run them with the driver's
// multiStatements; MySQL and MariaDB take one statement per query, so the block is split as the
// server splits it (a trigger's BEGIN … END stays whole).
TEST(LoaderSqlMigrate, MySqlBlocksRunAsTheServerSplitsThem) {
  TempFolder folder;
  folder.write("1_t.sql",
               "-- +migrate Up\n-- +migrate StatementBegin\nCREATE TABLE a (id INT);\n\n"
               "CREATE TABLE b (id INT);\nCREATE TRIGGER a_ins AFTER INSERT ON a FOR EACH ROW "
               "BEGIN\n  INSERT INTO b VALUES (NEW.id);\n  INSERT INTO b VALUES (NEW.id);\nEND;\n"
               "-- +migrate StatementEnd\n-- +migrate Down\n");
  MigrationSet set = load_migrations(folder.path(), kEngines);
  const Script& mariadb = scripts(set.migrations.at(0), EngineKind::mariadb).forward;
  ASSERT_EQ(mariadb.statements.size(), 3u) << ::testing::PrintToString(texts(mariadb));
  EXPECT_EQ(mariadb.statements[1].where.line, 5);
  EXPECT_EQ(mariadb.statements[2].sql.substr(0, 21), "CREATE TRIGGER a_ins ");
  EXPECT_EQ(scripts(set.migrations.at(0), EngineKind::sqlite).forward.statements.size(), 1u);
}

TEST(LoaderSqlMigrate, NoTransactionOptionPerSection) {
  TempFolder folder;
  folder.write("1_idx.sql",
               "-- +migrate Up notransaction\nCREATE INDEX CONCURRENTLY i ON t (id);\n"
               "-- +migrate Down\nDROP INDEX i;\n");
  MigrationSet set = load_migrations(folder.path(), kEngines);
  const EngineScripts& s = scripts(set.migrations.at(0), EngineKind::postgres);
  EXPECT_FALSE(s.forward.transactional);
  EXPECT_TRUE(s.reverse->transactional);
}

TEST(LoaderSqlMigrate, MistakesNameTheFileAndLine) {
  auto error_for = [](const std::string& text) {
    TempFolder folder;
    folder.write("1_t.sql", text);
    return auto_error(folder);
  };
  EXPECT_NE(error_for("-- +migrate Up\n-- +migrate StatementBegin\nSELECT 1;\n-- +migrate Down\n")
                .find("1_t.sql:2: `-- +migrate StatementBegin` without a StatementEnd"),
            std::string::npos);
  EXPECT_NE(error_for("-- +migrate Up\nSELECT 1;\n-- +migrate StatementEnd\n")
                .find("1_t.sql:3: `-- +migrate StatementEnd` without a StatementBegin"),
            std::string::npos);
  EXPECT_NE(error_for("-- +migrate Up\n-- +migrate Statementbegin\n")
                .find("1_t.sql:2: unknown sql-migrate annotation"),
            std::string::npos);
  EXPECT_NE(error_for("-- +migrate Up no-transaction\n")
                .find("1_t.sql:1: unknown sql-migrate option 'no-transaction'"),
            std::string::npos);
  EXPECT_NE(error_for("-- +migrate Down\nSELECT 1;\n").find("no `-- +migrate Up` line"),
            std::string::npos);
  EXPECT_NE(error_for("SELECT 1;\n-- +migrate Up\n").find("1_t.sql:1: SQL before the first"),
            std::string::npos);
}

TEST(LoaderSqlMigrate, FormatOptionReadsSingleFilesAsSqlMigrate) {
  TempFolder folder;
  folder.write("1_t.sql", "-- migrate:up\nCREATE TABLE t (id INT);\n");
  EXPECT_NO_THROW(load_migrations(folder.path(), kEngines, "sql"));
  std::string error = error_of([&] { load_migrations(folder.path(), kEngines, "sql-migrate"); });
  EXPECT_NE(error.find("no `-- +migrate Up` line"), std::string::npos) << error;
}

// --- other tools' layouts ---------------------------------------------------------------------

void expect_recognised(const TempFolder& folder, const std::string& what) {
  std::string error = auto_error(folder);
  EXPECT_NE(error.find("recognised " + what), std::string::npos) << error;
  EXPECT_NE(error.find("does not read yet"), std::string::npos) << error;
}

// goose files have a loader of their own: the SQL loader names it instead of refusing them.
TEST(LoaderForeignLayouts, GooseFilesPointAtTheirFormat) {
  TempFolder folder;
  folder.write("00001_init.sql", "-- +goose Up\nCREATE TABLE t (id INT);\n-- +goose Down\n");
  EXPECT_EQ(load_migrations(folder.path(), kEngines).format, "goose");
  std::string error = error_of([&] { load_migrations(folder.path(), kEngines, "sql"); });
  EXPECT_NE(error.find("recognised goose migrations (`-- +goose Up` on line 1 of 00001_init.sql); "
                       "read it with --format goose"),
            std::string::npos)
      << error;
}

TEST(LoaderForeignLayouts, LiquibaseChangelogsOtherThanFormattedSql) {
  TempFolder xml;
  xml.write("db.changelog-master.xml",
            "<?xml version=\"1.0\"?>\n<databaseChangeLog>\n</databaseChangeLog>\n");
  expect_recognised(xml, "a Liquibase changelog (db.changelog-master.xml; XML, YAML and JSON "
                         "changelogs are out of scope");
}

TEST(LoaderForeignLayouts, FolderPerMigrationTools) {
  TempFolder diesel;
  std::filesystem::create_directory(diesel / "2024-01-01-000000_create_users");
  diesel.write("2024-01-01-000000_create_users/up.sql", "CREATE TABLE users (id INT);");
  diesel.write("2024-01-01-000000_create_users/down.sql", "DROP TABLE users;");
  EXPECT_EQ(load_migrations(diesel.path(), kEngines).format, "folders");
  std::string error = error_of([&] { load_migrations(diesel.path(), kEngines, "sql"); });
  EXPECT_NE(error.find("recognised a Diesel migrations folder "
                       "(2024-01-01-000000_create_users/up.sql); read it with --format folders"),
            std::string::npos)
      << error;
  TempFolder prisma;
  std::filesystem::create_directory(prisma / "20240101120000_init");
  prisma.write("20240101120000_init/migration.sql", "CREATE TABLE users (id INT);");
  prisma.write("migration_lock.toml", "provider = \"postgresql\"\n");
  expect_recognised(prisma, "a Prisma migrations folder (20240101120000_init/migration.sql)");
}

TEST(LoaderForeignLayouts, Alembic) {
  // Alembic projects are read (alembic_test.cc); a versions/ folder without env.py points there.
  TempFolder alembic;
  std::filesystem::create_directory(alembic / "versions");
  alembic.write("versions/1a2b_init.py", "revision = '1a2b'\ndown_revision = None\n");
  std::string error = auto_error(alembic);
  EXPECT_NE(error.find("recognised an Alembic migrations folder (versions/1a2b_init.py); read it "
                       "with --format alembic"),
            std::string::npos)
      << error;
  // sqitch projects are read now (sqitch_test.cc).
}

}  // namespace
}  // namespace crucible
