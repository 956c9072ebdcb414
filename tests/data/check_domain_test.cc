// CHECK shapes `crucible bench` narrows generated values to, as each engine prints them back in
// its catalog (the strings below are copied from snapshots of PostgreSQL 15, MariaDB 10.11 and
// SQLite 3.40). Before this, the bundled migrations/sql/app failed to bench on four migrations:
// the orders table's status CHECK rejected the generated text "1".
#include "harness/data/check_domain.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <utility>

namespace crucible::data {
namespace {

using data::ValueKind;

data::ColumnType narrowed(const std::string& type, const std::string& column,
                          const std::string& check, EngineKind engine) {
  catalog::Check c;
  c.name = "c";
  c.expression = check;
  return narrow_to_checks(data::classify_type(type, engine), column, {c}, engine);
}

// A narrowed type's whole-number range, as one value to compare.
using Range = std::pair<int64_t, int64_t>;
Range range_of(const data::ColumnType& type) { return {type.min, type.max}; }

TEST(CheckDomain, AValueListBecomesAnEnumerationOnEveryEngine) {
  const std::vector<std::string> expected = {"pending", "paid", "it's"};
  data::ColumnType pg = narrowed(
      "character varying(20)", "status",
      "CHECK (status::text = ANY (ARRAY['pending'::character varying, 'paid'::character varying, "
      "'it''s'::character varying]::text[]))",
      EngineKind::postgres);
  EXPECT_EQ(pg.kind, ValueKind::enumeration);
  EXPECT_EQ(pg.enum_values, expected);
  data::ColumnType maria = narrowed("varchar(20)", "status",
                                    "status in('pending', 'paid', 'it\\'s')", EngineKind::mariadb);
  EXPECT_EQ(maria.enum_values, expected);
  data::ColumnType lite = narrowed("VARCHAR(20)", "status", "status in('pending', 'paid', 'it''s')",
                                   EngineKind::sqlite);
  EXPECT_EQ(lite.enum_values, expected);
  data::ColumnType ors =
      narrowed("text", "kind", "CHECK (kind = 'a'::text OR kind = 'b'::text)", EngineKind::postgres);
  EXPECT_EQ(ors.enum_values, (std::vector<std::string>{"a", "b"}));
}

TEST(CheckDomain, BoundsNarrowTheRangeOfWholeNumbers) {
  data::ColumnType between = narrowed("integer", "qty", "CHECK (qty >= 1 AND qty <= 100)",
                                      EngineKind::postgres);
  EXPECT_EQ(between.kind, ValueKind::integer);
  EXPECT_EQ(range_of(between), Range(1, 100));
  data::ColumnType written = narrowed("int(11)", "qty", "qty between 1 and 100", EngineKind::mariadb);
  EXPECT_EQ(range_of(written), Range(1, 100));
  data::ColumnType flipped = narrowed("INT", "n", "0 < n", EngineKind::sqlite);
  EXPECT_EQ(flipped.min, 1);
  data::ColumnType upper = narrowed("integer", "lvl", "CHECK (lvl <= 5)", EngineKind::postgres);
  EXPECT_EQ(upper.max, 5);
  EXPECT_LT(upper.min, 0);  // the type's own lower bound stays
  data::ColumnType negative = narrowed("integer", "t", "CHECK (t > -40 AND t < 60)",
                                       EngineKind::postgres);
  EXPECT_EQ(range_of(negative), Range(-39, 59));
}

TEST(CheckDomain, ADecimalWithBoundsTakesWholeNumbersWithinThem) {
  data::ColumnType price =
      narrowed("numeric(10,2)", "price", "CHECK (price >= 0::numeric AND price < 500::numeric)",
               EngineKind::postgres);
  EXPECT_EQ(price.kind, ValueKind::integer);
  EXPECT_EQ(range_of(price), Range(0, 499));
  data::ColumnType open = narrowed("decimal(5,2)", "p", "p > 0", EngineKind::mariadb);
  EXPECT_EQ(range_of(open), Range(1, 999));  // what five digits with two after the point hold
}

TEST(CheckDomain, OtherShapesAndOtherColumnsAreLeftAlone) {
  const data::ColumnType text = data::classify_type("text", EngineKind::postgres);
  EXPECT_EQ(narrowed("text", "code", "CHECK (code <> ''::text)", EngineKind::postgres), text);
  EXPECT_EQ(narrowed("text", "code", "CHECK (length(code) > 2)", EngineKind::postgres), text);
  EXPECT_EQ(narrowed("text", "code", "CHECK (code NOT IN ('x'))", EngineKind::postgres), text);
  const data::ColumnType integer = data::classify_type("integer", EngineKind::postgres);
  EXPECT_EQ(narrowed("integer", "a", "CHECK (a < b)", EngineKind::postgres), integer);
  EXPECT_EQ(narrowed("integer", "a", "CHECK (a < 0 OR a > 10)", EngineKind::postgres), integer);
  EXPECT_EQ(narrowed("integer", "a", "CHECK (a % 2 = 0)", EngineKind::postgres), integer);
  EXPECT_EQ(narrowed("integer", "a", "CHECK (a > 0 AND a < 1)", EngineKind::postgres).kind,
            ValueKind::integer);
  EXPECT_EQ(narrowed("integer", "a", "CHECK (a > 5 AND a < 3)", EngineKind::postgres), integer);
}

}  // namespace
}  // namespace crucible::bench
