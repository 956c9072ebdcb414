// The DB2 catalog normalisation (harness/engines/db2/db2_catalog.h) on SYSCAT rows written as
// IBM documents each view (Db2 11.5, "Road map to the catalog views"): column names, CHAR codes
// and stored spellings as DB2 returns them. This tests a pure function; the SQL itself runs only
// against a real DB2 (CI template with Docker).
#include <gtest/gtest.h>

#include "harness/catalog/diff.h"
#include "harness/engines/db2/db2_catalog.h"
#include "harness/engines/db2/db2_names.h"

namespace crucible::db2 {
namespace {

const std::string kSchema = "CRUCIBLE_0A1B2C3D_1";

// CREATE TABLE customers (id INTEGER GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
//   email VARCHAR(120) NOT NULL UNIQUE, balance DECIMAL(10,2) DEFAULT 0,
//   created TIMESTAMP(6) NOT NULL DEFAULT CURRENT TIMESTAMP, code CHAR(4) FOR BIT DATA,
//   "Nick" VARGRAPHIC(20), active BOOLEAN DEFAULT TRUE, note CLOB(1M), rate DECFLOAT(34),
//   label VARCHAR(20 CODEUNITS32) DEFAULT 'n/a');
// CREATE TABLE orders (id BIGINT NOT NULL, customer_id INTEGER, total DECIMAL(12,2),
//   CONSTRAINT orders_pk PRIMARY KEY (id), CHECK (total >= 0),
//   CONSTRAINT orders_customer FOREIGN KEY (customer_id) REFERENCES customers ON DELETE CASCADE);
// CREATE UNIQUE INDEX orders_pk ON orders (id) (before the key, which then uses it);
// CREATE INDEX orders_by_customer ON orders (customer_id, total DESC);
// CREATE UNIQUE INDEX orders_total_id ON orders (total) INCLUDE (id);
// CREATE VIEW big_orders …; CREATE SEQUENCE invoice_no AS INTEGER START WITH 1000 MINVALUE 1000;
// CREATE TRIGGER orders_audit …; CREATE FUNCTION order_count (c INTEGER) ….
CatalogRow column(const std::string& table, const std::string& name, int colno,
                  const std::string& type, int length, int scale, const std::string& nulls,
                  std::optional<std::string> default_value = std::nullopt) {
  return CatalogRow{{"TABNAME", table},         {"COLNAME", name},
                    {"COLNO", std::to_string(colno)}, {"TYPESCHEMA", "SYSIBM  "},
                    {"TYPENAME", type},         {"LENGTH", std::to_string(length)},
                    {"SCALE", std::to_string(scale)}, {"TYPESTRINGUNITS", std::nullopt},
                    {"CODEPAGE", "1208"},       {"DEFAULT", default_value},
                    {"NULLS", nulls},           {"IDENTITY", "N"},
                    {"GENERATED", " "},         {"ROWCHANGETIMESTAMP", "N"},
                    {"HIDDEN", " "},            {"TEXT", std::nullopt},
                    {"REMARKS", std::nullopt}};
}

Db2CatalogRows shop() {
  Db2CatalogRows rows;
  rows.tables = {
      {{"TABNAME", "CUSTOMERS"}, {"TYPE", "T"}, {"TABLEORG", "R"}, {"COMPRESSION", "N"},
       {"APPEND_MODE", "N"}, {"VOLATILE", " "}, {"TEMPORALTYPE", "N"}},
      {{"TABNAME", "ORDERS"}, {"TYPE", "T"}, {"TABLEORG", "R"}, {"COMPRESSION", "N"},
       {"APPEND_MODE", "N"}, {"VOLATILE", " "}, {"TEMPORALTYPE", "N"},
       {"REMARKS", "one row per order"}},
      {{"TABNAME", "BIG_ORDERS"}, {"TYPE", "V"}},
  };
  CatalogRow id = column("CUSTOMERS", "ID", 0, "INTEGER", 4, 0, "N");
  id.set("IDENTITY", "Y");
  id.set("GENERATED", "A");
  CatalogRow code = column("CUSTOMERS", "CODE", 4, "CHARACTER", 4, 0, "Y");
  code.set("CODEPAGE", "0");
  CatalogRow label = column("CUSTOMERS", "LABEL", 9, "VARCHAR", 80, 0, "Y", "'n/a'");
  label.set("TYPESTRINGUNITS", "CODEUNITS32");
  label.set("STRINGUNITSLENGTH", "20");
  rows.columns = {
      id,
      column("CUSTOMERS", "EMAIL", 1, "VARCHAR", 120, 0, "N"),
      column("CUSTOMERS", "BALANCE", 2, "DECIMAL", 10, 2, "Y", "0"),
      column("CUSTOMERS", "CREATED", 3, "TIMESTAMP", 10, 6, "N", "CURRENT TIMESTAMP"),
      code,
      column("CUSTOMERS", "Nick", 5, "VARGRAPHIC", 20, 0, "Y"),
      column("CUSTOMERS", "ACTIVE", 6, "BOOLEAN", 1, 0, "Y", "TRUE"),
      column("CUSTOMERS", "NOTE", 7, "CLOB", 1048576, 0, "Y"),
      column("CUSTOMERS", "RATE", 8, "DECFLOAT", 16, 0, "Y"),
      label,
      column("ORDERS", "ID", 0, "BIGINT", 8, 0, "N"),
      column("ORDERS", "CUSTOMER_ID", 1, "INTEGER", 4, 0, "Y", "NULL"),
      column("ORDERS", "TOTAL", 2, "DECIMAL", 12, 2, "Y"),
  };
  rows.constraints = {
      {{"CONSTNAME", "SQL230412093015120"}, {"TABNAME", "CUSTOMERS"}, {"TYPE", "P"}, {"ENFORCED", "Y"}},
      {{"CONSTNAME", "SQL230412093015130"}, {"TABNAME", "CUSTOMERS"}, {"TYPE", "U"}, {"ENFORCED", "Y"}},
      {{"CONSTNAME", "ORDERS_PK"}, {"TABNAME", "ORDERS"}, {"TYPE", "P"}, {"ENFORCED", "Y"}},
      {{"CONSTNAME", "ORDERS_CUSTOMER"}, {"TABNAME", "ORDERS"}, {"TYPE", "F"}, {"ENFORCED", "Y"}},
      {{"CONSTNAME", "SQL230412093015140"}, {"TABNAME", "ORDERS"}, {"TYPE", "K"}, {"ENFORCED", "Y"}},
  };
  auto key_column = [](const std::string& constraint, const std::string& table,
                       const std::string& name, int seq) {
    return CatalogRow{{"CONSTNAME", constraint}, {"TABSCHEMA", kSchema}, {"TABNAME", table},
                      {"COLNAME", name}, {"COLSEQ", std::to_string(seq)}};
  };
  rows.key_columns = {
      key_column("SQL230412093015120", "CUSTOMERS", "ID", 1),
      key_column("SQL230412093015130", "CUSTOMERS", "EMAIL", 1),
      key_column("ORDERS_PK", "ORDERS", "ID", 1),
      key_column("ORDERS_CUSTOMER", "ORDERS", "CUSTOMER_ID", 1),
  };
  rows.references = {{{"CONSTNAME", "ORDERS_CUSTOMER"}, {"TABNAME", "ORDERS"},
                      {"REFKEYNAME", "SQL230412093015120"}, {"REFTABSCHEMA", kSchema},
                      {"REFTABNAME", "CUSTOMERS"}, {"DELETERULE", "C"}, {"UPDATERULE", "A"}}};
  rows.checks = {{{"CONSTNAME", "SQL230412093015140"}, {"TABNAME", "ORDERS"}, {"TYPE", "C"},
                  {"TEXT", "total >= 0"}}};
  auto index = [](const std::string& name, const std::string& table, const std::string& rule) {
    return CatalogRow{{"INDSCHEMA", kSchema}, {"INDNAME", name}, {"TABNAME", table},
                      {"UNIQUERULE", rule}, {"INDEXTYPE", "REG "}};
  };
  rows.indexes = {
      index("SQL230412093015121", "CUSTOMERS", "P"),
      index("SQL230412093015131", "CUSTOMERS", "U"),
      index("ORDERS_PK", "ORDERS", "P"),  // CREATE UNIQUE INDEX orders_pk first, then the key used it
      index("ORDERS_BY_CUSTOMER", "ORDERS", "D"),
      index("ORDERS_TOTAL_ID", "ORDERS", "U"),
  };
  auto index_column = [](const std::string& name, const std::string& column, int seq,
                         const std::string& order) {
    return CatalogRow{{"INDSCHEMA", kSchema}, {"INDNAME", name}, {"COLNAME", column},
                      {"COLSEQ", std::to_string(seq)}, {"COLORDER", order}};
  };
  rows.index_columns = {
      index_column("SQL230412093015121", "ID", 1, "A"),
      index_column("SQL230412093015131", "EMAIL", 1, "A"),
      index_column("ORDERS_PK", "ID", 1, "A"),
      index_column("ORDERS_BY_CUSTOMER", "CUSTOMER_ID", 1, "A"),
      index_column("ORDERS_BY_CUSTOMER", "TOTAL", 2, "D"),
      index_column("ORDERS_TOTAL_ID", "TOTAL", 1, "A"),
      index_column("ORDERS_TOTAL_ID", "ID", 2, "I"),
  };
  rows.constraint_indexes = {
      {{"CONSTNAME", "SQL230412093015120"}, {"TABNAME", "CUSTOMERS"}, {"BSCHEMA", kSchema},
       {"BNAME", "SQL230412093015121"}},
      {{"CONSTNAME", "SQL230412093015130"}, {"TABNAME", "CUSTOMERS"}, {"BSCHEMA", kSchema},
       {"BNAME", "SQL230412093015131"}},
      {{"CONSTNAME", "ORDERS_PK"}, {"TABNAME", "ORDERS"}, {"BSCHEMA", kSchema},
       {"BNAME", "ORDERS_PK"}},
  };
  rows.views = {{{"VIEWNAME", "BIG_ORDERS"}, {"TYPE", "V"},
                 {"TEXT", "CREATE VIEW big_orders AS\n  SELECT id, total FROM orders WHERE total > 100"}}};
  rows.sequences = {{{"SEQNAME", "INVOICE_NO"}, {"START", "1000."}, {"INCREMENT", "1."},
                     {"MINVALUE", "1000."}, {"MAXVALUE", "2147483647."}, {"CYCLE", "N"},
                     {"PRECISION", "10"}}};
  rows.triggers = {{{"TRIGNAME", "ORDERS_AUDIT"}, {"TABSCHEMA", kSchema}, {"TABNAME", "ORDERS"},
                    {"TEXT", "CREATE TRIGGER orders_audit AFTER INSERT ON orders\n"
                             "FOR EACH ROW BEGIN ATOMIC\n  UPDATE customers SET balance = 0;\nEND"}}};
  rows.routines = {{{"ROUTINENAME", "ORDER_COUNT"}, {"ROUTINETYPE", "F"}, {"LANGUAGE", "SQL     "},
                    {"PARMS", "INTEGER"},
                    {"TEXT", "CREATE FUNCTION order_count (c INTEGER) RETURNS INTEGER\n"
                             "RETURN SELECT COUNT(*) FROM orders WHERE customer_id = c"}}};
  return rows;
}

TEST(Db2Catalog, TablesAndColumnsReadAsDb2DeclaresThem) {
  catalog::Catalog c = normalize_catalog(shop(), kSchema);
  EXPECT_EQ(c.engine, "db2");
  ASSERT_EQ(c.tables.size(), 2u);
  const catalog::Table* customers = c.find_table("customers");
  ASSERT_NE(customers, nullptr);
  ASSERT_EQ(customers->columns.size(), 10u);
  auto col = [&](size_t i) { return customers->columns[i]; };
  EXPECT_EQ(col(0).name, "id");
  EXPECT_EQ(col(0).type, "integer");
  EXPECT_EQ(col(0).identity, "always");
  EXPECT_FALSE(col(0).nullable);
  EXPECT_EQ(col(1).type, "varchar(120)");
  EXPECT_EQ(col(2).type, "decimal(10, 2)");
  EXPECT_EQ(col(2).default_value, "0");
  EXPECT_EQ(col(3).type, "timestamp(6)");
  EXPECT_EQ(col(3).default_value, "current timestamp");
  EXPECT_EQ(col(4).type, "character(4) for bit data");
  EXPECT_EQ(col(5).name, "\"Nick\"");  // written quoted: keeps its case, and reads quoted
  EXPECT_EQ(col(5).type, "vargraphic(20)");
  EXPECT_EQ(col(6).type, "boolean");
  EXPECT_EQ(col(6).default_value, "true");
  EXPECT_EQ(col(7).type, "clob(1048576)");
  EXPECT_EQ(col(8).type, "decfloat(34)");
  EXPECT_EQ(col(9).type, "varchar(20 codeunits32)");
  EXPECT_EQ(col(9).default_value, "'n/a'");
  const catalog::Table* orders = c.find_table("orders");
  ASSERT_NE(orders, nullptr);
  EXPECT_EQ(orders->comment, "one row per order");
  EXPECT_EQ(orders->columns[1].default_value, std::nullopt) << "DEFAULT NULL on a nullable column";
}

TEST(Db2Catalog, KeysForeignKeysAndChecks) {
  catalog::Catalog c = normalize_catalog(shop(), kSchema);
  const catalog::Table* customers = c.find_table("customers");
  ASSERT_TRUE(customers->primary_key);
  EXPECT_TRUE(customers->primary_key->generated_name);
  EXPECT_EQ(customers->primary_key->columns, std::vector<std::string>{"id"});
  ASSERT_EQ(customers->uniques.size(), 1u);
  EXPECT_TRUE(customers->uniques[0].generated_name);
  EXPECT_EQ(customers->uniques[0].columns, std::vector<std::string>{"email"});
  const catalog::Table* orders = c.find_table("orders");
  ASSERT_TRUE(orders->primary_key);
  EXPECT_EQ(orders->primary_key->name, "orders_pk");
  EXPECT_FALSE(orders->primary_key->generated_name);
  ASSERT_EQ(orders->foreign_keys.size(), 1u);
  const catalog::ForeignKey& fk = orders->foreign_keys[0];
  EXPECT_EQ(fk.name, "orders_customer");
  EXPECT_EQ(fk.columns, std::vector<std::string>{"customer_id"});
  EXPECT_EQ(fk.ref_table, "customers");
  EXPECT_EQ(fk.ref_columns, std::vector<std::string>{"id"}) << "the parent key, by REFKEYNAME";
  EXPECT_EQ(fk.on_delete, "CASCADE");
  EXPECT_EQ(fk.on_update, "NO ACTION");
  ASSERT_EQ(orders->checks.size(), 1u);
  EXPECT_TRUE(orders->checks[0].generated_name);
  EXPECT_EQ(orders->checks[0].expression, "total >= 0");
}

TEST(Db2Catalog, DeleteAndUpdateRuleCodes) {
  for (auto [code, rule] : std::vector<std::pair<std::string, std::string>>{
           {"A", "NO ACTION"}, {"C", "CASCADE"}, {"N", "SET NULL"}, {"R", "RESTRICT"}}) {
    Db2CatalogRows rows = shop();
    rows.references[0].set("DELETERULE", code);
    rows.references[0].set("UPDATERULE", code == "R" ? "R" : "A");
    catalog::Catalog c = normalize_catalog(rows, kSchema);
    const catalog::ForeignKey& fk = c.find_table("orders")->foreign_keys[0];
    EXPECT_EQ(fk.on_delete, rule) << code;
    EXPECT_EQ(fk.on_update, code == "R" ? "RESTRICT" : "NO ACTION") << code;
  }
}

TEST(Db2Catalog, IndexesWithoutTheOnesDb2MadeForConstraints) {
  catalog::Catalog c = normalize_catalog(shop(), kSchema);
  // SQL…121 (primary key) and SQL…131 (unique constraint) are the constraints themselves;
  // ORDERS_PK was created by the user and only then used by the key: dropping the key keeps it.
  ASSERT_EQ(c.indexes.size(), 3u);
  EXPECT_EQ(c.indexes[0].name, "orders_by_customer");
  EXPECT_EQ(c.indexes[0].table, "orders");
  EXPECT_EQ(c.indexes[0].keys, (std::vector<std::string>{"customer_id", "total DESC"}));
  EXPECT_FALSE(c.indexes[0].unique);
  EXPECT_EQ(c.indexes[0].method, "");
  EXPECT_EQ(c.indexes[1].name, "orders_pk");
  EXPECT_TRUE(c.indexes[1].unique);
  EXPECT_EQ(c.indexes[2].name, "orders_total_id");
  EXPECT_EQ(c.indexes[2].keys, (std::vector<std::string>{"total", "INCLUDE id"}));
  EXPECT_TRUE(c.indexes[2].unique);
}

TEST(Db2Catalog, ExpressionKeysAndClusteringIndexes) {
  Db2CatalogRows rows = shop();
  rows.indexes.push_back({{"INDSCHEMA", kSchema}, {"INDNAME", "CUSTOMERS_EMAIL_CI"},
                          {"TABNAME", "CUSTOMERS"}, {"UNIQUERULE", "D"}, {"INDEXTYPE", "CLUS"}});
  rows.index_columns.push_back({{"INDSCHEMA", kSchema}, {"INDNAME", "CUSTOMERS_EMAIL_CI"},
                                {"COLNAME", "K00"}, {"COLSEQ", "1"}, {"COLORDER", "A"},
                                {"TEXT", "LOWER(EMAIL)"}});
  catalog::Catalog c = normalize_catalog(rows, kSchema);
  ASSERT_EQ(c.indexes.size(), 4u);
  EXPECT_EQ(c.indexes[0].name, "customers_email_ci");
  EXPECT_EQ(c.indexes[0].keys, std::vector<std::string>{"(lower(email))"});
  EXPECT_EQ(c.indexes[0].method, "clustered");
}

TEST(Db2Catalog, ViewsSequencesTriggersAndRoutines) {
  catalog::Catalog c = normalize_catalog(shop(), kSchema);
  ASSERT_EQ(c.views.size(), 1u);
  EXPECT_EQ(c.views[0].name, "big_orders");
  EXPECT_EQ(c.views[0].definition, "select id, total from orders where total > 100");
  EXPECT_FALSE(c.views[0].materialized);
  ASSERT_EQ(c.sequences.size(), 1u);
  EXPECT_EQ(c.sequences[0].name, "invoice_no");
  EXPECT_EQ(c.sequences[0].type, "integer");
  EXPECT_EQ(c.sequences[0].start, 1000);
  EXPECT_EQ(c.sequences[0].min_value, 1000);
  EXPECT_EQ(c.sequences[0].max_value, 2147483647);
  ASSERT_EQ(c.triggers.size(), 1u);
  EXPECT_EQ(c.triggers[0].table, "orders");
  EXPECT_EQ(c.triggers[0].definition.rfind("trigger orders_audit after insert on orders", 0), 0u)
      << c.triggers[0].definition;
  ASSERT_EQ(c.routines.size(), 1u);
  EXPECT_EQ(c.routines[0].name, "order_count(integer)");
  EXPECT_EQ(c.routines[0].kind, "function");
}

TEST(Db2Catalog, CreateOrReplaceAndFormattingDoNotCount) {
  Db2CatalogRows other = shop();
  other.views[0].set("TEXT", "create or replace view BIG_ORDERS as select ID, TOTAL\n"
                             "  from ORDERS where TOTAL>100");
  other.checks[0].set("TEXT", "(TOTAL>=0)");
  other.triggers[0].set("TEXT", "CREATE OR REPLACE TRIGGER ORDERS_AUDIT AFTER INSERT ON ORDERS "
                                "FOR EACH ROW BEGIN ATOMIC UPDATE CUSTOMERS SET BALANCE = 0; END");
  catalog::Catalog a = normalize_catalog(shop(), kSchema);
  catalog::Catalog b = normalize_catalog(other, kSchema);
  EXPECT_TRUE(catalog::diff(a, b).empty());
}

TEST(Db2Catalog, GeneratedNamesCompareByWhatTheyConstrain) {
  // A reverse that drops and re-adds an unnamed unique constraint gets a new SQL… name.
  Db2CatalogRows again = shop();
  for (CatalogRows* list : {&again.constraints, &again.key_columns})
    for (CatalogRow& row : *list)
      if (row.code("CONSTNAME") == "SQL230412093015130") row.set("CONSTNAME", "SQL240101000000001");
  EXPECT_TRUE(catalog::diff(normalize_catalog(shop(), kSchema), normalize_catalog(again, kSchema)).empty());
}

TEST(Db2Catalog, MeaningfulDifferencesShow) {
  Db2CatalogRows changed = shop();
  changed.references[0].set("DELETERULE", "A");    // ON DELETE CASCADE forgotten
  changed.columns[1].set("LENGTH", "100");         // VARCHAR(120) -> VARCHAR(100)
  changed.columns[2].set("DEFAULT", std::nullopt); // DEFAULT 0 dropped
  changed.columns[12].set("NULLS", "N");            // orders.total NOT NULL
  auto lines = catalog::diff(normalize_catalog(shop(), kSchema), normalize_catalog(changed, kSchema));
  std::string all;
  for (const auto& change : lines) all += change.describe("a", "b") + "\n";
  EXPECT_NE(all.find("CASCADE"), std::string::npos) << all;
  EXPECT_NE(all.find("varchar(120)"), std::string::npos) << all;
  EXPECT_NE(all.find("customers.balance"), std::string::npos) << all;
  EXPECT_NE(all.find("orders.total"), std::string::npos) << all;
}

TEST(Db2Catalog, NotEnforcedConstraintsAndGeneratedColumns) {
  Db2CatalogRows rows = shop();
  rows.constraints[4].set("ENFORCED", "N");
  CatalogRow doubled = column("ORDERS", "DOUBLED", 3, "DECIMAL", 13, 2, "Y");
  doubled.set("GENERATED", "A");
  doubled.set("TEXT", "AS (TOTAL * 2)");
  rows.columns.push_back(doubled);
  CatalogRow changed = column("ORDERS", "CHANGED", 4, "TIMESTAMP", 10, 6, "N");
  changed.set("GENERATED", "A");
  changed.set("ROWCHANGETIMESTAMP", "Y");
  changed.set("HIDDEN", "I");
  rows.columns.push_back(changed);
  rows.checks.push_back({{"CONSTNAME", "SQL230412093015150"}, {"TABNAME", "ORDERS"},
                         {"TYPE", "A"}, {"TEXT", "AS (TOTAL * 2)"}});
  catalog::Catalog c = normalize_catalog(rows, kSchema);
  const catalog::Table* orders = c.find_table("orders");
  ASSERT_EQ(orders->checks.size(), 1u) << "TYPE 'A' is DB2's own check for a generated column";
  EXPECT_EQ(orders->checks[0].expression, "total >= 0 not enforced");
  ASSERT_EQ(orders->columns.size(), 5u);
  EXPECT_EQ(orders->columns[3].generated, "stored total * 2");
  EXPECT_EQ(orders->columns[4].generated, "always row change timestamp");
  EXPECT_EQ(orders->columns[4].type, "timestamp(6) implicitly hidden");
}

TEST(Db2Names, UnquotedNamesReadLowerCaseAndOthersKeepTheirQuotes) {
  EXPECT_EQ(display_name("ORDER_LINES"), "order_lines");
  EXPECT_EQ(display_name("order_lines"), "\"order_lines\"");  // CREATE TABLE "order_lines"
  EXPECT_EQ(display_name("Order Lines"), "\"Order Lines\"");
  EXPECT_EQ(qualified_name("AUDIT", "LOG", kSchema), "audit.log");
  EXPECT_EQ(qualified_name(kSchema, "LOG", kSchema), "log");
  EXPECT_TRUE(is_generated_name("SQL230412093015120"));
  EXPECT_FALSE(is_generated_name("SQL_ORDERS"));
  EXPECT_FALSE(is_generated_name("ORDERS_PK"));
}

TEST(Db2Names, DistinctTypesByName) {
  CatalogRow money = column("T", "PRICE", 0, "MONEY", 0, 0, "Y");
  money.set("TYPESCHEMA", kSchema);
  EXPECT_EQ(column_type(money, kSchema), "money");
  money.set("TYPESCHEMA", "FINANCE ");
  EXPECT_EQ(column_type(money, kSchema), "finance.money");
}

}  // namespace
}  // namespace crucible::db2
