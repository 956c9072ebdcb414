// Declaring a migration lossy: the `-- crucible:lossy <reason>` marker and the `.lossy` sidecar.
#include <gtest/gtest.h>

#include "harness/common/error.h"
#include "harness/loaders/loader.h"
#include "tests/loaders/temp_folder.h"

namespace crucible {
namespace {

using testing::TempFolder;

const std::vector<EngineKind> kEngines = {EngineKind::sqlite, EngineKind::postgres};

std::string load_error(const TempFolder& folder) {
  return testing::sql_directory_error(folder, kEngines);
}

TEST(LossyMarker, InTheDownFile) {
  TempFolder folder;
  folder.write("0001_a.up.sql", "ALTER TABLE t DROP COLUMN note;");
  folder.write("0001_a.down.sql", "-- crucible:lossy  notes are archived first \n"
                                  "ALTER TABLE t ADD COLUMN note text;");
  folder.write("0002_b.up.sql", "SELECT 1;");
  MigrationSet set = load_sql_directory(folder.path(), kEngines);
  EXPECT_EQ(set.migrations[0].lossy, "notes are archived first");
  EXPECT_FALSE(set.migrations[1].lossy.has_value());
}

TEST(LossyMarker, InADbmateFile) {
  TempFolder folder;
  folder.write("20240101000000_a.sql", "-- migrate:up\nSELECT 1;\n-- migrate:down\n"
                                       "-- crucible:lossy values are rounded\nSELECT 2;\n");
  EXPECT_EQ(load_sql_directory(folder.path(), kEngines).migrations[0].lossy, "values are rounded");
}

TEST(LossyMarker, NeedsAReason) {
  TempFolder folder;
  folder.write("0001_a.up.sql", "SELECT 1;\n-- crucible:lossy\n");
  EXPECT_EQ(load_error(folder),
            folder / "0001_a.up.sql" + ":2: crucible:lossy needs a reason (-- crucible:lossy <why>)");
}

TEST(LossySidecar, NamesTheReasonOnItsFirstLine) {
  TempFolder folder;
  folder.write("0001_a.up.sql", "SELECT 1;");
  folder.write("0001_a.down.sql", "SELECT 2;");
  folder.write("0001_a.up.sql.lossy", "\n  the fax column is gone for good\nmore text\n");
  EXPECT_EQ(load_sql_directory(folder.path(), kEngines).migrations[0].lossy,
            "the fax column is gone for good");
}

TEST(LossySidecar, NextToADbmateFile) {
  TempFolder folder;
  folder.write("20240101000000_a.sql", "-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n");
  folder.write("20240101000000_a.sql.lossy", "truncates titles\n");
  EXPECT_EQ(load_sql_directory(folder.path(), kEngines).migrations[0].lossy, "truncates titles");
}

TEST(LossySidecar, AnEmptyOneIsAnError) {
  TempFolder folder;
  folder.write("0001_a.up.sql", "SELECT 1;");
  folder.write("0001_a.up.sql.lossy", " \n");
  EXPECT_EQ(load_error(folder),
            folder / "0001_a.up.sql.lossy" + ": a .lossy sidecar needs a reason on its first line");
}

}  // namespace
}  // namespace crucible
