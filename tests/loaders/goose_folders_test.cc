// goose files and folder-per-migration sets (Diesel, Go projects) read as their tools read them:
// order, sections, transactions, Go migrations skipped, and clear errors naming file and line.
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
using testing::scripts;
using testing::texts;

const std::vector<EngineKind> kEngines = {EngineKind::sqlite, EngineKind::postgres,
                                          EngineKind::mariadb};

// --- goose ------------------------------------------------------------------------------------

const char* kTrigger = R"(-- +goose Up
CREATE TABLE t (id INT);
-- +goose StatementBegin
CREATE TRIGGER t_audit AFTER INSERT ON t FOR EACH ROW
BEGIN
  INSERT INTO t (id) VALUES (NEW.id + 1);
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER t_audit;
DROP TABLE t;
)";

TEST(LoaderGoose, DetectedOrderedAsNumbersWithBlocksAsOneStatement) {
  TempFolder folder;
  folder.write("10_later.sql", "-- +goose Up\nCREATE TABLE u (id INT);\n");
  folder.write("9_trigger.sql", kTrigger);
  folder.write("main.go", "package main\n");
  MigrationSet set = load_migrations(folder.path(), kEngines);
  EXPECT_EQ(set.format, "goose");
  EXPECT_EQ(versions(set), (std::vector<std::string>{"9", "10"}));
  const EngineScripts& trigger = scripts(set.migrations[0], EngineKind::sqlite);
  ASSERT_EQ(texts(trigger.forward).size(), 2u);
  EXPECT_NE(texts(trigger.forward)[1].find("NEW.id + 1);\nEND"), std::string::npos);
  EXPECT_NE(texts(trigger.forward)[1].find("END"), std::string::npos);
  ASSERT_TRUE(trigger.reverse);
  EXPECT_EQ(texts(*trigger.reverse).size(), 2u);
  EXPECT_TRUE(trigger.forward.transactional);
  // No Down section: no reverse at all, reported by the runner.
  EXPECT_FALSE(scripts(set.migrations[1], EngineKind::sqlite).reverse);
}

TEST(LoaderGoose, AnnotationsInAnyCaseAndNoTransactionForTheWholeFile) {
  TempFolder folder;
  folder.write("20240101120000_index.sql",
               "-- +goose NO TRANSACTION\n-- +goose up\nCREATE INDEX i ON t (id);\n"
               "-- +goose down\nDROP INDEX i;\n");
  MigrationSet set = load_migrations(folder.path(), kEngines, "goose");
  const EngineScripts& index = scripts(set.migrations[0], EngineKind::postgres);
  EXPECT_FALSE(index.forward.transactional);
  ASSERT_TRUE(index.reverse);
  EXPECT_FALSE(index.reverse->transactional);
}

TEST(LoaderGoose, CrucibleMarkersKeepWorking) {
  TempFolder folder;
  folder.write("1_drop.sql",
               "-- +goose Up\n-- crucible:irreversible the data is gone\nDROP TABLE old;\n");
  MigrationSet set = load_migrations(folder.path(), kEngines);
  EXPECT_EQ(set.migrations[0].irreversible, "the data is gone");
}

TEST(LoaderGoose, GoMigrationsAreSkippedWithTheReason) {
  TempFolder folder;
  folder.write("00001_users.sql", "-- +goose Up\nCREATE TABLE users (id INT);\n");
  folder.write("00002_backfill.go", "package migrations\n");
  folder.write("00002_backfill_test.go", "package migrations\n");
  MigrationSet set = load_migrations(folder.path(), kEngines);
  ASSERT_EQ(versions(set), (std::vector<std::string>{"00001", "00002"}));
  const Migration& go = set.migrations[1];
  EXPECT_TRUE(go.scripts.empty());
  EXPECT_EQ(go.unavailable.at(EngineKind::mariadb),
            "00002_backfill.go is a Go migration: Crucible runs SQL only");
}

TEST(LoaderGoose, ClearErrorsNamingFileAndLine) {
  TempFolder duplicate;
  duplicate.write("1_a.sql", "-- +goose Up\nSELECT 1;\n");
  duplicate.write("001_b.go", "package m\n");
  EXPECT_NE(error_of([&] { load_migrations(duplicate.path(), kEngines); })
                .find("two goose migrations of version 1: 001_b.go and 1_a.sql"),
            std::string::npos);

  TempFolder unended;
  unended.write("1_a.sql", "-- +goose Up\n-- +goose StatementBegin\nSELECT 1;\n-- +goose Down\n");
  std::string error = error_of([&] { load_migrations(unended.path(), kEngines); });
  EXPECT_NE(error.find("1_a.sql:2: `-- +goose StatementBegin` without a StatementEnd"),
            std::string::npos)
      << error;

  TempFolder envsub;
  envsub.write("1_a.sql", "-- +goose Up\n-- +goose ENVSUB ON\nCREATE ROLE ${ROLE};\n");
  error = error_of([&] { load_migrations(envsub.path(), kEngines); });
  EXPECT_NE(error.find("1_a.sql:2: `-- +goose ENVSUB ON`: Crucible does not substitute"),
            std::string::npos)
      << error;

  TempFolder misnamed;
  misnamed.write("1_a.sql", "-- +goose Up\nSELECT 1;\n");
  misnamed.write("init.sql", "-- +goose Up\nSELECT 1;\n");
  error = error_of([&] { load_migrations(misnamed.path(), kEngines); });
  EXPECT_NE(error.find("init.sql: the file name is not a goose migration's"), std::string::npos)
      << error;

  TempFolder option;
  option.write("1_a.sql", "-- +goose Up notransaction\nSELECT 1;\n");
  error = error_of([&] { load_migrations(option.path(), kEngines); });
  EXPECT_NE(error.find("1_a.sql:1: `-- +goose Up` takes no options"), std::string::npos) << error;
}

// --- folder per migration ---------------------------------------------------------------------

void write_folder(const TempFolder& root, const std::string& folder, const std::string& up,
                  std::optional<std::string> down = std::nullopt) {
  std::filesystem::create_directory(root / folder);
  root.write(folder + "/up.sql", up);
  if (down) root.write(folder + "/down.sql", *down);
}

TEST(LoaderFolders, DieselFoldersOrderedByVersionWithTheInitialSetupFirst) {
  TempFolder root;
  write_folder(root, "2024-01-02-000000_add_index", "CREATE INDEX i ON users (id);",
               "DROP INDEX i;");
  write_folder(root, "2024-01-01-000002_create_users", "CREATE TABLE users (id INT);",
               "DROP TABLE users;");
  write_folder(root, "00000000000000_diesel_initial_setup", "SELECT 1;", "SELECT 2;");
  // Newer diesel_cli names: a `-0000` suffix; Diesel orders versions as strings.
  write_folder(root, "2024-01-01-000001-0000_create_teams", "CREATE TABLE teams (id INT);");
  std::filesystem::create_directory(root / "seeds");
  root.write(".keep", "");
  MigrationSet set = load_migrations(root.path(), kEngines);
  EXPECT_EQ(set.format, "folders");
  EXPECT_EQ(versions(set), (std::vector<std::string>{"00000000000000", "202401010000010000",
                                                     "20240101000002", "20240102000000"}));
  EXPECT_EQ(set.migrations[2].name, "create_users");
  const EngineScripts& users = scripts(set.migrations[2], EngineKind::mariadb);
  EXPECT_EQ(users.forward.file, "2024-01-01-000002_create_users/up.sql");
  ASSERT_TRUE(users.reverse);
  EXPECT_EQ(texts(*users.reverse), (std::vector<std::string>{"DROP TABLE users"}));
}

// crates.io's shape: a set begun with an older diesel_cli (undashed timestamps) that went on with
// dashed ones, and a data script beside the folders that a migration's comment points to. Diesel
// orders by the version without its dashes, and runs only the folders.
TEST(LoaderFolders, DieselMixedDashedAndUndashedVersionsWithAFileBesideTheFolders) {
  TempFolder root;
  write_folder(root, "20161115111957_dumped_migration_119", "CREATE TABLE a (id INT);");
  write_folder(root, "2017-08-31-230457_invitations", "CREATE TABLE c (id INT);");
  write_folder(root, "20170102131034_dumped_migration_120", "CREATE TABLE b (id INT);");
  root.write("data_backfill.sql", "INSERT INTO a SELECT 1;");
  MigrationSet set = load_migrations(root.path(), kEngines);
  EXPECT_EQ(set.format, "folders");
  EXPECT_EQ(versions(set), (std::vector<std::string>{"20161115111957", "20170102131034",
                                                     "20170831230457"}));
}

// Named as a migration, a file beside the folders makes the layout ambiguous: neither half is
// dropped silently.
TEST(LoaderFolders, AMigrationFileBesideTheFoldersIsAnError) {
  TempFolder root;
  write_folder(root, "2017-08-31-230457_invitations", "CREATE TABLE c (id INT);");
  root.write("20170901000000_add_x.up.sql", "CREATE TABLE x (id INT);");
  std::string error = error_of([&] { load_migrations(root.path(), kEngines); });
  EXPECT_NE(error.find("2017-08-31-230457_invitations"), std::string::npos) << error;
  EXPECT_NE(error.find("20170901000000_add_x.up.sql"), std::string::npos) << error;
  EXPECT_NE(error.find("--format"), std::string::npos) << error;
}

TEST(LoaderFolders, NumberedFoldersMissingDownAndMetadata) {
  TempFolder root;
  write_folder(root, "10_index", "CREATE INDEX CONCURRENTLY i ON t (id);");
  root.write("10_index/metadata.toml", "run_in_transaction = false\n");
  write_folder(root, "9_table", "CREATE TABLE t (id INT);", "DROP TABLE t;");
  MigrationSet set = load_migrations(root.path(), kEngines, "folders");
  EXPECT_EQ(versions(set), (std::vector<std::string>{"9", "10"}));
  const EngineScripts& index = scripts(set.migrations[1], EngineKind::postgres);
  EXPECT_FALSE(index.forward.transactional);
  EXPECT_FALSE(index.reverse);
  EXPECT_TRUE(scripts(set.migrations[0], EngineKind::postgres).forward.transactional);
}

TEST(LoaderFolders, ClearErrors) {
  TempFolder no_up;
  write_folder(no_up, "1_a", "SELECT 1;");
  std::filesystem::create_directory(no_up / "2_b");
  no_up.write("2_b/down.sql", "SELECT 1;");
  std::string error = error_of([&] { load_migrations(no_up.path(), kEngines); });
  EXPECT_NE(error.find("2_b: a migration folder without up.sql"), std::string::npos) << error;

  TempFolder duplicate;
  write_folder(duplicate, "1_a", "SELECT 1;");
  write_folder(duplicate, "01_b", "SELECT 1;");
  error = error_of([&] { load_migrations(duplicate.path(), kEngines); });
  EXPECT_NE(error.find("two migration folders of version 1: 01_b and 1_a"), std::string::npos)
      << error;

  TempFolder metadata;
  write_folder(metadata, "1_a", "SELECT 1;");
  metadata.write("1_a/metadata.toml", "run_in_transaction = \n");
  error = error_of([&] { load_migrations(metadata.path(), kEngines); });
  EXPECT_NE(error.find("1_a/metadata.toml:1:"), std::string::npos) << error;

  TempFolder marker;
  write_folder(marker, "1_a", "-- crucible:irreversable typo\nSELECT 1;");
  error = error_of([&] { load_migrations(marker.path(), kEngines); });
  EXPECT_NE(error.find("1_a/up.sql:1"), std::string::npos) << error;
}

}  // namespace
}  // namespace crucible
