// The `diagram` check's parsing (every accepted shape) and comparison against a real catalog
// (a SQLite snapshot); helium_source_line: locating stored statements in the migration file.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "harness/lua/helium/diagram.h"
#include "harness/common/dsn.h"
#include "harness/engines/engine.h"
#include "harness/lua/helium/source_line.h"
#include "tests/support/live_engine.h"

namespace crucible::helium {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

TEST(HeliumDiagram, AcceptsEveryDocumentedShape) {
  const char* column = R"({"name": "id", "datatype": "INTEGER", "nullable": false})";
  for (const std::string& json : std::vector<std::string>{
           fmt::format(R"([{{"table": "t", "columns": [{}]}}])", column),
           fmt::format(R"([{{"name": "t", "columns": [{}]}}])", column),
           fmt::format(R"({{"tables": [{{"table": "t", "columns": [{}]}}]}})", column),
           fmt::format(R"({{"table": "t", "columns": [{}]}})", column),
           fmt::format(R"({{"t": [{}]}})", column),
           fmt::format(R"([{{"object_type": "table", "object_id": "table.t", "table": [{}]}},
                          {{"object_type": "link", "from": "t", "to": "u"}}])", column)}) {
    auto tables = parse_diagram(json);
    ASSERT_EQ(tables.size(), 1u) << json;
    EXPECT_EQ(tables[0].name, "t") << json;
    ASSERT_EQ(tables[0].columns.size(), 1u) << json;
    EXPECT_EQ(tables[0].columns[0].nullable, false) << json;
    EXPECT_FALSE(tables[0].columns[0].primary_key.has_value()) << json;  // not given: not compared
  }
}

TEST(HeliumDiagram, FlagsInOtherSpellingsAndBadInputs) {
  auto tables = parse_diagram(
      R"([{"table": "t", "columns": [{"name": "a", "nullable": "NO", "primary_key": 1, "unique": "true"}]}])");
  EXPECT_EQ(tables[0].columns[0].nullable, false);
  EXPECT_EQ(tables[0].columns[0].primary_key, true);
  EXPECT_EQ(tables[0].columns[0].unique, true);
  EXPECT_THROW(parse_diagram("not json"), Error);
  EXPECT_THROW(parse_diagram("42"), Error);
  EXPECT_THROW(parse_diagram(R"([{"table": "t", "columns": [{"datatype": "x"}]}])"), Error);
  EXPECT_THROW(parse_diagram(R"([{"table": "t", "columns": [{"name": "a", "nullable": "perhaps"}]}])"),
               Error);
}

// The real library's row: {"diagram": [template, table, …]}, the template's SVG written with raw
// line breaks inside its JSON string (SQLite stores it like that; PostgreSQL's json_ingest
// escapes them). The wrapper is read, non-table objects skipped, the raw breaks tolerated.
TEST(HeliumDiagram, RealWrappedDiagramWithRawLineBreaksInTheSvg) {
  std::string json = "{\n \"diagram\": [\n"
                     "  {\"object_type\": \"template\", \"object_id\": \"base template\",\n"
                     "   \"object_value\": \"<svg xmlns=\\\"http://www.w3.org/2000/svg\\\"\n"
                     "\t\t width=\\\"2520\\\">\r\n</svg>\"},\n"
                     "  {\"object_type\": \"table\", \"object_id\": \"table.accounts\",\n"
                     "   \"object_ref\": \"1001\", \"table\": [\n"
                     "    {\"name\": \"account_id\", \"datatype\": \"INTEGER\", \"nullable\": false,\n"
                     "     \"primary_key\": true, \"unique\": true},\n"
                     "    {\"name\": \"valid_after\", \"datatype\": \"TEXT\", \"nullable\": true,\n"
                     "     \"primary_key\": false, \"unique\": false, \"standard\": true}]}\n"
                     " ]\n}";
  auto tables = parse_diagram(json);
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables[0].name, "accounts");
  ASSERT_EQ(tables[0].columns.size(), 2u);
  EXPECT_EQ(tables[0].columns[0].primary_key, true);
  EXPECT_EQ(tables[0].columns[1].nullable, true);
  // An empty wrapper is a diagram without tables, and a map entry for a table named "diagram"
  // (column objects, no object_type) is still that table.
  EXPECT_THAT(parse_diagram(R"({"diagram": []})"), IsEmpty());
  auto named = parse_diagram(R"({"diagram": [{"name": "id", "nullable": false}]})");
  ASSERT_EQ(named.size(), 1u);
  EXPECT_EQ(named[0].name, "diagram");
}

// Invalid JSON: the parser's reason, the byte offset in the stored text and a few characters
// around it.
TEST(HeliumDiagram, InvalidJsonSaysWhyAndWhere) {
  std::string json = R"({"diagram": [{"object_type": "table", "object_id": "table.t", "table": [)"
                     R"({"name": "a",}]}]})";
  try {
    parse_diagram(json);
    FAIL() << "parsed";
  } catch (const Error& e) {
    std::string message = e.what();
    EXPECT_THAT(message, HasSubstr("not valid JSON"));
    EXPECT_THAT(message, HasSubstr("syntax error"));
    EXPECT_THAT(message, HasSubstr(fmt::format("byte {} of {}", json.find(",}") + 1, json.size())));
    EXPECT_THAT(message, HasSubstr(R"({"name": "a",})"));
  }
}

// A design's diagram is text from a pull request. Values nested a million levels deep were
// parsed (nlohmann's parser keeps its own stack) and then recursed over: `{"tables": {"tables":
// …}}` by the shape reader, a flag's value by dump() for the message. Both overflowed the stack.
std::string nested(const std::string& open, const std::string& inner, const std::string& close,
                   size_t depth) {
  std::string text;
  text.reserve(depth * (open.size() + close.size()) + inner.size());
  for (size_t i = 0; i < depth; ++i) text += open;
  text += inner;
  for (size_t i = 0; i < depth; ++i) text += close;
  return text;
}

TEST(HeliumDiagram, ValuesNestedTooDeepAreAnErrorNotACrash) {
  constexpr size_t kDeep = 1'000'000;
  for (const std::string& json :
       {nested(R"({"tables": )", "[]", "}", kDeep),
        R"([{"table": "t", "columns": [{"name": "a", "nullable": )" + nested("[", "", "]", kDeep) +
            "}]}]",
        "[" + nested("[", "", "]", kDeep) + "]"}) {
    try {
      parse_diagram(json);
      FAIL() << "parsed";
    } catch (const Error& e) {
      EXPECT_THAT(e.what(), HasSubstr("nested more than 64 levels deep")) << e.what();
    }
  }
  // A diagram as deep as real ones stays readable.
  EXPECT_THAT(parse_diagram(nested(R"({"tables": )", R"({"t": [{"name": "a"}]})", "}", 20)),
              ElementsAre(::testing::Field(&DiagramTable::name, "t")));
}

// The public MySQL library has no BASE64_START/END, so the diagram row holds the encoded text.
TEST(HeliumDiagram, BareBase64DiagramIsExplained) {
  try {
    parse_diagram("eyJkaWFncmFtIjogW119Cg==");
    FAIL() << "parsed";
  } catch (const Error& e) {
    EXPECT_THAT(std::string(e.what()), HasSubstr("the stored text is base64"));
  }
  try {
    parse_diagram(R"({"diagram": [ oops ]})");
    FAIL() << "parsed";
  } catch (const Error& e) {
    EXPECT_THAT(std::string(e.what()), Not(HasSubstr("base64")));
  }
}

class HeliumDiagramOnSqlite : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_ = connect_engine(parse_dsn("sqlite:"));
    db_ = engine_->create_scratch();
    testing::run_sql(*db_, EngineKind::sqlite,
                     "CREATE TABLE accounts (account_id INTEGER NOT NULL, email VARCHAR(128), "
                     "code TEXT NOT NULL, PRIMARY KEY (account_id), UNIQUE (code));"
                     "CREATE UNIQUE INDEX accounts_email ON accounts (email);");
  }

  std::vector<std::string> compare(const std::string& columns) {
    return compare_diagram(parse_diagram(R"([{"table": "accounts", "columns": [)" + columns + "]}]"),
                           db_->snapshot());
  }

  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Database> db_;
};

TEST_F(HeliumDiagramOnSqlite, TruthfulDiagramPasses) {
  EXPECT_THAT(compare(R"({"name": "account_id", "nullable": false, "primary_key": true, "unique": false},
                         {"name": "EMAIL", "nullable": true, "primary_key": false, "unique": true},
                         {"name": "code", "nullable": false, "unique": true})"),
              IsEmpty());
}

TEST_F(HeliumDiagramOnSqlite, EachLieIsNamed) {
  EXPECT_THAT(compare(R"({"name": "account_id", "nullable": true, "primary_key": false},
                         {"name": "email", "unique": false},
                         {"name": "ghost"})"),
              ElementsAre(HasSubstr("account_id: the diagram says nullable true, the database has false"),
                          HasSubstr("account_id: the diagram says primary_key false"),
                          HasSubstr("email: the diagram says unique false, the database has true"),
                          "column accounts.ghost: in the diagram, not in the database",
                          "column accounts.code: in the database, not in the diagram"));
  EXPECT_THAT(compare_diagram(parse_diagram(R"({"nowhere": []})"), db_->snapshot()),
              ElementsAre("table nowhere: in the diagram, not in the database"));
}

}  // namespace
}  // namespace crucible::helium

namespace crucible::lua::helium {
namespace {

using ::testing::Eq;

constexpr const char* kFile = R"(return function(engine, design_name, schema_name, cfg)
  table.insert(queries, { sql = [[
INSERT INTO ${QUERIES} SELECT ${TYPE_FORWARD_MIGRATION}, [=[
UPDATE ${SCHEMA}${QUERIES} SET query_type_a28 = ${TYPE_APPLIED_MIGRATION}
 WHERE query_ref = ${MIGRATION};
]=] ]] })
  table.insert(queries, { sql = [[
INSERT INTO ${QUERIES} SELECT ${TYPE_REVERSE_MIGRATION}, [=[
DELETE FROM ${SCHEMA}lookups WHERE lookup_id = 28;
${SUBQUERY_DELIMITER}
UPDATE ${SCHEMA}${QUERIES} SET query_type_a28 = ${TYPE_FORWARD_MIGRATION}
 WHERE query_ref = ${MIGRATION};
]=] ]] })
end
)";

TEST(HeliumSourceLine, FindsTheStatementInItsOwnSection) {
  EXPECT_EQ(locate_statement(kFile, "\nUPDATE queries SET query_type_a28 = 1003\n WHERE query_ref = 7;",
                             CodeKind::forward), 4);
  EXPECT_EQ(locate_statement(kFile, "UPDATE queries SET query_type_a28 = 1000\n WHERE query_ref = 7;",
                             CodeKind::reverse), 11);
  EXPECT_EQ(locate_statement(kFile, "-- why\nDELETE FROM lookups WHERE lookup_id = 28;",
                             CodeKind::reverse), 9);
  EXPECT_EQ(locate_statement(kFile, "DROP TABLE nothing_like_it;", CodeKind::reverse), 0);
}

}  // namespace
}  // namespace crucible::lua::helium
