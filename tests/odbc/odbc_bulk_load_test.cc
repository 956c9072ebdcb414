// Database::bulk_load over ODBC (array binds) against the live servers through their real
// drivers: the rows land whole, text and NULLs survive the binding, a batch mixing whole and
// fractional numbers keeps both, and a rejected row is an error naming the table with nothing
// left behind.
#include <gtest/gtest.h>

#include "harness/common/error.h"
#include "tests/odbc/odbc_testing.h"
#include "tests/support/live_engine.h"

namespace crucible {
namespace {

class CountingRows : public RowSource {
 public:
  CountingRows(int64_t count, std::function<std::vector<SqlValue>(int64_t)> make)
      : count_(count), make_(std::move(make)) {}
  bool next(std::vector<SqlValue>& row) override {
    if (next_ == count_) return false;
    row = make_(next_++);
    return true;
  }

 private:
  int64_t count_;
  std::function<std::vector<SqlValue>(int64_t)> make_;
  int64_t next_ = 0;
};

class OdbcBulkLoadTest : public ::testing::TestWithParam<EngineKind> {
 protected:
  void SetUp() override {
    engine_ = testing::odbc_engine(GetParam());
    if (engine_) db_ = engine_->create_scratch();
  }
  std::string quoted(const std::string& name) const {
    char q = GetParam() == EngineKind::mariadb ? '`' : '"';
    return q + name + q;
  }
  QueryResult query(const std::string& sql, const std::vector<SqlValue>& params = {}) {
    QueryResult r = db_->query(Statement{sql, {"<test>", 1}}, params);
    EXPECT_TRUE(r.ok()) << sql << ": " << r.error->message;
    return r;
  }
  int64_t count(const std::string& sql) {
    QueryResult r = query(sql);
    return r.ok() ? std::get<int64_t>(r.rows.at(0).at(0)) : -1;
  }

  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Database> db_;
};

TEST_P(OdbcBulkLoadTest, ManyBatchesLandWholeWithForeignKeysIntact) {
  if (!db_) return;
  testing::run_sql(*db_, GetParam(),
                   "CREATE TABLE parent (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL UNIQUE);\n"
                   "CREATE TABLE child (id INT PRIMARY KEY, parent_id INT NOT NULL, made DATE,\n"
                   "  FOREIGN KEY (parent_id) REFERENCES parent (id));");
  CountingRows parents(1000, [](int64_t i) {
    return std::vector<SqlValue>{i, "p" + std::to_string(i)};
  });
  EXPECT_EQ(db_->bulk_load("parent", {"id", "name"}, parents), 1000);
  int64_t last_progress = 0;
  CountingRows children(25'500, [](int64_t i) {
    return std::vector<SqlValue>{i, i % 1000, i % 7 ? SqlValue{"2026-12-0" + std::to_string(1 + i % 9)} : SqlValue{nullptr}};
  });
  EXPECT_EQ(db_->bulk_load("child", {"id", "parent_id", "made"}, children,
                           [&](int64_t n) { last_progress = n; }),
            25'500);
  EXPECT_EQ(last_progress, 25'500);
  EXPECT_EQ(count("SELECT COUNT(*) FROM child"), 25'500);
  EXPECT_EQ(count("SELECT COUNT(*) FROM child WHERE made IS NULL"), 25'500 / 7 + 1);
  EXPECT_EQ(count("SELECT COUNT(DISTINCT parent_id) FROM child"), 1000);
}

TEST_P(OdbcBulkLoadTest, TextNullsAndMixedNumbersSurviveTheBinding) {
  if (!db_) return;
  testing::run_sql(*db_, GetParam(), "CREATE TABLE " + quoted("odd table") + " (id INT PRIMARY KEY, " +
                                         quoted("from") + " VARCHAR(40), n DOUBLE PRECISION)");
  const std::vector<std::string> texts = {"tab\there", "line\nbreak\r\n", "back\\slash",
                                          "it's \"quoted\"", "", "naïve ☃"};
  std::vector<std::vector<SqlValue>> rows;
  for (size_t i = 0; i < texts.size(); ++i)  // whole and fractional numbers in one column
    rows.push_back({static_cast<int64_t>(i), texts[i],
                    i % 2 ? SqlValue{static_cast<int64_t>(i)} : SqlValue{0.5 + static_cast<double>(i)}});
  rows.push_back({int64_t{99}, nullptr, nullptr});
  CountingRows source(static_cast<int64_t>(rows.size()), [&](int64_t i) { return rows[i]; });
  EXPECT_EQ(db_->bulk_load("odd table", {"id", "from", "n"}, source), 7);
  for (size_t i = 0; i < texts.size(); ++i) {
    QueryResult r = query("SELECT " + quoted("from") + ", n FROM " + quoted("odd table") +
                              " WHERE id = ?", {static_cast<int64_t>(i)});
    ASSERT_EQ(r.rows.size(), 1u);
    EXPECT_EQ(std::get<std::string>(r.rows[0][0]), texts[i]);
    EXPECT_DOUBLE_EQ(std::get<double>(r.rows[0][1]), i % 2 ? static_cast<double>(i) : 0.5 + i);
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM " + quoted("odd table") + " WHERE " + quoted("from") +
                  " IS NULL AND n IS NULL"), 1);
}

TEST_P(OdbcBulkLoadTest, ARejectedRowIsAnErrorNamingTheTableAndNothingStays) {
  if (!db_) return;
  testing::run_sql(*db_, GetParam(), "CREATE TABLE dup (id INT PRIMARY KEY, v INT)");
  CountingRows source(5001, [](int64_t i) {
    return std::vector<SqlValue>{i == 5000 ? int64_t{7} : i, i};  // a duplicate key at the end
  });
  try {
    db_->bulk_load("dup", {"id", "v"}, source);
    FAIL() << "the duplicate key was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("bulk load into dup"), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find("Pwd=crucible"), std::string::npos) << e.what();
  }
  EXPECT_EQ(count("SELECT COUNT(*) FROM dup"), 0);
}

INSTANTIATE_TEST_SUITE_P(Drivers, OdbcBulkLoadTest,
                         ::testing::Values(EngineKind::postgres, EngineKind::mariadb),
                         [](const auto& info) { return std::string(engine_name(info.param)); });

}  // namespace
}  // namespace crucible
