// Database::catalog_digest against the live servers: every kind of catalog change the snapshot
// compares changes the digest (verify passes a check on equal digests without reading the
// catalog, so a change the digest missed would be a silent pass), and dropping and re-creating
// the same objects does not (or every re-apply would cost a full snapshot again).
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "harness/catalog/diff.h"
#include "tests/support/catalog_testing.h"
#include "tests/support/live_engine.h"

namespace crucible::testing {
namespace {

struct Change {
  const char* what;
  const char* sql;
};

struct EngineSchema {
  EngineKind kind;
  const char* base;      // one of every kind of object the changes touch
  const char* drop_all;  // undoes `base` completely
  std::vector<Change> changes;
};

const EngineSchema kPostgres{
    EngineKind::postgres,
    R"(
      CREATE TYPE mood AS ENUM ('sad', 'ok');
      CREATE SEQUENCE counter INCREMENT BY 1;
      CREATE TABLE parent (id serial PRIMARY KEY, code text UNIQUE);
      CREATE TABLE item (
        id bigint PRIMARY KEY,
        parent_id int REFERENCES parent (id) ON DELETE CASCADE,
        qty integer DEFAULT 1 CONSTRAINT qty_positive CHECK (qty > 0),
        label text,
        feeling mood,
        note varchar(20)
      );
      CREATE INDEX item_label_idx ON item (label);
      CREATE VIEW big_items AS SELECT id, qty FROM item WHERE qty > 10;
      CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql
        AS $$ BEGIN NEW.qty := NEW.qty + 1; RETURN NEW; END $$;
      CREATE TRIGGER item_touch BEFORE INSERT ON item FOR EACH ROW EXECUTE FUNCTION touch();
      COMMENT ON COLUMN item.label IS 'shown to users';
    )",
    R"(
      DROP VIEW big_items;
      DROP TABLE item;
      DROP FUNCTION touch();
      DROP TABLE parent;
      DROP SEQUENCE counter;
      DROP TYPE mood;
    )",
    {
        {"a column type", "ALTER TABLE item ALTER COLUMN note TYPE varchar(30)"},
        {"a column type (other type)", "ALTER TABLE parent ALTER COLUMN code TYPE varchar(50)"},
        {"a default", "ALTER TABLE item ALTER COLUMN qty SET DEFAULT 2"},
        {"a dropped default", "ALTER TABLE item ALTER COLUMN qty DROP DEFAULT"},
        {"nullability", "ALTER TABLE item ALTER COLUMN label SET NOT NULL"},
        {"a CHECK's text", "ALTER TABLE item DROP CONSTRAINT qty_positive, "
                           "ADD CONSTRAINT qty_positive CHECK (qty >= 0)"},
        {"an index's columns",
         "DROP INDEX item_label_idx; CREATE INDEX item_label_idx ON item (note)"},
        {"an index's uniqueness",
         "DROP INDEX item_label_idx; CREATE UNIQUE INDEX item_label_idx ON item (label)"},
        {"a trigger's body",
         "CREATE OR REPLACE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql "
         "AS $$ BEGIN NEW.qty := NEW.qty + 2; RETURN NEW; END $$"},
        {"a trigger's event",
         "DROP TRIGGER item_touch ON item; CREATE TRIGGER item_touch BEFORE UPDATE ON item "
         "FOR EACH ROW EXECUTE FUNCTION touch()"},
        {"a view's definition",
         "CREATE OR REPLACE VIEW big_items AS SELECT id, qty FROM item WHERE qty > 20"},
        {"a sequence option", "ALTER SEQUENCE counter INCREMENT BY 5"},
        {"a column's position",
         "ALTER TABLE item DROP COLUMN feeling; ALTER TABLE item ADD COLUMN feeling mood"},
        {"a renamed column", "ALTER TABLE item RENAME COLUMN label TO title"},
        {"a foreign key's action",
         "ALTER TABLE item DROP CONSTRAINT item_parent_id_fkey, ADD CONSTRAINT "
         "item_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE RESTRICT"},
        {"an enum label", "ALTER TYPE mood ADD VALUE 'happy'"},
        {"a renamed type a column borrows its name from", "ALTER TYPE mood RENAME TO feeling"},
        {"a comment", "COMMENT ON COLUMN item.label IS 'changed'"},
        {"a new schema", "CREATE SCHEMA extra"},
        {"a table moved to another schema",
         "CREATE SCHEMA extra; ALTER TABLE item SET SCHEMA extra"},
    }};

const EngineSchema kMariadb{
    EngineKind::mariadb,
    R"(
      CREATE SEQUENCE counter INCREMENT BY 1;
      CREATE TABLE parent (id INT PRIMARY KEY, code VARCHAR(20) UNIQUE);
      CREATE TABLE item (
        id BIGINT PRIMARY KEY,
        parent_id INT,
        qty INT DEFAULT 1,
        label VARCHAR(40) COMMENT 'shown to users',
        note VARCHAR(20),
        CONSTRAINT qty_positive CHECK (qty > 0),
        CONSTRAINT item_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE CASCADE
      );
      CREATE INDEX item_label_idx ON item (label);
      CREATE VIEW big_items AS SELECT id, qty FROM item WHERE qty > 10;
      CREATE TRIGGER item_touch BEFORE INSERT ON item FOR EACH ROW SET NEW.qty = NEW.qty + 1;
    )",
    R"(
      DROP VIEW big_items;
      DROP TABLE item;
      DROP TABLE parent;
      DROP SEQUENCE counter;
    )",
    {
        {"a column type", "ALTER TABLE item MODIFY note VARCHAR(30)"},
        {"a column type (other type)", "ALTER TABLE item MODIFY qty BIGINT DEFAULT 1"},
        {"a default", "ALTER TABLE item ALTER COLUMN qty SET DEFAULT 2"},
        {"a dropped default", "ALTER TABLE item ALTER COLUMN qty DROP DEFAULT"},
        {"nullability", "ALTER TABLE item MODIFY label VARCHAR(40) NOT NULL COMMENT 'shown to users'"},
        {"a CHECK's text", "ALTER TABLE item DROP CONSTRAINT qty_positive; "
                           "ALTER TABLE item ADD CONSTRAINT qty_positive CHECK (qty >= 0)"},
        {"an index's columns",
         "DROP INDEX item_label_idx ON item; CREATE INDEX item_label_idx ON item (note)"},
        {"an index's uniqueness",
         "DROP INDEX item_label_idx ON item; CREATE UNIQUE INDEX item_label_idx ON item (label)"},
        {"a trigger's body",
         "DROP TRIGGER item_touch; CREATE TRIGGER item_touch BEFORE INSERT ON item "
         "FOR EACH ROW SET NEW.qty = NEW.qty + 2"},
        {"a trigger's event",
         "DROP TRIGGER item_touch; CREATE TRIGGER item_touch BEFORE UPDATE ON item "
         "FOR EACH ROW SET NEW.qty = NEW.qty + 1"},
        {"a view's definition",
         "CREATE OR REPLACE VIEW big_items AS SELECT id, qty FROM item WHERE qty > 20"},
        {"a sequence option", "ALTER SEQUENCE counter INCREMENT BY 5"},
        {"a column's position", "ALTER TABLE item MODIFY note VARCHAR(20) AFTER id"},
        {"a renamed column", "ALTER TABLE item RENAME COLUMN label TO title"},
        {"a foreign key's action",
         "ALTER TABLE item DROP FOREIGN KEY item_parent; ALTER TABLE item ADD CONSTRAINT "
         "item_parent FOREIGN KEY (parent_id) REFERENCES parent (id) ON DELETE RESTRICT"},
        {"a comment", "ALTER TABLE item MODIFY label VARCHAR(40) COMMENT 'changed'"},
        {"a table option", "ALTER TABLE item ROW_FORMAT=COMPACT"},
        {"a routine", "CREATE FUNCTION twice(x INT) RETURNS INT DETERMINISTIC RETURN x * 2"},
    }};

class CatalogDigest : public ::testing::TestWithParam<const EngineSchema*> {
 protected:
  const EngineSchema& schema() const { return *GetParam(); }
};

std::string digest_of(Database& db) {
  std::optional<std::string> digest = db.catalog_digest();
  EXPECT_TRUE(digest.has_value()) << "no digest from " << db.name();
  return digest.value_or("");
}

TEST_P(CatalogDigest, EveryCatalogChangeChangesTheDigest) {
  CRUCIBLE_LIVE_ENGINE(engine, schema().kind);
  for (const Change& change : schema().changes) {
    SCOPED_TRACE(change.what);
    auto db = engine->create_scratch();
    run_or_fail(*db, schema().kind, schema().base);
    const std::string before = digest_of(*db);
    const catalog::Catalog before_catalog = db->snapshot();
    run_or_fail(*db, schema().kind, change.sql);
    // The change is one the snapshot sees (else the case proves nothing) ...
    ASSERT_FALSE(catalog::diff(before_catalog, db->snapshot()).empty());
    // ... and so must the digest: equal digests pass a round trip unread.
    EXPECT_NE(digest_of(*db), before);
  }
}

TEST_P(CatalogDigest, ReadingTheDigestChangesNothing) {
  CRUCIBLE_LIVE_ENGINE(engine, schema().kind);
  auto db = engine->create_scratch();
  run_or_fail(*db, schema().kind, schema().base);
  const std::string first = digest_of(*db);
  EXPECT_EQ(digest_of(*db), first);
  db->snapshot();
  EXPECT_EQ(digest_of(*db), first);
}

// What a re-apply does: every object dropped and created again, with new OIDs on PostgreSQL.
TEST_P(CatalogDigest, ObjectsDroppedAndRecreatedIdenticallyDigestTheSame) {
  CRUCIBLE_LIVE_ENGINE(engine, schema().kind);
  auto db = engine->create_scratch();
  const std::string empty = digest_of(*db);
  run_or_fail(*db, schema().kind, schema().base);
  const std::string built = digest_of(*db);
  EXPECT_NE(built, empty);
  run_or_fail(*db, schema().kind, schema().drop_all);
  EXPECT_EQ(digest_of(*db), empty);
  run_or_fail(*db, schema().kind, schema().base);
  EXPECT_EQ(digest_of(*db), built);
}

// The corpus's most common migration: ADD COLUMN, its reverse DROP COLUMN, ADD COLUMN again
// (on PostgreSQL the column comes back with another attribute number).
TEST_P(CatalogDigest, AddDropAddColumnRoundTripsTheDigest) {
  CRUCIBLE_LIVE_ENGINE(engine, schema().kind);
  auto db = engine->create_scratch();
  run_or_fail(*db, schema().kind, schema().base);
  const std::string before = digest_of(*db);
  run_or_fail(*db, schema().kind, "ALTER TABLE item ADD COLUMN extra INT");
  const std::string added = digest_of(*db);
  EXPECT_NE(added, before);
  run_or_fail(*db, schema().kind, "ALTER TABLE item DROP COLUMN extra");
  EXPECT_EQ(digest_of(*db), before);
  run_or_fail(*db, schema().kind, "ALTER TABLE item ADD COLUMN extra INT");
  EXPECT_EQ(digest_of(*db), added);
}

// Two scratch databases built the same way digest the same: a rebuild by replay is checked by
// digest before its catalog is read.
TEST_P(CatalogDigest, TwoDatabasesBuiltAlikeDigestAlikeWithoutViewsOrCode) {
  CRUCIBLE_LIVE_ENGINE(engine, schema().kind);
  const char* tables =
      "CREATE TABLE parent (id INT PRIMARY KEY, code VARCHAR(20) UNIQUE);"
      "CREATE TABLE child (id INT PRIMARY KEY, parent_id INT REFERENCES parent (id),"
      "  qty INT DEFAULT 1 CHECK (qty > 0));"
      "CREATE INDEX child_qty ON child (qty);";
  auto a = engine->create_scratch();
  auto b = engine->create_scratch();
  run_or_fail(*a, schema().kind, tables);
  run_or_fail(*b, schema().kind, tables);
  EXPECT_EQ(digest_of(*a), digest_of(*b));
}

INSTANTIATE_TEST_SUITE_P(Engines, CatalogDigest, ::testing::Values(&kPostgres, &kMariadb),
                         [](const auto& info) {
                           return std::string(engine_name(info.param->kind));
                         });

TEST(CatalogDigestDefault, SqliteHasNoneAndKeepsFullSnapshots) {
  CRUCIBLE_LIVE_ENGINE(engine, EngineKind::sqlite);
  auto db = engine->create_scratch();
  EXPECT_EQ(db->catalog_digest(), std::nullopt);
}

}  // namespace
}  // namespace crucible::testing
