// Database::bulk_load on live engines: the rows land, keys and foreign keys hold, awkward text
// survives the engine's bulk format, and a rejected row is an error naming the table with
// nothing half-loaded left behind.
#include <gtest/gtest.h>

#include "harness/bench/dense_rows.h"
#include "harness/common/error.h"
#include "tests/support/live_engine.h"

namespace crucible::testing {
namespace {

// SQLite enforces foreign keys only when asked; the test must see them enforced.
std::unique_ptr<Engine> engine_for(EngineKind kind) {
  if (kind == EngineKind::sqlite) return connect_engine(parse_dsn("sqlite:?foreign_keys=on"));
  return live_engine(kind);
}

int64_t count(Database& db, const std::string& sql) {
  QueryResult r = db.query(Statement{sql, {"<test>", 1}}, {});
  EXPECT_TRUE(r.ok()) << r.error->message;
  if (!r.ok() || r.rows.empty()) return -1;
  const SqlValue& v = r.rows[0][0];
  if (auto* i = std::get_if<int64_t>(&v)) return *i;
  return std::stoll(std::get<std::string>(v));
}

// Rows given in full by the test.
class FixedRows : public RowSource {
 public:
  explicit FixedRows(std::vector<std::vector<SqlValue>> rows) : rows_(std::move(rows)) {}
  bool next(std::vector<SqlValue>& row) override {
    if (next_ == rows_.size()) return false;
    row = rows_[next_++];
    return true;
  }

 private:
  std::vector<std::vector<SqlValue>> rows_;
  size_t next_ = 0;
};

class BulkLoad : public ::testing::TestWithParam<EngineKind> {
 protected:
  void SetUp() override {
    engine_ = engine_for(GetParam());
    if (!engine_) GTEST_SKIP();
    db_ = engine_->create_scratch();
  }
  std::string quoted(const std::string& name) const {
    char q = GetParam() == EngineKind::mariadb ? '`' : '"';
    return q + name + q;
  }

  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Database> db_;
};

TEST_P(BulkLoad, GeneratedRowsLandWithKeysAndForeignKeysIntact) {
  run_sql(*db_, GetParam(),
          "CREATE TABLE parent (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL UNIQUE);\n"
          "CREATE TABLE child (id INT PRIMARY KEY, parent_id INT NOT NULL, note VARCHAR(50),\n"
          "  made DATE, FOREIGN KEY (parent_id) REFERENCES parent (id));");
  catalog::Catalog cat = db_->snapshot();
  std::map<std::string, bench::DenseRange> loaded;
  int64_t last_progress = 0;
  for (const char* table : {"parent", "child"}) {
    bench::DenseRange range{0, std::string(table) == "parent" ? 1000 : 120'000};
    bench::DenseRows rows(*cat.find_table(table), cat, GetParam(), range, loaded);
    range.count = db_->bulk_load(table, rows.columns(), rows, [&](int64_t n) { last_progress = n; });
    loaded[table] = range;
  }
  EXPECT_EQ(loaded["parent"].count, 1000);
  EXPECT_EQ(loaded["child"].count, 120'000);
  EXPECT_EQ(last_progress, 120'000);  // the final call reports the total
  EXPECT_EQ(count(*db_, "SELECT COUNT(*) FROM child"), 120'000);
  EXPECT_EQ(count(*db_, "SELECT COUNT(DISTINCT name) FROM parent"), 1000);
  EXPECT_EQ(count(*db_, "SELECT COUNT(DISTINCT parent_id) FROM child"), 1000);
  EXPECT_EQ(count(*db_, "SELECT COUNT(*) FROM child c LEFT JOIN parent p ON p.id = c.parent_id "
                        "WHERE p.id IS NULL"), 0);
}

TEST_P(BulkLoad, AwkwardTextAndQuotedNamesSurviveTheBulkFormat) {
  run_sql(*db_, GetParam(), "CREATE TABLE " + quoted("odd table") + " (id INT PRIMARY KEY, " +
                                quoted("from") + " VARCHAR(40), n DOUBLE PRECISION)");
  const std::vector<std::string> texts = {"tab\there", "line\nbreak\r\n", "back\\slash",
                                          "it's \"quoted\"", "", "naïve ☃"};
  std::vector<std::vector<SqlValue>> rows;
  for (size_t i = 0; i < texts.size(); ++i)
    rows.push_back({static_cast<int64_t>(i), texts[i], 0.5 + static_cast<double>(i)});
  rows.push_back({int64_t{99}, nullptr, nullptr});
  FixedRows source(rows);
  EXPECT_EQ(db_->bulk_load("odd table", {"id", "from", "n"}, source), 7);
  for (size_t i = 0; i < texts.size(); ++i) {
    QueryResult r = db_->query(
        Statement{"SELECT " + quoted("from") + ", n FROM " + quoted("odd table") + " WHERE id = ?",
                  {}},
        {static_cast<int64_t>(i)});
    ASSERT_TRUE(r.ok()) << r.error->message;
    ASSERT_EQ(r.rows.size(), 1u);
    EXPECT_EQ(std::get<std::string>(r.rows[0][0]), texts[i]);
    EXPECT_DOUBLE_EQ(std::get<double>(r.rows[0][1]), 0.5 + static_cast<double>(i));
  }
  EXPECT_EQ(count(*db_, "SELECT COUNT(*) FROM " + quoted("odd table") + " WHERE " +
                            quoted("from") + " IS NULL AND n IS NULL"), 1);
}

TEST_P(BulkLoad, ARejectedRowIsAnErrorNamingTheTableAndNothingStays) {
  run_sql(*db_, GetParam(), "CREATE TABLE dup (id INT PRIMARY KEY, v INT)");
  std::vector<std::vector<SqlValue>> rows;
  for (int64_t i = 0; i < 5000; ++i) rows.push_back({i, i});
  rows.push_back({int64_t{7}, int64_t{7}});  // a duplicate key at the very end
  FixedRows source(rows);
  try {
    db_->bulk_load("dup", {"id", "v"}, source);
    FAIL() << "the duplicate key was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("bulk load into dup"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("crucible:crucible@"), std::string::npos) << e.what();
  }
  EXPECT_EQ(count(*db_, "SELECT COUNT(*) FROM dup"), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, BulkLoad,
                         ::testing::Values(EngineKind::sqlite, EngineKind::postgres,
                                           EngineKind::mariadb),
                         [](const auto& info) { return std::string(engine_name(info.param)); });

}  // namespace
}  // namespace crucible::testing
