// The behaviour every engine's Database::query() and begin/commit/rollback must have, run by
// each engine's own *_query_test.cc against its live server (header-only: shared assertions).
#pragma once

#include <gtest/gtest.h>

#include "harness/engines/engine.h"

namespace crucible::testing {

inline QueryResult must_query(Database& db, const std::string& sql,
                              const std::vector<SqlValue>& params = {}) {
  QueryResult r = db.query(Statement{sql, {"test.sql", 1}}, params);
  EXPECT_TRUE(r.ok()) << sql << ": " << (r.error ? r.error->message : "");
  return r;
}

// `id_column` is the engine's auto-numbered key type, e.g. "INTEGER PRIMARY KEY".
inline void check_query_round_trip(Database& db, const std::string& id_column) {
  must_query(db, "CREATE TABLE q (id " + id_column + ", name VARCHAR(50), score DOUBLE PRECISION, note VARCHAR(50))");
  QueryResult ins = must_query(db, "INSERT INTO q (name, score, note) VALUES (?, ?, ?)",
                               {std::string("it's ? here"), 2.5, nullptr});
  EXPECT_EQ(ins.rows_affected, 1);
  must_query(db, "INSERT INTO q (name, score, note) VALUES (?, ?, '?')", {std::string("b"), int64_t{7}});
  QueryResult rows = must_query(db, "SELECT id, name, score, note FROM q WHERE name <> ? ORDER BY id",
                                {std::string("zzz")});
  ASSERT_EQ(rows.rows.size(), 2u);
  ASSERT_EQ(rows.columns.size(), 4u);
  EXPECT_TRUE(std::holds_alternative<int64_t>(rows.rows[0][0]));
  EXPECT_EQ(rows.rows[0][1], SqlValue(std::string("it's ? here")));  // bound, not spliced
  EXPECT_EQ(rows.rows[0][2], SqlValue(2.5));
  EXPECT_EQ(rows.rows[0][3], SqlValue(nullptr));
  EXPECT_EQ(rows.rows[1][3], SqlValue(std::string("?")));  // a `?` inside a literal stays text
  QueryResult upd = must_query(db, "UPDATE q SET note = ? WHERE score > ?", {std::string("x"), int64_t{1}});
  EXPECT_EQ(upd.rows_affected, 2);
}

inline void check_query_errors(Database& db) {
  QueryResult bad = db.query(Statement{"SELECT * FROM no_such_table", {"f.lua", 7}});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error->where.str(), "f.lua:7");
  EXPECT_FALSE(bad.error->message.empty());
  QueryResult count = db.query(Statement{"SELECT ? + ?", {"f.lua", 8}}, {int64_t{1}});
  EXPECT_FALSE(count.ok()) << "one value for two parameters must be an error";
}

inline void check_transactions(Database& db) {
  must_query(db, "CREATE TABLE t (v INTEGER)");
  db.begin();
  must_query(db, "INSERT INTO t (v) VALUES (?)", {int64_t{1}});
  db.rollback();
  EXPECT_TRUE(must_query(db, "SELECT v FROM t").rows.empty());
  db.begin();
  must_query(db, "INSERT INTO t (v) VALUES (?)", {int64_t{2}});
  db.commit();
  QueryResult rows = must_query(db, "SELECT v FROM t");
  ASSERT_EQ(rows.rows.size(), 1u);
  EXPECT_EQ(rows.rows[0][0], SqlValue(int64_t{2}));
}

}  // namespace crucible::testing
