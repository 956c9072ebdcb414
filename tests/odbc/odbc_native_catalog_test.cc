// The ODBC engine reads PostgreSQL and MariaDB with the native engines' catalog queries: a
// snapshot over ODBC is the native snapshot, byte for byte (catalog JSON), on the bundled
// migration sets after every step and on a schema with every kind of object. Live servers, real
// drivers (odbc-postgresql, odbc-mariadb).
#include <clocale>
#include <cstdlib>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "harness/catalog/catalog_json_text.h"
#include "harness/common/error.h"
#include "harness/checks/data_check.h"
#include "harness/checks/verify.h"
#include "harness/engines/odbc/odbc_connection_string.h"
#include "harness/engines/odbc/odbc_native_catalog.h"
#include "harness/engines/odbc/odbc_text_queries.h"
#include "harness/loaders/loader.h"
#include "tests/odbc/odbc_testing.h"
#include "tests/support/catalog_testing.h"
#include "tests/support/check_testing.h"
#include "tests/support/crucible_binary.h"
#include "tests/support/delegating_engine.h"
#include "tests/support/live_engine.h"

namespace crucible {
namespace {

class OdbcNativeCatalogTest : public ::testing::TestWithParam<EngineKind> {
 protected:
  EngineKind kind() const { return GetParam(); }
  bool postgres() const { return kind() == EngineKind::postgres; }

  void SetUp() override {
    native_ = testing::live_engine(kind());
    if (!native_) return;
    // Privileged: both engines of one process would make the same per-run login (one run id).
    odbc_ = testing::odbc_engine(kind(), EngineOptions{true});
  }

  std::unique_ptr<Engine> native_, odbc_;
};

// Where two JSON texts first differ, with some context, for the failure message.
std::string first_difference(const std::string& a, const std::string& b) {
  size_t at = 0;
  while (at < a.size() && at < b.size() && a[at] == b[at]) ++at;
  size_t from = at < 200 ? 0 : at - 200;
  return "native: …" + a.substr(from, 400) + "\n  odbc: …" + b.substr(from, 400);
}

void expect_same_snapshot(Database& native, Database& odbc, const std::string& when) {
  catalog::Catalog a = native.snapshot();
  catalog::Catalog b = odbc.snapshot();
  std::string ja = catalog::to_json_text(a), jb = catalog::to_json_text(b);
  EXPECT_EQ(ja, jb) << when << ": " << testing::describe_diff(a, b) << "\n"
                    << first_difference(ja, jb);
}

ExecResult apply_forward(Database& db, const EngineScripts& scripts) {
  if (scripts.program) return scripts.program->apply(db, ApplyDirection::forward);
  return db.execute(scripts.forward);
}

TEST_P(OdbcNativeCatalogTest, TheBundledSetsSnapshotTheSameAfterEveryMigration) {
  if (!native_ || !odbc_) return;
  for (const char* set_dir : {"migrations/sql/app", "migrations/bench", "migrations/lua/shop",
                              "migrations/helium/ledger"}) {
    MigrationSet set =
        load_migrations(testing::source_dir() + "/" + set_dir, {kind()});
    auto native_db = native_->create_scratch();
    auto odbc_db = odbc_->create_scratch();
    int compared = 0;
    for (const Migration& m : set.migrations) {
      const EngineScripts* scripts = m.for_engine(kind());
      if (!scripts) continue;
      ExecResult a = apply_forward(*native_db, *scripts);
      ExecResult b = apply_forward(*odbc_db, *scripts);
      ASSERT_TRUE(a.ok()) << set_dir << " " << m.version << ": " << a.error->message;
      ASSERT_TRUE(b.ok()) << set_dir << " " << m.version << ": " << b.error->message;
      expect_same_snapshot(*native_db, *odbc_db, std::string(set_dir) + " after " + m.version);
      ++compared;
    }
    EXPECT_GT(compared, 2) << set_dir;
  }
}

// Every kind of object the native catalog sees, including what the generic ODBC level cannot
// (CHECKs, sequences, triggers, routines, view definitions, partial and expression indexes,
// comments, collations, generated columns), non-ASCII text and a routine body longer than one
// fetch buffer.
const char* const kPostgresSchema = R"sql(
CREATE SCHEMA billing;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE DOMAIN positive AS integer NOT NULL DEFAULT 1 CONSTRAINT positive_check CHECK (VALUE > 0);
CREATE TYPE point2 AS (x integer, y integer);
CREATE TYPE floatrange AS RANGE (subtype = float8);
CREATE SEQUENCE billing.invoice_no START 1000 INCREMENT 5 MAXVALUE 999999 CYCLE;
CREATE TABLE customers (
  id serial PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name varchar(80) COLLATE "C" DEFAULT 'Zoë',
  feeling mood,
  score positive,
  born date CHECK (born > '1900-01-01'),
  total numeric(10,2) GENERATED ALWAYS AS (score * 2) STORED,
  CONSTRAINT email_has_at CHECK (position('@' in email) > 0)
);
COMMENT ON TABLE customers IS 'Kunden — naïve café ☕';
COMMENT ON COLUMN customers.email IS 'E-Mail-Adresse';
CREATE TABLE billing.invoices (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  customer_id integer REFERENCES customers (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  amount numeric(12,2) NOT NULL CHECK (amount >= 0),
  paid boolean DEFAULT false,
  made timestamptz DEFAULT now()
) WITH (fillfactor = 70);
CREATE TABLE events (day date NOT NULL, what text) PARTITION BY RANGE (day);
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE UNLOGGED TABLE scratchpad (note text);
CREATE INDEX customers_lower_email ON customers (lower(email));
CREATE INDEX invoices_unpaid ON billing.invoices (customer_id) WHERE NOT paid;
CREATE INDEX customers_name_desc ON customers (name DESC NULLS LAST) INCLUDE (born);
CREATE INDEX customers_name_hash ON customers USING hash (name);
CREATE VIEW unpaid AS SELECT c.email, i.amount FROM customers c JOIN billing.invoices i ON i.customer_id = c.id WHERE NOT i.paid;
CREATE MATERIALIZED VIEW totals AS SELECT customer_id, sum(amount) AS total FROM billing.invoices GROUP BY customer_id;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- keeps the score positive
  NEW.score := greatest(NEW.score, 1);
  RETURN NEW;
END $$;
CREATE TRIGGER customers_touch BEFORE INSERT OR UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION touch();
CREATE FUNCTION billing.add(a integer, b integer DEFAULT 1) RETURNS integer IMMUTABLE LANGUAGE sql RETURN a + b;
CREATE PROCEDURE billing.settle(invoice bigint) LANGUAGE sql AS $$ UPDATE billing.invoices SET paid = true WHERE id = invoice $$;
)sql";

const char* const kMariadbSchema = R"sql(
CREATE TABLE customers (
  id INT AUTO_INCREMENT PRIMARY KEY,
  email VARCHAR(120) NOT NULL,
  name VARCHAR(80) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin DEFAULT 'Zoë' COMMENT 'naïve café ☕',
  score INT NOT NULL DEFAULT 1 CHECK (score > 0),
  doubled INT AS (score * 2) STORED,
  secret INT INVISIBLE,
  updated TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY (email),
  CONSTRAINT email_has_at CHECK (email LIKE '%@%')
) ENGINE=InnoDB ROW_FORMAT=DYNAMIC COMMENT='Kunden';
CREATE TABLE invoices (
  id BIGINT PRIMARY KEY,
  customer_id INT,
  amount DECIMAL(12,2) NOT NULL,
  note TEXT,
  FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE,
  INDEX note_prefix (note(20)),
  INDEX amount_desc (amount DESC),
  FULLTEXT INDEX note_text (note)
) ENGINE=InnoDB;
CREATE TABLE audit (what VARCHAR(20)) ENGINE=MyISAM WITH SYSTEM VERSIONING;
CREATE INDEX customers_name ON customers (name) IGNORED;
CREATE SEQUENCE invoice_no START WITH 1000 INCREMENT BY 5 MAXVALUE 999999 CYCLE;
CREATE VIEW unpaid AS SELECT c.email, i.amount FROM customers c JOIN invoices i ON i.customer_id = c.id WHERE i.amount > 0 WITH CHECK OPTION;
CREATE SQL SECURITY INVOKER VIEW emails AS SELECT email FROM customers;
CREATE TRIGGER customers_touch BEFORE INSERT ON customers FOR EACH ROW SET NEW.score = GREATEST(NEW.score, 1);
CREATE FUNCTION add_one(x INT) RETURNS INT DETERMINISTIC RETURN x + 1;
CREATE PROCEDURE settle(IN invoice BIGINT, OUT done INT) MODIFIES SQL DATA SET done = invoice * 2;
)sql";

TEST_P(OdbcNativeCatalogTest, ASchemaWithEveryKindOfObjectSnapshotsTheSame) {
  if (!native_ || !odbc_) return;
  std::string sql = postgres() ? kPostgresSchema : kMariadbSchema;
  if (postgres()) {
    // A routine body longer than the ODBC fetch buffer (4 KB of UTF-16): read in several chunks.
    std::string body = "SELECT 1";
    while (body.size() < 9000) body += " + 1";
    sql += "CREATE FUNCTION long_sum() RETURNS integer LANGUAGE sql AS $$ " + body + " $$;\n";
  }
  auto native_db = native_->create_scratch();
  auto odbc_db = odbc_->create_scratch();
  testing::run_sql(*native_db, kind(), sql);
  testing::run_sql(*odbc_db, kind(), sql);
  catalog::Catalog c = odbc_db->snapshot();
  // What the generic level cannot see is there.
  ASSERT_NE(testing::table_named(c, "customers"), nullptr);
  EXPECT_FALSE(testing::table_named(c, "customers")->checks.empty());
  EXPECT_FALSE(c.sequences.empty());
  EXPECT_FALSE(c.triggers.empty());
  EXPECT_FALSE(c.routines.empty());
  EXPECT_FALSE(c.views.empty());
  expect_same_snapshot(*native_db, *odbc_db, "every kind of object");
}

// Text is fetched in blocks of rows into fixed-size buffers (64 rows of 512 bytes: 256 UTF-16
// units, or 511 bytes of UTF-8 when the driver's narrow text is UTF-8): results of more rows
// than a block, NULLs, and values just short of, at and past either buffer's end (ASCII, and
// two-unit or four-byte characters across the end) read the same as natively.
TEST_P(OdbcNativeCatalogTest, ValuesAroundTheFetchBlockEdgesSnapshotTheSame) {
  if (!native_ || !odbc_) return;
  std::string sql;
  for (int i = 0; i < 150; ++i) {
    std::string column = fmt::format("c{}", i % 7);
    std::string comment(250 + i % 12, 'x');
    if (i % 4 == 1) comment = std::string(120 + i % 12, 'x') + "😀é" + std::string(130, 'y');
    if (i % 4 == 3)  // 505 to 519 bytes, 😀 from byte 501 to 513
      comment = std::string(500 + i % 14, 'x') + "😀" + std::string(i % 3, 'y');
    if (postgres()) {
      sql += fmt::format("CREATE TABLE t{0} ({1} text{2});\n", i, column,
                         i % 3 == 0 ? "" : " DEFAULT 'd'");
      if (i % 5 != 0)
        sql += fmt::format("COMMENT ON COLUMN t{}.{} IS '{}';\n", i, column, comment);
    } else {
      sql += fmt::format("CREATE TABLE t{0} ({1} VARCHAR(20){2} COMMENT '{3}');\n", i, column,
                         i % 3 == 0 ? "" : " DEFAULT 'd'", i % 5 == 0 ? "" : comment);
    }
  }
  auto native_db = native_->create_scratch();
  auto odbc_db = odbc_->create_scratch();
  testing::run_sql(*native_db, kind(), sql);
  testing::run_sql(*odbc_db, kind(), sql);
  expect_same_snapshot(*native_db, *odbc_db, "values around the fetch block's edges");
}

// LC_ALL for the driver's next connection (psqlODBC derives its narrow text's encoding from it
// and sets the process's LC_CTYPE by it); the variable and LC_CTYPE as they were afterwards.
class LocaleWhileConnecting {
 public:
  explicit LocaleWhileConnecting(const char* locale)
      : had_(std::getenv("LC_ALL") != nullptr), was_(had_ ? std::getenv("LC_ALL") : ""),
        ctype_(std::setlocale(LC_CTYPE, nullptr)) {
    setenv("LC_ALL", locale, 1);
  }
  ~LocaleWhileConnecting() {
    if (had_) setenv("LC_ALL", was_.c_str(), 1);
    else unsetenv("LC_ALL");
    std::setlocale(LC_CTYPE, ctype_.c_str());
  }

 private:
  bool had_;
  std::string was_, ctype_;
};

// psqlODBC's narrow text is the server's UTF-8 under a UTF-8 locale (client_encoding UTF8) and
// under C (SQL_ASCII: the server's bytes as they are), so the catalog is read narrow in both;
// under C its wide text, which snapshots were read as before, failed on the first non-ASCII
// comment ("invalid string conversion"). Either way the snapshot is the native one, non-ASCII
// identifiers, defaults and comments (two- and four-byte characters) included.
TEST_P(OdbcNativeCatalogTest, NonAsciiTextReadsTheSameUnderAUtf8LocaleAndUnderC) {
  if (!native_ || !odbc_) return;
  if (!postgres()) GTEST_SKIP() << "MariaDB's narrow text is utf8mb4 whatever the locale";
  auto db = native_->create_scratch();
  testing::run_sql(*db, kind(),
                   "CREATE TABLE café (naïve text DEFAULT 'Zoë 😀', n integer);\n"
                   "COMMENT ON TABLE café IS 'Kunden — ☕ 😀';\n"
                   "COMMENT ON COLUMN café.naïve IS 'ünïcödé';");
  std::string expected = catalog::to_json_text(db->snapshot());
  auto attributes = odbc::ConnectionString::parse(testing::odbc_url(kind()).substr(5));
  attributes.set({"Database", "DB"}, db->name());
  for (const char* locale : {"C.UTF-8", "C"}) {
    SCOPED_TRACE(locale);
    // The process keeps the locale psqlODBC set as it connected, as Crucible's would.
    LocaleWhileConnecting scoped(locale);
    odbc::Connection connection(attributes.text(), "locale test");
    EXPECT_TRUE(odbc::postgres_narrow_text_is_utf8(connection));
    std::string json;
    try {
      json = catalog::to_json_text(odbc::read_catalog(connection, kind(), db->name()));
    } catch (const Error& e) {
      ADD_FAILURE() << e.what();
    }
    EXPECT_EQ(json, expected);
  }
}

// An engine whose catalog cannot see column types and CHECKs (the ODBC engine's generic level,
// for DBMSs without a native reader): here the live ODBC engine saying so of itself.
class BlindCatalogEngine final : public testing::DelegatingEngine {
 public:
  using DelegatingEngine::DelegatingEngine;
  ServerInfo server_info() override {
    ServerInfo info = DelegatingEngine::server_info();
    info.catalog_sees_types_and_checks = false;
    return info;
  }
};

// The data check asks the engine whether its catalog sees what generating rows needs: the native
// readers over ODBC do, and the check runs; a catalog that cannot is a skip saying why.
TEST_P(OdbcNativeCatalogTest, TheDataCheckRunsWhereTheCatalogSeesTypesAndChecks) {
  if (!native_ || !odbc_) return;
  EXPECT_TRUE(native_->server_info().catalog_sees_types_and_checks);
  EXPECT_TRUE(odbc_->server_info().catalog_sees_types_and_checks);
  MigrationSet set = testing::inline_set(kind(), {
      {"CREATE TABLE items (id INTEGER PRIMARY KEY, label VARCHAR(20))", "DROP TABLE items"},
      {"ALTER TABLE items ADD COLUMN note VARCHAR(20)", "ALTER TABLE items DROP COLUMN note"},
  });
  DataOptions options{true, {.seed = 5, .rows_per_table = 5}};
  std::vector<Result> seen = data_engine(*odbc_, set, verify_engine(*odbc_, set), options);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[1].status, Status::pass) << seen[1].message;
  BlindCatalogEngine blind(*odbc_);
  std::vector<Result> unseen = data_engine(blind, set, verify_engine(blind, set), options);
  ASSERT_EQ(unseen.size(), 2u);
  for (const Result& r : unseen) {
    EXPECT_EQ(r.status, Status::skip);
    EXPECT_NE(r.message.find("cannot see the column types and CHECKs"), std::string::npos)
        << r.message;
  }
}

// A snapshot inside the session's own open transaction sees that transaction's work and leaves
// it open and intact (PostgreSQL: a savepoint instead of the snapshot's own transaction).
TEST_P(OdbcNativeCatalogTest, ASnapshotInsideAnOpenTransactionLeavesItOpen) {
  if (!native_ || !odbc_) return;
  auto db = odbc_->create_scratch();
  testing::run_sql(*db, kind(), "CREATE TABLE kept (id INT)");
  db->begin();
  ASSERT_TRUE(db->query(Statement{"INSERT INTO kept VALUES (1)", {}}).ok());
  EXPECT_NE(testing::table_named(db->snapshot(), "kept"), nullptr);
  ASSERT_TRUE(db->query(Statement{"INSERT INTO kept VALUES (2)", {}}).ok());
  db->rollback();
  QueryResult r = db->query(Statement{"SELECT COUNT(*) FROM kept", {}});
  ASSERT_TRUE(r.ok()) << r.error->message;
  EXPECT_EQ(std::get<int64_t>(r.rows.at(0).at(0)), 0);
}

// PostgreSQL's fixed catalog queries are prepared once per session over ODBC too; a migration's
// DEALLOCATE ALL on that session makes the next snapshot prepare them again, not fail.
TEST_P(OdbcNativeCatalogTest, ASessionThatDeallocatedItsStatementsStillSnapshots) {
  if (!native_ || !odbc_) return;
  if (!postgres()) GTEST_SKIP() << "PostgreSQL's prepared statements";
  auto db = odbc_->create_scratch();
  testing::run_sql(*db, kind(), "CREATE TABLE a (id INT PRIMARY KEY)");
  catalog::Catalog first = db->snapshot();
  QueryResult prepared = db->query(Statement{
      "SELECT COUNT(*) FROM pg_prepared_statements WHERE name LIKE 'crucible\\_%'", {}});
  ASSERT_TRUE(prepared.ok()) << prepared.error->message;
  EXPECT_GT(std::get<int64_t>(prepared.rows.at(0).at(0)), 5);
  testing::run_sql(*db, kind(), "DEALLOCATE ALL;\nCREATE TABLE b (id INT)");
  catalog::Catalog second = db->snapshot();
  EXPECT_EQ(testing::changed_objects(first, second), (std::vector<std::string>{"table b", "column b.id"}));
}

// Values read whole in every way the transport fetches text: short ones, ones around the 8 KB
// piece SQLGetData reads at first (a four-byte character across its end), a value far longer (read
// in one more call, the length the driver told), empty text and NULL.
TEST_P(OdbcNativeCatalogTest, LongValuesReadWholeInEveryFetchMode) {
  if (!native_ || !odbc_) return;
  std::vector<std::string> expected;
  std::string select = "SELECT ";
  for (int before : {0, 510, 8188, 8189, 8190, 8191, 8192, 16380, 100000}) {
    expected.push_back(std::string(before, 'x') + "😀" + std::string(before % 7, 'y'));
    select += fmt::format(fmt::runtime(postgres()
                                           ? "repeat('x', {0}) || '😀' || repeat('y', {1}), "
                                           : "CONCAT(REPEAT('x', {0}), '😀', REPEAT('y', {1})), "),
                          before, before % 7);
  }
  select += "'', NULL";
  auto attributes = odbc::ConnectionString::parse(testing::odbc_url(kind()).substr(5));
  odbc::Connection connection(attributes.text(), "fetch test");
  // The ways the catalog readers use: psqlODBC in blocks, narrow where its narrow text is UTF-8;
  // MariaDB's driver value by value (its block cursor is not used: odbc_text_queries.h).
  std::vector<odbc::TextFetch> modes = {odbc::TextFetch::narrow_values};
  if (postgres()) {
    modes = {odbc::TextFetch::wide_blocks};
    if (odbc::postgres_narrow_text_is_utf8(connection))
      modes.insert(modes.end(), {odbc::TextFetch::narrow_blocks, odbc::TextFetch::narrow_values});
  }
  for (odbc::TextFetch fetch : modes) {
    SCOPED_TRACE(static_cast<int>(fetch));
    Rows rows;
    try {
      rows = odbc::OdbcTextQueries(connection, fetch).query(select, "reading long values");
    } catch (const Error& e) {
      ADD_FAILURE() << e.what();
      continue;
    }
    ASSERT_EQ(rows.size(), 1u);
    ASSERT_EQ(rows.width(), expected.size() + 2);
    for (size_t c = 0; c < expected.size(); ++c) {
      EXPECT_FALSE(rows.front().is_null(c));
      EXPECT_EQ(rows.front().text(c), expected[c]) << "value " << c;
    }
    EXPECT_EQ(rows.front().text(expected.size()), "");
    EXPECT_FALSE(rows.front().is_null(expected.size()));
    EXPECT_TRUE(rows.front().is_null(expected.size() + 1));
  }
}

// Whether the session of `db` has prepared statement `name`.
bool has_prepared(Database& db, const std::string& name) {
  QueryResult r = db.query(Statement{
      "SELECT COUNT(*) FROM pg_prepared_statements WHERE name = '" + name + "'", {}});
  EXPECT_FALSE(r.error) << r.error->message;
  return !r.error && std::get<int64_t>(r.rows.at(0).at(0)) == 1;
}

// Over ODBC a session's snapshots after its first fetch every fixed PostgreSQL catalog query in
// one statement and one row (postgres_catalog_packed.h). They read as the native ones: packed;
// when a column is NULL that never was in that session (the query runs on its own once and
// the packing learns it); when a comment holds the packing's separators (that query runs on
// its own); and on a schema with every kind of object.
TEST_P(OdbcNativeCatalogTest, PackedSnapshotsReadTheSameAsNative) {
  if (!native_ || !odbc_) return;
  if (!postgres()) GTEST_SKIP() << "PostgreSQL's catalog queries are the packed ones";
  auto native_db = native_->create_scratch();
  auto odbc_db = odbc_->create_scratch();
  auto both = [&](const std::string& sql) {
    testing::run_sql(*native_db, kind(), sql);
    testing::run_sql(*odbc_db, kind(), sql);
  };
  both("CREATE TABLE a (id integer NOT NULL DEFAULT 1)");  // no column without a default yet
  expect_same_snapshot(*native_db, *odbc_db, "the session's first snapshot");
  EXPECT_FALSE(has_prepared(*odbc_db, "crucible_packed_0"));
  expect_same_snapshot(*native_db, *odbc_db, "packed");
  EXPECT_TRUE(has_prepared(*odbc_db, "crucible_packed_0"));
  both("CREATE TABLE b (id integer)");
  expect_same_snapshot(*native_db, *odbc_db, "a column without a default");
  expect_same_snapshot(*native_db, *odbc_db, "packed again");
  EXPECT_TRUE(has_prepared(*odbc_db, "crucible_packed_1"));
  both("COMMENT ON TABLE b IS E'x\\x1fy\\x1ez';\nCOMMENT ON COLUMN a.id IS '+'");
  expect_same_snapshot(*native_db, *odbc_db, "comments holding the separators and a plus");
  both(kPostgresSchema);
  expect_same_snapshot(*native_db, *odbc_db, "every kind of object");
  expect_same_snapshot(*native_db, *odbc_db, "every kind of object, again");
}

// The prepared statement `name` of the session of `db`, as pg_prepared_statements shows it.
std::string prepared_text(Database& db, const std::string& name) {
  QueryResult r = db.query(Statement{
      "SELECT statement FROM pg_prepared_statements WHERE name = '" + name + "'", {}});
  EXPECT_FALSE(r.error) << r.error->message;
  if (r.error || r.rows.empty()) return "";
  return std::get<std::string>(r.rows.at(0).at(0));
}

// As natively (PostgresSnapshot.AStatementAMigrationPreparedUnderASnapshotsNameIsNeverRun): a
// statement a migration prepared under one of the snapshot's names over ODBC, the packed one or
// a plain one, is replaced, never run; it could hide an index the reverse forgot.
TEST_P(OdbcNativeCatalogTest, AStatementAMigrationPreparedUnderASnapshotsNameIsNeverRun) {
  if (!native_ || !odbc_) return;
  if (!postgres()) GTEST_SKIP() << "PostgreSQL's prepared statements";
  auto db = odbc_->create_scratch();
  testing::run_sql(*db, kind(), "CREATE TABLE t (a integer, b integer)");
  db->snapshot();
  db->snapshot();  // packed from now on
  std::string packed = prepared_text(*db, "crucible_packed_0");
  size_t at = packed.find("FROM pg_index i ");
  ASSERT_NE(at, std::string::npos);
  std::string forged = packed;
  forged.replace(at, std::string("FROM pg_index i ").size(),
                 "FROM (SELECT * FROM pg_index WHERE false) i ");
  testing::run_sql(*db, kind(), "CREATE INDEX t_a ON t (a)");
  ASSERT_FALSE(db->query(Statement{"DEALLOCATE crucible_packed_0", {}}).error);
  QueryResult forge = db->query(Statement{forged, {}});
  ASSERT_FALSE(forge.error) << forge.error->message;
  catalog::Catalog c = db->snapshot();
  ASSERT_EQ(c.indexes.size(), 1u);
  EXPECT_EQ(c.indexes[0].name, "t_a");
  EXPECT_EQ(prepared_text(*db, "crucible_packed_0"), packed);
  // Not prepared again while it is ours.
  QueryResult before = db->query(Statement{
      "SELECT prepare_time FROM pg_prepared_statements WHERE name = 'crucible_packed_0'", {}});
  db->snapshot();
  QueryResult after = db->query(Statement{
      "SELECT prepare_time FROM pg_prepared_statements WHERE name = 'crucible_packed_0'", {}});
  ASSERT_FALSE(before.error || after.error);
  EXPECT_EQ(before.rows, after.rows);
}

INSTANTIATE_TEST_SUITE_P(Drivers, OdbcNativeCatalogTest,
                         ::testing::Values(EngineKind::postgres, EngineKind::mariadb),
                         [](const auto& info) { return std::string(engine_name(info.param)); });

}  // namespace
}  // namespace crucible
