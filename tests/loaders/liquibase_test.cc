// Liquibase formatted-SQL changelogs read as Liquibase reads them: changesets in file order,
// rollbacks as reverses, changeset attributes, includes, and clear errors for what is wrong.
#include <gtest/gtest.h>

#include <filesystem>
#include <functional>

#include "harness/common/error.h"
#include "harness/loaders/loader.h"
#include "loader_testing.h"
#include "temp_folder.h"

namespace crucible {
namespace {

using testing::TempFolder;
using testing::scripts;
using testing::texts;

const std::vector<EngineKind> kEngines = {EngineKind::sqlite, EngineKind::postgres,
                                          EngineKind::mysql, EngineKind::mariadb};

std::string error_of(const TempFolder& folder, const std::string& format = "auto") {
  try {
    load_migrations(folder.path(), kEngines, format);
  } catch (const Error& e) {
    return e.what();
  }
  return "(no error)";
}

std::vector<std::string> names(const MigrationSet& set) {
  std::vector<std::string> out;
  for (const Migration& m : set.migrations) out.push_back(m.version + " " + m.name);
  return out;
}

#define EXPECT_CONTAINS(text, part) EXPECT_NE((text).find(part), std::string::npos) << (text)

TEST(LoaderLiquibase, ChangesetsAreMigrationsInFileOrderWithRollbacksAsReverses) {
  TempFolder folder;
  folder.write("changelog.sql",
               "-- liquibase formatted sql\n"
               "\n"
               "--changeset alice:create-users\n"
               "CREATE TABLE users (id INT);\n"
               "CREATE INDEX users_id ON users (id);\n"
               "--rollback DROP INDEX users_id;\n"
               "--rollback DROP TABLE users;\n"
               "--changeSet bob:2\n"
               "--comment: add a column\n"
               "ALTER TABLE users ADD COLUMN email VARCHAR(100);\n"
               "/* liquibase rollback\n"
               "ALTER TABLE users DROP COLUMN email;\n"
               "*/\n");
  MigrationSet set = load_migrations(folder.path(), kEngines);
  EXPECT_EQ(set.format, "liquibase");
  EXPECT_EQ(names(set), (std::vector<std::string>{"0001 alice:create-users", "0002 bob:2"}));
  const EngineScripts& first = scripts(set.migrations[0], EngineKind::postgres);
  EXPECT_EQ(texts(first.forward),
            (std::vector<std::string>{"CREATE TABLE users (id INT)",
                                      "CREATE INDEX users_id ON users (id)"}));
  EXPECT_EQ(first.forward.statements[1].where, (SourceLocation{"changelog.sql", 5}));
  ASSERT_TRUE(first.reverse);
  EXPECT_EQ(texts(*first.reverse),
            (std::vector<std::string>{"DROP INDEX users_id", "DROP TABLE users"}));
  EXPECT_EQ(first.reverse->statements[1].where, (SourceLocation{"changelog.sql", 7}));
  const EngineScripts& second = scripts(set.migrations[1], EngineKind::sqlite);
  EXPECT_EQ(texts(second.forward),
            (std::vector<std::string>{"ALTER TABLE users ADD COLUMN email VARCHAR(100)"}));
  ASSERT_TRUE(second.reverse);
  EXPECT_EQ(texts(*second.reverse),
            (std::vector<std::string>{"ALTER TABLE users DROP COLUMN email"}));
  EXPECT_EQ(second.reverse->statements[0].where, (SourceLocation{"changelog.sql", 12}));
}

TEST(LoaderLiquibase, RollbackEmptyIsDeclaredIrreversibleAndNoRollbackIsMissing) {
  TempFolder folder;
  folder.write("changelog.sql",
               "--liquibase formatted sql\n"
               "--changeset a:1\nCREATE TABLE t (id INT);\n"
               "--changeset a:2\nINSERT INTO t VALUES (1);\n--rollback empty\n"
               "--changeset a:3\nINSERT INTO t VALUES (2);\n--rollback not required\n");
  MigrationSet set = load_migrations(folder.path(), kEngines);
  EXPECT_FALSE(set.migrations[0].irreversible);
  EXPECT_FALSE(scripts(set.migrations[0], EngineKind::sqlite).reverse);
  ASSERT_TRUE(set.migrations[1].irreversible);
  EXPECT_CONTAINS(*set.migrations[1].irreversible, "--rollback empty");
  EXPECT_CONTAINS(*set.migrations[1].irreversible, "changelog.sql:4");
  ASSERT_TRUE(set.migrations[2].irreversible);
  EXPECT_CONTAINS(*set.migrations[2].irreversible, "not required");
}

TEST(LoaderLiquibase, DbmsLimitsEnginesWithTheReason) {
  TempFolder folder;
  folder.write("changelog.sql",
               "--liquibase formatted sql\n"
               "--changeset a:pg dbms:postgresql\nCREATE TABLE t (id SERIAL);\n"
               "--changeset a:my dbms:mysql\nCREATE TABLE u (id INT AUTO_INCREMENT PRIMARY KEY);\n"
               "--changeset a:maria dbms:mariadb\nSELECT 1;\n"
               "--changeset a:not-lite dbms:!sqlite\nSELECT 2;\n"
               "--changeset a:other dbms:oracle,h2\nSELECT 3;\n");
  MigrationSet set = load_migrations(folder.path(), kEngines);
  auto engines_of = [](const Migration& m) {
    std::vector<std::string> out;
    for (const auto& [kind, s] : m.scripts) out.emplace_back(engine_name(kind));
    return out;
  };
  EXPECT_EQ(engines_of(set.migrations[0]), (std::vector<std::string>{"postgres"}));
  EXPECT_CONTAINS(set.migrations[0].unavailable.at(EngineKind::sqlite),
                  "changeset a:pg is for dbms:postgresql only (changelog.sql:2)");
  EXPECT_EQ(engines_of(set.migrations[1]), (std::vector<std::string>{"mysql", "mariadb"}));
  EXPECT_EQ(engines_of(set.migrations[2]), (std::vector<std::string>{"mariadb"}));
  EXPECT_EQ(engines_of(set.migrations[3]),
            (std::vector<std::string>{"postgres", "mysql", "mariadb"}));
  EXPECT_TRUE(set.migrations[4].scripts.empty());
  EXPECT_EQ(set.migrations[4].unavailable.size(), kEngines.size());
}

TEST(LoaderLiquibase, TransactionDelimiterAndSplitAttributes) {
  TempFolder folder;
  folder.write("changelog.sql",
               "--liquibase formatted sql\n"
               "--changeset a:1 runInTransaction:false\n"
               "CREATE INDEX CONCURRENTLY t_id ON t (id);\n"
               "--rollback DROP INDEX CONCURRENTLY t_id;\n"
               "--changeset a:2 endDelimiter:/\n"
               "CREATE FUNCTION f() RETURNS int AS 'SELECT 1; SELECT 2' LANGUAGE sql;\n"
               "/\n"
               "SELECT 1 / 2;\n"
               "/\n"
               "--changeset a:3 splitStatements:false\n"
               "DO $$ BEGIN PERFORM 1; PERFORM 2; END $$;\n"
               "--changeset a:4 context:dev,qa labels:core\n"
               "SELECT 1;\n");
  MigrationSet set = load_migrations(folder.path(), kEngines);
  const EngineScripts& first = scripts(set.migrations[0], EngineKind::postgres);
  EXPECT_FALSE(first.forward.transactional);
  EXPECT_FALSE(first.reverse->transactional);
  const Script& delimited = scripts(set.migrations[1], EngineKind::postgres).forward;
  EXPECT_EQ(
      texts(delimited),
      (std::vector<std::string>{
          "CREATE FUNCTION f() RETURNS int AS 'SELECT 1; SELECT 2' LANGUAGE sql", "SELECT 1 / 2"}));
  EXPECT_EQ(delimited.statements[1].where.line, 8);
  EXPECT_EQ(texts(scripts(set.migrations[2], EngineKind::postgres).forward),
            (std::vector<std::string>{"DO $$ BEGIN PERFORM 1; PERFORM 2; END $$"}));
  const std::vector<std::string>& notes = set.migrations[3].notes;
  ASSERT_EQ(notes.size(), 2u);
  EXPECT_CONTAINS(notes[0], "context:dev,qa");
  EXPECT_CONTAINS(notes[1], "labels:core");
}

// Real Oracle-era changelogs cut PL/SQL blocks with a regular expression: a `/` on a line alone.
TEST(LoaderLiquibase, EndDelimiterAsARegularExpressionAndRollbackDelimiter) {
  TempFolder folder;
  folder.write("changelog.sql",
               "--liquibase formatted sql\n"
               "--changeSet a:1 stripComments:false endDelimiter:\\n\\s*/\\s*\\n|\\n\\s*/\\s*$\n"
               "-- banner\n"
               "CREATE TABLE t (x INT); CREATE TABLE u (x INT)\n"
               "  /  \n"
               "SELECT 4 / 2\n"
               "/\n"
               "--changeset a:2 rollbackEndDelimiter:GO\n"
               "SELECT 1; SELECT 2;\n"
               "--rollback SELECT 3; SELECT 4\n"
               "--rollback GO\n"
               "--rollback SELECT 5\n");
  MigrationSet set = load_migrations(folder.path(), kEngines);
  const Script& first = scripts(set.migrations[0], EngineKind::postgres).forward;
  EXPECT_EQ(texts(first), (std::vector<std::string>{
                              "CREATE TABLE t (x INT); CREATE TABLE u (x INT)", "SELECT 4 / 2"}));
  EXPECT_EQ(first.statements[0].where.line, 4);
  EXPECT_EQ(first.statements[1].where.line, 6);
  const EngineScripts& second = scripts(set.migrations[1], EngineKind::sqlite);
  EXPECT_EQ(texts(second.forward), (std::vector<std::string>{"SELECT 1", "SELECT 2"}));
  EXPECT_EQ(texts(*second.reverse), (std::vector<std::string>{"SELECT 3; SELECT 4", "SELECT 5"}));
}

TEST(LoaderLiquibase, QuotedAuthorsAndIgnoredLines) {
  TempFolder folder;
  folder.write("changelog.sql",
               "--liquibase formatted sql\n"
               "--changeset \"Jane Doe\":\"first change\" labels:x\n"
               "SELECT 1;\n"
               "--ignoreLines:start\n"
               "SELECT 2;\n"
               "--ignoreLines:end\n"
               "SELECT 3;\n"
               "--ignoreLines:1\n"
               "SELECT 4;\n"
               "SELECT 5;\n");
  MigrationSet set = load_migrations(folder.path(), kEngines);
  EXPECT_EQ(names(set), (std::vector<std::string>{"0001 Jane Doe:first change"}));
  EXPECT_EQ(texts(scripts(set.migrations[0], EngineKind::sqlite).forward),
            (std::vector<std::string>{"SELECT 1", "SELECT 3", "SELECT 5"}));
}

TEST(LoaderLiquibase, PreconditionsSkipTheChangesetNamingThem) {
  TempFolder folder;
  folder.write("changelog.sql",
               "--liquibase formatted sql\n"
               "--changeset a:1\n"
               "--preconditions onFail:MARK_RAN\n"
               "--precondition-sql-check expectedResult:0 SELECT COUNT(*) FROM t\n"
               "CREATE TABLE t (id INT);\n");
  MigrationSet set = load_migrations(folder.path(), kEngines);
  EXPECT_TRUE(set.migrations[0].scripts.empty());
  EXPECT_CONTAINS(set.migrations[0].unavailable.at(EngineKind::postgres),
                  "--precondition-sql-check expectedResult:0 SELECT COUNT(*) FROM t");
}

TEST(LoaderLiquibase, CrucibleMarkersWorkInsideAChangeset) {
  TempFolder folder;
  folder.write("changelog.sql",
               "--liquibase formatted sql\n"
               "--changeset a:1\n-- crucible:lossy the note column comes back empty\n"
               "-- crucible:no-transaction\nALTER TABLE t DROP COLUMN note;\n"
               "--rollback ALTER TABLE t ADD COLUMN note TEXT;\n");
  MigrationSet set = load_migrations(folder.path(), kEngines);
  EXPECT_EQ(set.migrations[0].lossy, "the note column comes back empty");
  EXPECT_FALSE(scripts(set.migrations[0], EngineKind::sqlite).forward.transactional);
}

TEST(LoaderLiquibase, IncludesAreReadInPlaceRelativeToTheChangelog) {
  TempFolder folder;
  std::filesystem::create_directories(folder / "db/changes/b");
  folder.write("master.sql",
               "--liquibase formatted sql\n"
               "--changeset root:1\nCREATE TABLE a (id INT);\n"
               "--include file:db/one.sql\n"
               "--changeset root:2\nCREATE TABLE z (id INT);\n");
  folder.write("db/one.sql",
               "--liquibase formatted sql\n--changeset one:1\nCREATE TABLE b (id INT);\n"
               "--includeAll path:changes/\n");
  folder.write("db/changes/b/002.sql", "--liquibase formatted sql\n--changeset c:2\nSELECT 2;\n");
  folder.write("db/changes/001.sql", "--liquibase formatted sql\n--changeset c:1\nSELECT 1;\n");
  folder.write("db/changes/notes.txt", "not a changelog");
  MigrationSet set = load_migrations(folder.path(), kEngines);
  EXPECT_EQ(names(set), (std::vector<std::string>{"0001 root:1", "0002 one:1", "0003 c:1",
                                                  "0004 c:2", "0005 root:2"}));
  EXPECT_EQ(scripts(set.migrations[3], EngineKind::sqlite).forward.file, "db/changes/b/002.sql");
}

// The shape of Spring Boot projects: the master names files from the classpath root
// (src/main/resources), and may open a changeset before its includes.
TEST(LoaderLiquibase, IncludesFromTheClasspathRootAndInsideAChangeset) {
  TempFolder project;
  std::filesystem::create_directories(project / "resources/db/changelog/changes");
  project.write("resources/db/changelog/master.sql",
                "--liquibase formatted sql\n"
                "--changeset liquibase:init-master\n"
                "--comment: Master changelog file\n"
                "--include file:db/changelog/changes/01-create.sql\n"
                "SELECT 1;\n");
  project.write("resources/db/changelog/changes/01-create.sql",
                "--liquibase formatted sql\n--changeset a:1\nCREATE TABLE t (id INT);\n");
  MigrationSet set = load_migrations(project / "resources/db/changelog", kEngines);
  EXPECT_EQ(names(set), (std::vector<std::string>{"0001 liquibase:init-master", "0002 a:1"}));
  EXPECT_EQ(texts(scripts(set.migrations[0], EngineKind::sqlite).forward),
            (std::vector<std::string>{"SELECT 1"}));
  EXPECT_EQ(scripts(set.migrations[1], EngineKind::sqlite).forward.file, "changes/01-create.sql");
}

// Seen in a real project: include lines in a syntax Liquibase does not have, so the changesets
// that hold them run nothing and the files they name never run.
TEST(LoaderLiquibase, IncludeLookalikesAndEmptyChangesetsAreNoted) {
  TempFolder folder;
  folder.write("master.sql",
               "--liquibase formatted sql\n"
               "-- changeset system:4\n"
               "-- include:db/changelog/changes/001_create_events_table.sql\n"
               "-- Include the new migration files\n");
  MigrationSet set = load_migrations(folder.path(), kEngines);
  ASSERT_EQ(set.migrations.size(), 1u);
  std::vector<std::string> expected = {
      "changeset system:4 runs no SQL (master.sql:2)",
      "master.sql:3: `-- include:db/changelog/changes/001_create_events_table.sql` is not "
      "Liquibase's `--include file:<path>` / `--includeAll path:<folder>`: Liquibase reads it as a "
      "comment and includes nothing"};
  EXPECT_EQ(set.migrations[0].notes, expected);
}

TEST(LoaderLiquibase, FilesInTheFolderAreRootsUnlessIncluded) {
  TempFolder folder;
  folder.write("001.sql",
               "--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n"
               "--include file:003.sql\n");
  folder.write("002.sql", "--liquibase formatted sql\n--changeset a:1\nSELECT 2;\n");
  folder.write("003.sql", "--liquibase formatted sql\n--changeset c:1\nSELECT 3;\n");
  MigrationSet set = load_migrations(folder.path(), kEngines);
  // a:1 is in two files: Liquibase tells them apart by file, and so does the name.
  EXPECT_EQ(names(set),
            (std::vector<std::string>{"0001 001.sql::a:1", "0002 c:1", "0003 002.sql::a:1"}));
}

TEST(LoaderLiquibase, IncludeErrorsNameFileAndLine) {
  TempFolder missing;
  missing.write("master.sql", "--liquibase formatted sql\n\n--include file:nowhere.sql\n");
  EXPECT_CONTAINS(error_of(missing), "master.sql:3: included file nowhere.sql does not exist");

  TempFolder cycle;
  std::filesystem::create_directory(cycle / "sub");
  cycle.write("master.sql", "--liquibase formatted sql\n--include file:sub/a.sql\n");
  cycle.write("sub/a.sql",
              "--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n"
              "--include file:b.sql\n");
  cycle.write("sub/b.sql", "--liquibase formatted sql\n--include file:a.sql\n");
  EXPECT_CONTAINS(error_of(cycle), "sub/b.sql:2: include cycle: sub/a.sql includes itself");

  TempFolder twice;
  twice.write("master.sql",
              "--liquibase formatted sql\n--include file:x.sql\n--include file:x.sql\n");
  twice.write("x.sql", "--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n");
  EXPECT_CONTAINS(error_of(twice),
                  "master.sql:3: x.sql is included a second time (first at "
                  "master.sql:2)");

  TempFolder plain;
  std::filesystem::create_directory(plain / "more");
  plain.write("master.sql", "--liquibase formatted sql\n--includeAll path:more\n");
  plain.write("more/raw.sql", "CREATE TABLE t (id INT);\n");
  EXPECT_CONTAINS(error_of(plain),
                  "more/raw.sql: not Liquibase formatted SQL (its first line "
                  "must be `--liquibase formatted sql`); included at master.sql:2");
}

TEST(LoaderLiquibase, MalformedChangelogsAreErrorsNamingFileAndLine) {
  auto error_for = [](const std::string& text) {
    TempFolder folder;
    folder.write("changelog.sql", "--liquibase formatted sql\n" + text);
    return error_of(folder);
  };
  EXPECT_CONTAINS(error_for("--changeset a:1 runInTransacton:false\nSELECT 1;\n"),
                  "changelog.sql:2: unknown changeset attribute 'runInTransacton:false'");
  EXPECT_CONTAINS(error_for("--changeset a:1\nSELECT 1;\n--changeset a:1\nSELECT 2;\n"),
                  "changelog.sql:4: changeset a:1 is already defined at line 2");
  EXPECT_CONTAINS(error_for("CREATE TABLE t (id INT);\n--changeset a:1\nSELECT 1;\n"),
                  "changelog.sql:2: SQL outside a changeset");
  EXPECT_CONTAINS(error_for("--changeset nobody\nSELECT 1;\n"),
                  "changelog.sql:2: a changeset line without author:id");
  EXPECT_CONTAINS(error_for("--changeset a:1\nSELECT 1;\n--rollback\n"),
                  "changelog.sql:4: `--rollback` with no SQL: Liquibase would run the lines");
  EXPECT_CONTAINS(error_for("--changeset a:1\nSELECT 1;\n/* liquibase rollback\nSELECT 2;\n"),
                  "changelog.sql:4: a `/* liquibase rollback` block that is never closed");
  EXPECT_CONTAINS(error_for("--changeset a:1 endDelimiter:(\nSELECT 1;\n"), "(no error)");
  EXPECT_CONTAINS(error_for("\n"), "no `--changeset`");
}

TEST(LoaderLiquibase, OtherChangelogFormatsAreOutOfScope) {
  TempFolder folder;
  folder.write("changelog.sql", "--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n");
  folder.write("db.changelog-master.yaml", "databaseChangeLog:\n  - include:\n      file: x.sql\n");
  EXPECT_CONTAINS(error_of(folder),
                  "db.changelog-master.yaml: a Liquibase YAML changelog, which "
                  "is out of scope");
  TempFolder xml_only;
  xml_only.write("master.xml", "<databaseChangeLog>\n</databaseChangeLog>\n");
  EXPECT_CONTAINS(error_of(xml_only), "XML, YAML and JSON changelogs are out of scope");
}

TEST(LoaderLiquibase, AutoDetectsAChangelogSavedWithAByteOrderMark) {
  TempFolder folder;
  folder.write("changelog.sql", "\xEF\xBB\xBF--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n");
  EXPECT_EQ(load_migrations(folder.path(), kEngines).format, "liquibase");
}

TEST(LoaderLiquibase, FormatSqlPointsAtFormatLiquibase) {
  TempFolder folder;
  folder.write("changelog.sql", "--liquibase formatted sql\n--changeset a:1\nSELECT 1;\n");
  EXPECT_CONTAINS(error_of(folder, "sql"), "read it with --format liquibase");
  EXPECT_EQ(load_migrations(folder.path(), kEngines, "liquibase").migrations.size(), 1u);
}

}  // namespace
}  // namespace crucible
