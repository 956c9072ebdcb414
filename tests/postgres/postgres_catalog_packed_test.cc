// The packed catalog transport (harness/engines/postgres/postgres_catalog_packed.h) against the
// live server's own aggregation: whatever the values hold — the separators, '+', empty text,
// NULLs where the packing expected them or not — unpacking gives back exactly the query's rows
// or declines (and the caller then runs the query on its own). Never a wrong row.
#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "harness/engines/postgres/postgres_catalog_packed.h"
#include "tests/support/live_engine.h"

namespace crucible {
namespace {

using Value = std::optional<std::string>;
using Row = std::vector<Value>;

constexpr const char* kQuery = "SELECT a, b, c FROM packed_values";

// The packed statement's one row as the readers' Rows (text, NULL told apart).
Rows rows_of(const QueryResult& result) {
  auto rows = std::make_shared<StoredTextRows>(result.columns);
  for (const auto& values : result.rows) {
    std::vector<std::optional<std::string>> texts;
    for (const SqlValue& v : values) {
      if (std::holds_alternative<std::nullptr_t>(v)) texts.emplace_back(std::nullopt);
      else if (const auto* i = std::get_if<int64_t>(&v)) texts.emplace_back(std::to_string(*i));
      else if (const auto* s = std::get_if<std::string>(&v)) texts.emplace_back(*s);
      else texts.emplace_back(std::to_string(std::get<double>(v)));
    }
    rows->add_row(std::move(texts));
  }
  return Rows(rows);
}

std::vector<Row> rows_in(const Rows& rows) {
  std::vector<Row> out;
  for (const TextRow& row : rows) {
    Row values;
    for (size_t c = 0; c < rows.width(); ++c)
      values.push_back(row.is_null(c) ? Value() : Value(row.text(c)));
    out.push_back(std::move(values));
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool holds_a_separator(const std::vector<Row>& rows) {
  for (const Row& row : rows)
    for (const Value& v : row)
      if (v && v->find_first_of("\x1e\x1f") != std::string::npos) return true;
  return false;
}

class PackedCatalog : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_ = testing::live_engine(EngineKind::postgres);
    if (!engine_) return;
    db_ = engine_->create_scratch();
    testing::run_sql(*db_, EngineKind::postgres,
                     "CREATE TABLE packed_values (a text, b text, c text)");
  }

  // Stores `rows`, packs kQuery as `query` says, and unpacks it again.
  std::optional<Rows> round_trip(const std::vector<Row>& rows, const postgres::sql::PackedQuery& query) {
    EXPECT_FALSE(db_->query(Statement{"DELETE FROM packed_values", {}}).error);
    for (const Row& row : rows) {
      std::vector<SqlValue> params;
      for (const Value& v : row) params.push_back(v ? SqlValue(*v) : SqlValue(nullptr));
      QueryResult inserted =
          db_->query(Statement{"INSERT INTO packed_values VALUES (?, ?, ?)", {}}, params);
      EXPECT_FALSE(inserted.error) << inserted.error->message;
    }
    std::vector<postgres::sql::PackedQuery> queries = {query, query};  // two, as in a snapshot
    QueryResult packed = db_->query(Statement{postgres::sql::packed_sql(queries), {}});
    EXPECT_FALSE(packed.error) << packed.error->message;
    std::optional<Rows> first = postgres::sql::unpack(rows_of(packed), 0, queries);
    std::optional<Rows> second = postgres::sql::unpack(rows_of(packed), 1, queries);
    EXPECT_EQ(first.has_value(), second.has_value());
    return first;
  }

  static postgres::sql::PackedQuery query(std::vector<bool> nullable) {
    return postgres::sql::PackedQuery{"values", kQuery, {"a", "b", "c"}, std::move(nullable)};
  }

  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Database> db_;
};

TEST_F(PackedCatalog, AnyValuesUnpackToTheSameRowsOrNotAtAll) {
  if (!engine_) return;
  // Whole fragments rather than characters, separators rarely, so that rows where a separator
  // lines up with the packing's own (the hard cases) come up often.
  auto fragment = rc::gen::weightedElement<std::string>(
      {{6, "a"}, {2, "+"}, {2, ""}, {1, "'"}, {1, "\x1f"}, {1, "\x1e"}});
  auto text = rc::gen::map(rc::gen::resize(3, rc::gen::container<std::vector<std::string>>(fragment)),
                           [](const std::vector<std::string>& parts) {
                             std::string joined;
                             for (const std::string& part : parts) joined += part;
                             return Value(joined);
                           });
  auto value = rc::gen::weightedOneOf<Value>({{1, rc::gen::just(Value())}, {3, text}});
  auto row = rc::gen::container<Row>(3, value);
  bool checked = rc::check("packed rows unpack to the rows or decline", [&] {
    std::vector<Row> rows = *rc::gen::resize(3, rc::gen::container<std::vector<Row>>(row));
    std::vector<bool> nullable = *rc::gen::container<std::vector<bool>>(3, rc::gen::arbitrary<bool>());
    std::optional<Rows> unpacked = round_trip(rows, query(nullable));
    std::sort(rows.begin(), rows.end());
    bool nulls_expected = true;
    for (const Row& r : rows)
      for (size_t c = 0; c < 3; ++c)
        if (!r[c] && !nullable[c]) nulls_expected = false;
    if (unpacked) RC_ASSERT(rows_in(*unpacked) == rows);
    // It declines only when it must: a separator in a value, or a NULL it did not expect.
    else RC_ASSERT(holds_a_separator(rows) || !nulls_expected);
  });
  EXPECT_TRUE(checked);
}

TEST_F(PackedCatalog, NoRowsUnpackToNoRows) {
  if (!engine_) return;
  std::optional<Rows> unpacked = round_trip({}, query({false, true, false}));
  ASSERT_TRUE(unpacked.has_value());
  EXPECT_EQ(unpacked->size(), 0u);
  EXPECT_EQ(unpacked->width(), 3u);
}

// The example the property stands for: a value holding both separators cannot come back as
// other rows, however the rest of the row lines up.
TEST_F(PackedCatalog, AValueHoldingTheSeparatorsIsNeverSplitIntoOtherRows) {
  if (!engine_) return;
  EXPECT_FALSE(round_trip({{Value("x\x1f" "y\x1e" "f"), Value("b"), Value("c")},
                           {Value("d"), Value("e"), Value("f")}},
                          query({false, false, false})));
  EXPECT_FALSE(round_trip({{Value("x\x1f" "y"), std::nullopt, Value("c")}},
                          query({false, false, false})));
  EXPECT_FALSE(round_trip({{Value("p\x1f" "q\x1f" "r\x1e" "s"), Value("t"), Value("u")}},
                          query({false, false, false})));
  std::optional<Rows> plus =
      round_trip({{Value("+"), Value(""), std::nullopt}}, query({true, true, true}));
  ASSERT_TRUE(plus.has_value());
  EXPECT_EQ(rows_in(*plus), (std::vector<Row>{{Value("+"), Value(""), std::nullopt}}));
}

}  // namespace
}  // namespace crucible
