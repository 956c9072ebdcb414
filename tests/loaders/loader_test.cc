// The SQL directory loader on the three layouts (fixtures in tests/loaders/fixtures), and every
// error it reports, on folders made for each test.
#include "harness/loaders/loader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>

#include "harness/common/error.h"
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

const std::vector<EngineKind> kAllEngines = {EngineKind::sqlite, EngineKind::postgres,
                                             EngineKind::mysql, EngineKind::mariadb,
                                             EngineKind::db2};

std::string fixture(const std::string& name) { return std::string(LOADER_FIXTURES) + "/" + name; }

std::string load_error(const TempFolder& folder) {
  return testing::sql_directory_error(folder, kAllEngines);
}

// --- golang-migrate ---------------------------------------------------------------------------

TEST(LoaderGolangMigrate, OrdersVersionsNumericallyAndIgnoresOtherFiles) {
  MigrationSet set = load_sql_directory(fixture("golang_migrate"), kAllEngines);
  EXPECT_EQ(set.format, "sql");
  EXPECT_EQ(set.root, fixture("golang_migrate"));
  // 9 before 10; README.md, the .toml sidecar and archive/0_archived.up.sql are not migrations.
  EXPECT_EQ(versions(set), (std::vector<std::string>{"1", "2", "9", "10", "11"}));
  EXPECT_EQ(migration(set, "2").name, "add_index");
  EXPECT_EQ(migration(set, "9").name, "engine_specific");
}

TEST(LoaderGolangMigrate, StatementsKeepTheirFileAndLine) {
  MigrationSet set = load_sql_directory(fixture("golang_migrate"), kAllEngines);
  const Script& forward = scripts(migration(set, "1"), EngineKind::sqlite).forward;
  EXPECT_EQ(forward.file, "1_create_users.up.sql");
  ASSERT_EQ(forward.statements.size(), 1u);
  EXPECT_EQ(forward.statements[0].sql,
            "CREATE TABLE users (\n    id    INTEGER PRIMARY KEY,\n    email VARCHAR(254) NOT "
            "NULL\n)");
  EXPECT_EQ(forward.statements[0].where, (SourceLocation{"1_create_users.up.sql", 2}));
}

TEST(LoaderGolangMigrate, ResolvesVariantsPerEngineAndDirection) {
  MigrationSet set = load_sql_directory(fixture("golang_migrate"), kAllEngines);
  const Migration& m = migration(set, "2");
  auto files = [&](EngineKind engine) {
    const EngineScripts& s = scripts(m, engine);
    return std::pair{s.forward.file, s.reverse ? s.reverse->file : "(none)"};
  };
  using Files = std::pair<std::string, std::string>;
  EXPECT_EQ(files(EngineKind::sqlite), (Files{"2_add_index.up.sql", "2_add_index.down.sql"}));
  EXPECT_EQ(files(EngineKind::postgres),
            (Files{"2_add_index.postgres.up.sql", "2_add_index.down.sql"}));
  EXPECT_EQ(files(EngineKind::mysql),
            (Files{"2_add_index.mysql.up.sql", "2_add_index.mysql.down.sql"}));
  // MariaDB: its own down, MySQL's up (it has none of its own).
  EXPECT_EQ(files(EngineKind::mariadb),
            (Files{"2_add_index.mysql.up.sql", "2_add_index.mariadb.down.sql"}));
  EXPECT_EQ(files(EngineKind::db2), (Files{"2_add_index.up.sql", "2_add_index.down.sql"}));
  EXPECT_TRUE(m.unavailable.empty());
}

TEST(LoaderGolangMigrate, EnginesWithoutAScriptGetTheReason) {
  MigrationSet set = load_sql_directory(fixture("golang_migrate"), kAllEngines);
  const Migration& m = migration(set, "9");
  EXPECT_EQ(m.unavailable.at(EngineKind::sqlite),
            "no script for sqlite (variants exist for postgres, mariadb)");
  EXPECT_EQ(m.unavailable.at(EngineKind::mysql),
            "no script for mysql (variants exist for postgres, mariadb)");
  EXPECT_EQ(m.unavailable.at(EngineKind::db2),
            "no script for db2 (variants exist for postgres, mariadb)");
  EXPECT_EQ(m.for_engine(EngineKind::sqlite), nullptr);
  // `postgresql` in a file name is PostgreSQL.
  EXPECT_EQ(scripts(m, EngineKind::postgres).forward.file, "9_engine_specific.postgresql.up.sql");
  EXPECT_EQ(scripts(m, EngineKind::postgres).reverse->file, "9_engine_specific.postgres.down.sql");
  EXPECT_EQ(texts(scripts(m, EngineKind::mariadb).forward),
            std::vector<std::string>{"CREATE SEQUENCE mood_seq"});
  EXPECT_EQ(m.unavailable.count(EngineKind::postgres), 0u);
}

TEST(LoaderGolangMigrate, OnlyTheRequestedEngines) {
  MigrationSet set = load_sql_directory(fixture("golang_migrate"), {EngineKind::postgres});
  for (const Migration& m : set.migrations) {
    EXPECT_EQ(m.scripts.size(), 1u) << m.version;
    EXPECT_TRUE(m.unavailable.empty()) << m.version;
  }
}

TEST(LoaderGolangMigrate, NoTransactionMarker) {
  MigrationSet set = load_sql_directory(fixture("golang_migrate"), kAllEngines);
  const Migration& m = migration(set, "2");
  EXPECT_FALSE(scripts(m, EngineKind::postgres).forward.transactional);
  EXPECT_TRUE(scripts(m, EngineKind::postgres).reverse->transactional);
  EXPECT_TRUE(scripts(m, EngineKind::sqlite).forward.transactional);
}

TEST(LoaderGolangMigrate, DropsTheScriptsOwnTransaction) {
  MigrationSet set = load_sql_directory(fixture("golang_migrate"), kAllEngines);
  const EngineScripts& s = scripts(migration(set, "10"), EngineKind::sqlite);
  EXPECT_EQ(texts(s.forward), (std::vector<std::string>{
                                  "INSERT INTO users (id, email) VALUES (1, 'a@example.com')",
                                  "INSERT INTO users (id, email) VALUES (2, 'b@example.com')"}));
  EXPECT_EQ(s.forward.statements[0].where.line, 3);
  EXPECT_FALSE(s.reverse.has_value()) << "no down file: no reverse at all";
}

TEST(LoaderGolangMigrate, IrreversibleMarkerAndCommentOnlyDown) {
  MigrationSet set = load_sql_directory(fixture("golang_migrate"), kAllEngines);
  const Migration& m = migration(set, "11");
  EXPECT_EQ(m.irreversible, "the legacy rows are gone for good");
  const EngineScripts& s = scripts(m, EngineKind::postgres);
  ASSERT_TRUE(s.reverse.has_value());
  EXPECT_TRUE(s.reverse->empty());
  EXPECT_FALSE(migration(set, "1").irreversible.has_value());
}

TEST(LoaderGolangMigrate, SplitsWithEachEnginesDialect) {
  TempFolder folder;
  folder.write("1_x.up.sql", "SELECT 'a\\';SELECT 2;");
  MigrationSet set = load_sql_directory(folder.path(), {EngineKind::sqlite, EngineKind::mariadb});
  EXPECT_EQ(texts(scripts(set.migrations[0], EngineKind::sqlite).forward),
            (std::vector<std::string>{"SELECT 'a\\'", "SELECT 2"}));
  // In MySQL's dialect the backslash escapes the quote: one unterminated string.
  EXPECT_EQ(texts(scripts(set.migrations[0], EngineKind::mariadb).forward),
            (std::vector<std::string>{"SELECT 'a\\';SELECT 2;"}));
  EXPECT_TRUE(scripts(set.migrations[0], EngineKind::mariadb).forward.defect.has_value());
  EXPECT_FALSE(scripts(set.migrations[0], EngineKind::sqlite).forward.defect.has_value());
}

// A broken file is not a load failure (the other migrations still run): its script carries the
// defect, which applying turns into a forward/reverse error at the file:line.
TEST(LoaderGolangMigrate, AnUnterminatedCommentIsAScriptDefectNotALoadError) {
  TempFolder folder;
  folder.write("1_a.up.sql", "CREATE TABLE a(id int);\n/* never closed\nCREATE TABLE b(id int);\n");
  folder.write("1_a.down.sql", "DROP TABLE a;\n");
  folder.write("2_b.up.sql", "CREATE TABLE c(id int);\n");
  folder.write("2_b.down.sql", "DROP TABLE c; -- fine\nSELECT 'x\n");
  MigrationSet set = load_sql_directory(folder.path(), kAllEngines);
  ASSERT_EQ(versions(set), (std::vector<std::string>{"1", "2"}));
  for (EngineKind engine : kAllEngines) {
    const Script& up = scripts(migration(set, "1"), engine).forward;
    ASSERT_TRUE(up.defect.has_value());
    EXPECT_EQ(up.defect->where, (SourceLocation{"1_a.up.sql", 2}));
    EXPECT_NE(up.defect->message.find("unterminated /* comment"), std::string::npos);
    EXPECT_FALSE(scripts(migration(set, "1"), engine).reverse->defect.has_value());
    const Script& down = *scripts(migration(set, "2"), engine).reverse;
    ASSERT_TRUE(down.defect.has_value());
    EXPECT_EQ(down.defect->where, (SourceLocation{"2_b.down.sql", 2}));
    EXPECT_FALSE(down.empty());
  }
}

TEST(LoaderGolangMigrate, SharedDownWithPerEngineUps) {
  TempFolder folder;
  folder.write("0001_a.postgres.up.sql", "CREATE TABLE a (x INT);");
  folder.write("0001_a.down.sql", "DROP TABLE a;");
  MigrationSet set = load_sql_directory(folder.path(), kAllEngines);
  EXPECT_EQ(scripts(set.migrations[0], EngineKind::postgres).reverse->file, "0001_a.down.sql");
  EXPECT_EQ(set.migrations[0].unavailable.at(EngineKind::sqlite),
            "no script for sqlite (variants exist for postgres)");
}

TEST(LoaderGolangMigrate, ANonTransactionalScriptKeepsItsOwnTransaction) {
  TempFolder folder;
  folder.write("1_a.up.sql", "-- crucible:no-transaction\nBEGIN;\nSELECT 1;\nCOMMIT;\n");
  folder.write("2_b.up.sql", "BEGIN;\nSELECT 1;\n");  // no COMMIT: not a wrapper
  folder.write("3_c.up.sql", "START TRANSACTION;\nSELECT 1;\nSELECT 2;\nEND;\n");
  MigrationSet set = load_sql_directory(folder.path(), {EngineKind::mysql});
  EXPECT_EQ(texts(scripts(set.migrations[0], EngineKind::mysql).forward),
            (std::vector<std::string>{"BEGIN", "SELECT 1", "COMMIT"}));
  EXPECT_EQ(texts(scripts(set.migrations[1], EngineKind::mysql).forward),
            (std::vector<std::string>{"BEGIN", "SELECT 1"}));
  EXPECT_EQ(texts(scripts(set.migrations[2], EngineKind::mysql).forward),
            (std::vector<std::string>{"SELECT 1", "SELECT 2"}));
}

TEST(LoaderGolangMigrate, BigTimestampVersions) {
  TempFolder folder;
  folder.write("20240101120000_b.up.sql", "SELECT 2;");
  folder.write("900_a.up.sql", "SELECT 1;");
  folder.write("202401011200000000000001_c.up.sql", "SELECT 3;");
  EXPECT_EQ(versions(load_sql_directory(folder.path(), kAllEngines)),
            (std::vector<std::string>{"900", "20240101120000", "202401011200000000000001"}));
}

// --- dbmate -----------------------------------------------------------------------------------

TEST(LoaderDbmate, OrdersVersionsNumerically) {
  MigrationSet set = load_sql_directory(fixture("dbmate"), kAllEngines);
  EXPECT_EQ(versions(set),
            (std::vector<std::string>{"99", "20240101120000", "20240102090000", "20240103000000"}));
  EXPECT_EQ(set.migrations[1].name, "create_users");
}

TEST(LoaderDbmate, SectionsKeepTheRealFileLines) {
  MigrationSet set = load_sql_directory(fixture("dbmate"), kAllEngines);
  const EngineScripts& s = scripts(migration(set, "20240101120000"), EngineKind::postgres);
  ASSERT_EQ(s.forward.statements.size(), 2u);
  EXPECT_EQ(s.forward.statements[0].where, (SourceLocation{"20240101120000_create_users.sql", 3}));
  EXPECT_EQ(s.forward.statements[1].sql, "CREATE INDEX users_email_idx ON users (email)");
  EXPECT_EQ(s.forward.statements[1].where.line, 8);
  ASSERT_TRUE(s.reverse.has_value());
  EXPECT_EQ(texts(*s.reverse),
            (std::vector<std::string>{"DROP INDEX users_email_idx", "DROP TABLE users"}));
  EXPECT_EQ(s.reverse->statements[0].where.line, 11);
  EXPECT_EQ(s.reverse->statements[1].where.line, 12);
  EXPECT_TRUE(s.forward.transactional);
}

TEST(LoaderDbmate, AnUnterminatedTokenInASectionIsADefectAtItsFileLine) {
  TempFolder folder;
  folder.write("20240101000000_a.sql",
               "-- migrate:up\nCREATE TABLE a(id int);\n/* never closed\n"
               "-- migrate:down\nDROP TABLE a;\n");
  folder.write("20240102000000_b.sql",
               "-- migrate:up\nCREATE TABLE b(id int);\n-- migrate:down\n\nDROP TABLE \"b;\n");
  MigrationSet set = load_sql_directory(folder.path(), {EngineKind::postgres});
  const EngineScripts& a = scripts(migration(set, "20240101000000"), EngineKind::postgres);
  ASSERT_TRUE(a.forward.defect.has_value());
  EXPECT_EQ(a.forward.defect->where, (SourceLocation{"20240101000000_a.sql", 3}));
  const EngineScripts& b = scripts(migration(set, "20240102000000"), EngineKind::postgres);
  EXPECT_FALSE(b.forward.defect.has_value());
  ASSERT_TRUE(b.reverse->defect.has_value());
  EXPECT_EQ(b.reverse->defect->where, (SourceLocation{"20240102000000_b.sql", 5}));
  EXPECT_NE(b.reverse->defect->message.find("quoted identifier"), std::string::npos);
}

TEST(LoaderDbmate, TransactionFalseOption) {
  MigrationSet set = load_sql_directory(fixture("dbmate"), kAllEngines);
  const EngineScripts& s = scripts(migration(set, "20240102090000"), EngineKind::postgres);
  EXPECT_FALSE(s.forward.transactional);
  EXPECT_FALSE(s.reverse->transactional);
}

TEST(LoaderDbmate, MissingDownSectionIsNoReverse) {
  MigrationSet set = load_sql_directory(fixture("dbmate"), kAllEngines);
  EXPECT_FALSE(scripts(migration(set, "99"), EngineKind::sqlite).reverse.has_value());
}

TEST(LoaderDbmate, CrucibleMarkersApplyToTheirSection) {
  MigrationSet set = load_sql_directory(fixture("dbmate"), kAllEngines);
  const Migration& m = migration(set, "20240103000000");
  EXPECT_EQ(m.irreversible, "mail addresses were normalised");
  const EngineScripts& s = scripts(m, EngineKind::sqlite);
  EXPECT_FALSE(s.forward.transactional);
  ASSERT_TRUE(s.reverse.has_value());
  EXPECT_TRUE(s.reverse->empty());
  EXPECT_TRUE(s.reverse->transactional);
}

TEST(LoaderDbmate, Errors) {
  {
    TempFolder folder;
    folder.write("0001_a.sql", "CREATE TABLE a (x INT);\n");
    EXPECT_EQ(load_error(folder),
              folder / "0001_a.sql" +
                  ": no `-- migrate:up` line (a dbmate migration has `-- migrate:up` and "
                  "`-- migrate:down` sections)");
  }
  {
    TempFolder folder;
    folder.write("0001_a.sql", "-- fine\nCREATE TABLE a (x INT);\n-- migrate:up\nSELECT 1;\n");
    EXPECT_EQ(load_error(folder),
              folder / "0001_a.sql" + ":2: SQL before the first `-- migrate:up` line");
  }
  {
    TempFolder folder;
    folder.write("0001_a.sql", "-- migrate:up\nSELECT 1;\n-- migrate:down\n\n-- migrate:down\n");
    EXPECT_EQ(load_error(folder), folder / "0001_a.sql" + ":5: a second `-- migrate:down` section");
  }
  {
    TempFolder folder;
    folder.write("0001_a.sql", "-- migrate:up transaction:off\nSELECT 1;\n");
    EXPECT_EQ(load_error(folder),
              folder / "0001_a.sql" +
                  ":1: unknown dbmate option 'transaction:off' (known: transaction:false, "
                  "transaction:true)");
  }
}

// --- Flyway -----------------------------------------------------------------------------------

TEST(LoaderFlyway, OrdersDottedVersionsPartByPart) {
  MigrationSet set = load_sql_directory(fixture("flyway"), kAllEngines);
  EXPECT_EQ(versions(set), (std::vector<std::string>{"1", "1.1", "1.2", "1.10", "2_1"}));
  EXPECT_EQ(migration(set, "2_1").name, "create_audit");
}

TEST(LoaderFlyway, UndoFilesAreTheReverse) {
  MigrationSet set = load_sql_directory(fixture("flyway"), kAllEngines);
  EXPECT_EQ(scripts(migration(set, "1.1"), EngineKind::db2).reverse->file, "U1.1__add_email.sql");
  EXPECT_EQ(scripts(migration(set, "2_1"), EngineKind::db2).reverse->file, "U2_1__drop_audit.sql");
  EXPECT_FALSE(scripts(migration(set, "1.10"), EngineKind::db2).reverse.has_value());
}

TEST(LoaderFlyway, RepeatableMigrationsAreNotSupported) {
  TempFolder folder;
  folder.write("V1__a.sql", "SELECT 1;");
  folder.write("R__views.sql", "CREATE VIEW v AS SELECT 1;");
  EXPECT_EQ(load_error(folder),
            folder / "R__views.sql" +
                ": Flyway repeatable migrations (R__) are not supported: Crucible verifies "
                "versioned migrations (V<version>__<description>.sql)");
}

// --- errors -----------------------------------------------------------------------------------

// Defects within one version are findings of that version, for the engines they concern.
std::string finding(const TempFolder& folder, size_t index, EngineKind engine) {
  MigrationSet set = load_sql_directory(folder.path(), kAllEngines);
  const auto& findings = set.migrations.at(index).findings;
  auto found = findings.find(engine);
  return found == findings.end() ? "(no finding)" : found->second.message;
}

TEST(LoaderErrors, DuplicateVersionWithAnotherName) {
  TempFolder folder;
  folder.write("0001_a.up.sql", "SELECT 1;");
  folder.write("0001_b.up.sql", "SELECT 1;");
  EXPECT_EQ(finding(folder, 0, EngineKind::sqlite),
            "2 up scripts of version 0001 for every engine: 0001_a.up.sql, 0001_b.up.sql");
}

TEST(LoaderErrors, SameVersionSpelledTwicePairsLikeGolangMigrate) {
  TempFolder folder;
  folder.write("01_a.up.sql", "SELECT 1;");
  folder.write("1_a.down.sql", "SELECT 1;");
  MigrationSet set = load_sql_directory(folder.path(), kAllEngines);
  ASSERT_EQ(set.migrations.size(), 1u);
  EXPECT_TRUE(set.migrations[0].findings.empty());
  EXPECT_EQ(scripts(set.migrations[0], EngineKind::sqlite).reverse->file, "1_a.down.sql");
}

TEST(LoaderErrors, FlywayDuplicateVersion) {
  TempFolder folder;
  folder.write("V1__a.sql", "SELECT 1;");
  folder.write("V1.0__b.sql", "SELECT 1;");
  EXPECT_EQ(finding(folder, 0, EngineKind::postgres),
            "2 up scripts of version 1.0 for every engine: V1.0__b.sql, V1__a.sql");
}

TEST(LoaderErrors, TwoFilesForOneEngineAndDirection) {
  TempFolder folder;
  folder.write("0001_a.postgres.up.sql", "SELECT 1;");
  folder.write("0001_a.postgresql.up.sql", "SELECT 1;");
  EXPECT_EQ(finding(folder, 0, EngineKind::postgres),
            "2 up scripts of version 0001 for postgres: 0001_a.postgres.up.sql, "
            "0001_a.postgresql.up.sql");
  EXPECT_EQ(finding(folder, 0, EngineKind::sqlite), "(no finding)");
}

TEST(LoaderErrors, DownWithoutAnUp) {
  TempFolder folder;
  folder.write("0001_a.up.sql", "SELECT 1;");
  folder.write("0003_x.down.sql", "SELECT 1;");
  EXPECT_EQ(finding(folder, 1, EngineKind::mysql),
            "down migration without an up for mysql: 0003_x.down.sql");
}

TEST(LoaderErrors, EngineDownWithoutAnUpForThatEngine) {
  TempFolder folder;
  folder.write("0001_a.postgres.up.sql", "SELECT 1;");
  folder.write("0001_a.sqlite.down.sql", "SELECT 1;");
  EXPECT_EQ(finding(folder, 0, EngineKind::sqlite),
            "down migration without an up for sqlite: 0001_a.sqlite.down.sql");
  EXPECT_EQ(finding(folder, 0, EngineKind::postgres), "(no finding)");
}

TEST(LoaderErrors, FlywayUndoWithoutAVersionedMigration) {
  TempFolder folder;
  folder.write("V1__a.sql", "SELECT 1;");
  folder.write("U2__b.sql", "SELECT 1;");
  EXPECT_EQ(finding(folder, 1, EngineKind::sqlite),
            "down migration without an up for sqlite: U2__b.sql");
}

TEST(LoaderErrors, UnreadableFile) {
  TempFolder folder;
  folder.write("0001_a.down.sql", "SELECT 1;");
  std::filesystem::create_symlink(folder / "missing.sql", folder / "0001_a.up.sql");
  EXPECT_EQ(load_error(folder),
            folder / "0001_a.up.sql" + ": cannot read: No such file or directory");
}

TEST(LoaderErrors, NameOfNoLayout) {
  TempFolder folder;
  folder.write("0001_a.up.sql", "SELECT 1;");
  folder.write("create_users.sql", "SELECT 1;");
  EXPECT_EQ(load_error(folder),
            folder / "create_users.sql" +
                ": the file name fits no migration layout (expected VERSION_name.up.sql and "
                "VERSION_name.down.sql (golang-migrate, ory/popx), VERSION_name.sql (dbmate, "
                "sql-migrate), or "
                "V<version>__<description>.sql and U<version>__<description>.sql (Flyway))");
}

TEST(LoaderErrors, UnknownEngineInAFileName) {
  TempFolder folder;
  folder.write("0001_a.postgress.up.sql", "SELECT 1;");
  EXPECT_EQ(load_error(folder), folder / "0001_a.postgress.up.sql" +
                                    ": unknown engine 'postgress' in the file name (expected "
                                    "sqlite, sqlite3, postgres, mysql, mariadb, db2 or "
                                    "cockroach, optionally followed by .autocommit)");
}

TEST(LoaderErrors, MixedLayouts) {
  TempFolder folder;
  folder.write("0001_a.up.sql", "SELECT 1;");
  folder.write("V2__b.sql", "SELECT 1;");
  EXPECT_EQ(load_error(folder), folder.path() +
                                    ": mixes migration layouts: 0001_a.up.sql is golang-migrate, "
                                    "V2__b.sql is Flyway");
}

TEST(LoaderErrors, MissingFolderOrAFile) {
  TempFolder folder;
  folder.write("file.sql", "SELECT 1;");
  EXPECT_EQ(error_of([&] { load_sql_directory(folder / "nope", kAllEngines); }),
            folder / "nope" + ": no such folder");
  EXPECT_EQ(error_of([&] { load_sql_directory(folder / "file.sql", kAllEngines); }),
            folder / "file.sql" + ": not a folder");
}

TEST(LoaderErrors, FolderWithoutMigrations) {
  TempFolder folder;
  folder.write("README.md", "# nothing yet\n");
  std::filesystem::create_directory(folder / "old");
  folder.write("old/0001_a.up.sql", "SELECT 1;");
  EXPECT_EQ(load_error(folder),
            folder.path() +
                ": no migrations found (expected VERSION_name.up.sql and VERSION_name.down.sql "
                "(golang-migrate, ory/popx), VERSION_name.sql (dbmate, sql-migrate), or "
                "V<version>__<description>.sql "
                "and U<version>__<description>.sql (Flyway))");
}

TEST(LoaderErrors, UnknownMarker) {
  TempFolder folder;
  folder.write("0001_a.up.sql", "SELECT 1;\n  --crucible:no-transactions\n");
  EXPECT_EQ(load_error(folder), folder / "0001_a.up.sql" +
                                    ":2: unknown marker crucible:no-transactions (known: "
                                    "crucible:no-transaction, crucible:irreversible <reason>, "
                                    "crucible:lossy <reason>)");
}

TEST(LoaderErrors, IrreversibleNeedsAReason) {
  TempFolder folder;
  folder.write("0001_a.up.sql", "SELECT 1;");
  folder.write("0001_a.down.sql", "\n-- crucible:irreversible   \n");
  EXPECT_EQ(load_error(folder),
            folder / "0001_a.down.sql" +
                ":2: crucible:irreversible needs a reason (-- crucible:irreversible <why>)");
}

// --- load_migrations ----------------------------------------------------------------------------

TEST(LoadMigrations, AutoRecognisesSqlFolders) {
  MigrationSet set = load_migrations(fixture("flyway"), kAllEngines);
  EXPECT_EQ(set.format, "sql");
  EXPECT_EQ(set.migrations.size(), 5u);
  EXPECT_EQ(load_migrations(fixture("dbmate"), kAllEngines, "sql").migrations.size(), 4u);
}

TEST(LoadMigrations, AutoRejectsWhatItCannotRecognise) {
  TempFolder folder;
  folder.write("0001_init.lua", "return {}\n");
  EXPECT_EQ(error_of([&] { load_migrations(folder.path(), kAllEngines); }),
            "cannot recognise the migration format of " + folder.path() +
                ": its .lua files are neither all Lua DSL migrations (VERSION_name.lua returning "
                "require(\"migration\").define(…)) nor all Helium design files (<design>_NNNN.lua); "
                "found 0001_init.lua (use --format lua or --format helium)");
  folder.write("0002_more.sql", "-- migrate:up\nSELECT 1;\n");
  EXPECT_EQ(error_of([&] { load_migrations(folder.path(), kAllEngines); }),
            "cannot recognise the migration format of " + folder.path() +
                " (it holds both .sql and .lua files; supported formats: auto, sql, sql-migrate, "
                "goose, folders, liquibase, sqitch, alembic, lua, helium)");
  TempFolder empty;
  EXPECT_EQ(error_of([&] { load_migrations(empty.path(), kAllEngines); }),
            "cannot recognise the migration format of " + empty.path() +
                " (it holds no files; supported formats: auto, sql, sql-migrate, goose, folders, "
                "liquibase, sqitch, alembic, lua, helium)");
  EXPECT_EQ(error_of([&] { load_migrations(empty / "nope", kAllEngines); }),
            empty / "nope" + ": no such folder");
}

TEST(LoadMigrations, UnknownFormat) {
  EXPECT_EQ(error_of([&] { load_migrations(fixture("flyway"), kAllEngines, "xml"); }),
            "unknown migration format 'xml' (supported formats: auto, sql, sql-migrate, goose, "
            "folders, liquibase, sqitch, alembic, lua, helium)");
}

// The project's own sample migrations load, in order, for every engine.
TEST(LoadMigrations, TheProjectsSampleMigrations) {
  MigrationSet set =
      load_migrations(std::string(PROJECT_SOURCE) + "/migrations/sql/app", kAllEngines);
  ASSERT_FALSE(set.migrations.empty());
  for (size_t i = 1; i < set.migrations.size(); ++i)
    EXPECT_LT(set.migrations[i - 1].version, set.migrations[i].version);
  for (const Migration& m : set.migrations)
    for (EngineKind engine : kAllEngines)
      EXPECT_TRUE(m.for_engine(engine) != nullptr || m.unavailable.count(engine)) << m.version;
}

}  // namespace
}  // namespace crucible
