// classify_type: what each engine's canonical type text allows.
#include "harness/data/column_type.h"

#include <gtest/gtest.h>

namespace crucible::data {
namespace {

ColumnType pg(const std::string& t) { return classify_type(t, EngineKind::postgres); }
ColumnType my(const std::string& t) { return classify_type(t, EngineKind::mariadb); }
ColumnType lite(const std::string& t) { return classify_type(t, EngineKind::sqlite); }

TEST(ClassifyPostgres, IntegersHaveTheirBounds) {
  EXPECT_EQ(pg("smallint").kind, ValueKind::integer);
  EXPECT_EQ(pg("smallint").min, -32768);
  EXPECT_EQ(pg("smallint").max, 32767);
  EXPECT_EQ(pg("integer").max, 2147483647);
  EXPECT_EQ(pg("bigint").min, INT64_MIN);
}

TEST(ClassifyPostgres, DecimalsAndFloats) {
  auto n = pg("numeric(10,2)");
  EXPECT_EQ(n.kind, ValueKind::decimal);
  EXPECT_EQ(n.precision, 10);
  EXPECT_EQ(n.scale, 2);
  EXPECT_EQ(pg("numeric").precision, 0);
  EXPECT_EQ(pg("double precision").kind, ValueKind::floating);
  EXPECT_EQ(pg("real").kind, ValueKind::floating);
}

TEST(ClassifyPostgres, Strings) {
  auto v = pg("character varying(80)");
  EXPECT_EQ(v.kind, ValueKind::text);
  EXPECT_EQ(v.max_length, 80);
  EXPECT_FALSE(v.fixed_length);
  EXPECT_EQ(pg("character varying").max_length, std::nullopt);
  auto c = pg("character(3)");
  EXPECT_TRUE(c.fixed_length);
  EXPECT_EQ(c.max_length, 3);
  EXPECT_EQ(pg("text").max_length, std::nullopt);
  EXPECT_EQ(pg("bytea").kind, ValueKind::binary);
}

TEST(ClassifyPostgres, TemporalAndOthers) {
  EXPECT_EQ(pg("boolean").kind, ValueKind::boolean);
  EXPECT_EQ(pg("date").kind, ValueKind::date);
  EXPECT_EQ(pg("timestamp without time zone").kind, ValueKind::timestamp);
  EXPECT_EQ(pg("timestamp(3) with time zone").kind, ValueKind::timestamp);
  EXPECT_EQ(pg("time without time zone").kind, ValueKind::time);
  EXPECT_EQ(pg("json").kind, ValueKind::json);
  EXPECT_EQ(pg("jsonb").kind, ValueKind::json);
  EXPECT_EQ(pg("uuid").kind, ValueKind::uuid);
  EXPECT_EQ(pg("integer[]").kind, ValueKind::unknown);
  EXPECT_EQ(pg("mood").kind, ValueKind::unknown);
  EXPECT_EQ(pg("interval").kind, ValueKind::unknown);
}

TEST(ClassifyMariadb, IntegersSignedAndUnsigned) {
  EXPECT_EQ(my("int(11)").min, -2147483648LL);
  EXPECT_EQ(my("int(10) unsigned").min, 0);
  EXPECT_EQ(my("int(10) unsigned").max, 4294967295LL);
  EXPECT_EQ(my("int unsigned").max, 4294967295LL);
  EXPECT_EQ(my("tinyint(3) unsigned").max, 255);
  EXPECT_EQ(my("tinyint(4)").min, -128);
  EXPECT_EQ(my("mediumint(9)").max, 8388607);
  EXPECT_EQ(my("bigint(20) unsigned").max, INT64_MAX);
  EXPECT_EQ(my("tinyint(1)").kind, ValueKind::boolean);
  EXPECT_EQ(my("year(4)").min, 1901);
}

TEST(ClassifyMariadb, DecimalsStringsAndBlobs) {
  auto d = my("decimal(10,2) unsigned");
  EXPECT_EQ(d.kind, ValueKind::decimal);
  EXPECT_EQ(d.precision, 10);
  EXPECT_EQ(d.scale, 2);
  EXPECT_TRUE(d.non_negative);
  EXPECT_FALSE(my("decimal(10,2)").non_negative);
  EXPECT_EQ(my("varchar(80)").max_length, 80);
  EXPECT_FALSE(my("varchar(80)").length_in_bytes);
  EXPECT_TRUE(my("char(2)").fixed_length);
  EXPECT_EQ(my("tinytext").max_length, 255);
  EXPECT_TRUE(my("tinytext").length_in_bytes);
  EXPECT_EQ(my("text").max_length, 65535);
  EXPECT_EQ(my("longtext").kind, ValueKind::text);
  EXPECT_EQ(my("blob").kind, ValueKind::binary);
  EXPECT_EQ(my("varbinary(16)").max_length, 16);
}

TEST(ClassifyMariadb, EnumsKeepLabelsAndCase) {
  auto e = my("enum('a','B c','it''s')");
  EXPECT_EQ(e.kind, ValueKind::enumeration);
  EXPECT_EQ(e.enum_values, (std::vector<std::string>{"a", "B c", "it's"}));
  EXPECT_EQ(my("set('x','y')").enum_values.size(), 2u);
}

TEST(ClassifyMariadb, TemporalJsonAndInvisible) {
  EXPECT_EQ(my("datetime").kind, ValueKind::timestamp);
  EXPECT_EQ(my("datetime(6)").kind, ValueKind::timestamp);
  EXPECT_EQ(my("timestamp").kind, ValueKind::timestamp);
  EXPECT_EQ(my("date").kind, ValueKind::date);
  EXPECT_EQ(my("time").kind, ValueKind::time);
  EXPECT_EQ(my("json").kind, ValueKind::json);
  EXPECT_EQ(my("int(11) invisible").max, 2147483647);
  EXPECT_EQ(my("geometry").kind, ValueKind::unknown);
}

TEST(ClassifySqlite, AffinityRules) {
  EXPECT_EQ(lite("INTEGER").kind, ValueKind::integer);
  EXPECT_EQ(lite("integer").min, INT64_MIN);
  EXPECT_EQ(lite("bigint").kind, ValueKind::integer);
  EXPECT_EQ(lite("smallint").max, 32767);  // not enforced by SQLite; honoured anyway
  EXPECT_EQ(lite("varchar(20)").max_length, 20);
  EXPECT_EQ(lite("nvarchar(5)").kind, ValueKind::text);
  EXPECT_EQ(lite("clob").kind, ValueKind::text);
  EXPECT_EQ(lite("").kind, ValueKind::text);  // no declared type keeps any value
  EXPECT_EQ(lite("blob").kind, ValueKind::binary);
  EXPECT_EQ(lite("double precision").kind, ValueKind::floating);
  EXPECT_EQ(lite("real").kind, ValueKind::floating);
  EXPECT_EQ(lite("numeric(10, 2)").scale, 2);
  EXPECT_EQ(lite("boolean").kind, ValueKind::boolean);
  EXPECT_EQ(lite("datetime").kind, ValueKind::timestamp);
  EXPECT_EQ(lite("date").kind, ValueKind::date);
}

}  // namespace
}  // namespace crucible::data
