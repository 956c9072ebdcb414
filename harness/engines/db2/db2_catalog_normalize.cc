// From SYSCAT rows to catalog::Catalog: docs/CATALOG.md, section "DB2", says each rule and why.
#include <map>
#include <set>
#include <tuple>

#include "harness/catalog/sql_normalize.h"
#include "harness/engines/db2/db2_catalog.h"
#include "harness/engines/db2/db2_names.h"

namespace crucible::db2 {
namespace {

std::string normalized(const std::string& text, bool strip_parens = true) {
  return catalog::normalize_sql(text, Dialect::db2,
                                {.fold_identifiers = true, .strip_outer_parens = strip_parens});
}

// "CREATE [OR REPLACE] VIEW|TRIGGER|FUNCTION …" without the CREATE [OR REPLACE]: how the object
// was (re)created is not what it is.
std::string without_create(const std::string& text) {
  std::string out = normalized(text, false);
  for (const char* prefix : {"create or replace ", "create "})
    if (out.rfind(prefix, 0) == 0) return out.substr(std::string(prefix).size());
  return out;
}

// A view's TEXT is its whole CREATE VIEW statement: what follows the name (column list, query,
// WITH CHECK OPTION) is the definition.
std::string view_definition(const std::string& text) {
  std::string out = without_create(text);
  size_t as = out.find(" as ");
  if (as == std::string::npos) return out;
  std::string head = out.substr(0, as);
  size_t columns = head.find('(');
  return (columns == std::string::npos ? "" : head.substr(columns) + " ") + out.substr(as + 4);
}

const char* delete_rule(const std::string& code) {
  if (code == "C") return "CASCADE";
  if (code == "N") return "SET NULL";
  if (code == "R") return "RESTRICT";
  return "NO ACTION";  // 'A'
}

using TableKey = std::pair<std::string, std::string>;  // schema, name as stored

class Normalizer {
 public:
  Normalizer(const Db2CatalogRows& rows, std::string schema)
      : rows_(rows), schema_(std::move(schema)) {
    for (const CatalogRow& k : rows_.key_columns)
      keys_[{k.code("TABSCHEMA"), k.code("TABNAME"), k.code("CONSTNAME")}].push_back(
          display_name(k.code("COLNAME")));
    for (const CatalogRow& c : rows_.constraints)
      enforced_[{c.code("TABNAME"), c.code("CONSTNAME")}] = c.code("ENFORCED") != "N";
    for (const CatalogRow& d : rows_.constraint_indexes)
      constraint_backed_.insert({d.code("BSCHEMA"), d.code("BNAME")});
  }

  catalog::Catalog run() {
    out_.engine = "db2";
    read_tables();
    read_columns();
    read_constraints();
    read_indexes();
    read_views();
    read_sequences();
    read_triggers();
    read_routines();
    out_.canonicalize();
    return std::move(out_);
  }

 private:
  std::string name(const std::string& stored) const { return display_name(stored); }
  std::string name(const std::string& schema, const std::string& stored) const {
    return qualified_name(schema, stored, schema_);
  }
  catalog::Table* table(const std::string& stored) {
    auto found = tables_.find(stored);
    return found == tables_.end() ? nullptr : &out_.tables[found->second];
  }
  const std::vector<std::string>& key(const std::string& schema, const std::string& table,
                                      const std::string& constraint) const {
    static const std::vector<std::string> none;
    auto found = keys_.find({schema, table, constraint});
    return found == keys_.end() ? none : found->second;
  }

  void read_tables() {
    for (const CatalogRow& row : rows_.tables) {
      std::string type = row.code("TYPE");
      if (type == "V" || type == "S") continue;  // read from SYSCAT.VIEWS
      catalog::Table t;
      t.name = name(row.code("TABNAME"));
      t.options = table_options(row);
      t.comment = row.text("REMARKS");
      tables_[row.code("TABNAME")] = out_.tables.size();
      out_.tables.push_back(std::move(t));
    }
  }

  // Options that change how the table behaves; the defaults (row-organized, no compression,
  // append off, not volatile, not temporal) read as nothing.
  static std::string table_options(const CatalogRow& row) {
    std::vector<std::string> parts;
    if (row.code("TABLEORG") == "C") parts.push_back("ORGANIZE BY COLUMN");
    std::string compression = row.code("COMPRESSION");
    if (compression == "R" || compression == "B") parts.push_back("COMPRESS YES");
    if (compression == "V" || compression == "B") parts.push_back("VALUE COMPRESSION");
    if (row.code("APPEND_MODE") == "Y") parts.push_back("APPEND ON");
    if (row.code("VOLATILE") == "C") parts.push_back("VOLATILE CARDINALITY");
    std::string temporal = row.code("TEMPORALTYPE");
    if (temporal == "S" || temporal == "B") parts.push_back("SYSTEM_TIME PERIOD");
    if (temporal == "A" || temporal == "B") parts.push_back("BUSINESS_TIME PERIOD");
    std::string out;
    for (const std::string& part : parts) out += (out.empty() ? "" : " ") + part;
    return out;
  }

  void read_columns() {
    for (const CatalogRow& row : rows_.columns) {
      catalog::Table* t = table(row.code("TABNAME"));
      if (!t) continue;
      catalog::Column c;
      c.name = name(row.code("COLNAME"));
      c.type = column_type(row, schema_);
      if (row.code("HIDDEN") == "I") c.type += " implicitly hidden";
      c.nullable = row.code("NULLS") != "N";
      c.default_value = default_of(row, c.nullable);
      std::string generated = row.code("GENERATED");
      std::string how = generated == "A" ? "always" : generated == "D" ? "by default" : "";
      if (row.code("IDENTITY") == "Y") c.identity = how;
      else if (row.code("ROWCHANGETIMESTAMP") == "Y") c.generated = how + " row change timestamp";
      else if (!how.empty() && !row.is_null("TEXT")) c.generated = "stored " + expression_of(row);
      c.comment = row.text("REMARKS");
      t->columns.push_back(std::move(c));
    }
  }

  // SYSCAT.COLUMNS.DEFAULT: NULL when no DEFAULT clause was written; the keyword NULL for
  // DEFAULT NULL, which on a nullable column is the same as none.
  static std::optional<std::string> default_of(const CatalogRow& row, bool nullable) {
    if (row.is_null("DEFAULT")) return std::nullopt;
    std::string text = normalized(row.text("DEFAULT"));
    if (text.empty() || (text == "null" && nullable)) return std::nullopt;
    return text;
  }

  // A generated column's TEXT: "AS (expression)", keyword included.
  static std::string expression_of(const CatalogRow& row) {
    std::string text = normalized(row.text("TEXT"), false);
    if (text.rfind("as", 0) == 0 && (text[2] == ' ' || text[2] == '(')) text = text.substr(2);
    return normalized(text);
  }

  void read_constraints() {
    for (const CatalogRow& row : rows_.constraints) {
      catalog::Table* t = table(row.code("TABNAME"));
      std::string type = row.code("TYPE");
      if (!t || (type != "P" && type != "U")) continue;
      std::string stored = row.code("CONSTNAME");
      catalog::Key k{name(stored), is_generated_name(stored),
                     key(schema_, row.code("TABNAME"), stored)};
      if (type == "P") t->primary_key = std::move(k);
      else t->uniques.push_back(std::move(k));
    }
    for (const CatalogRow& row : rows_.references) {
      catalog::Table* t = table(row.code("TABNAME"));
      if (!t) continue;
      std::string stored = row.code("CONSTNAME");
      catalog::ForeignKey fk;
      fk.name = name(stored);
      fk.generated_name = is_generated_name(stored);
      fk.columns = key(schema_, row.code("TABNAME"), stored);
      fk.ref_table = name(row.code("REFTABSCHEMA"), row.code("REFTABNAME"));
      fk.ref_columns = key(row.code("REFTABSCHEMA"), row.code("REFTABNAME"), row.code("REFKEYNAME"));
      fk.on_delete = delete_rule(row.code("DELETERULE"));
      fk.on_update = row.code("UPDATERULE") == "R" ? "RESTRICT" : "NO ACTION";
      if (!enforced(row.code("TABNAME"), stored)) fk.deferrable = "NOT ENFORCED";
      t->foreign_keys.push_back(std::move(fk));
    }
    for (const CatalogRow& row : rows_.checks) {
      catalog::Table* t = table(row.code("TABNAME"));
      // TYPE 'C' is a CHECK constraint; the others are DB2's own ('A' for a generated column,
      // 'F' functional dependency, 'O' object property).
      if (!t || row.code("TYPE") != "C") continue;
      std::string stored = row.code("CONSTNAME");
      std::string expression = normalized(row.text("TEXT"));
      if (!enforced(row.code("TABNAME"), stored)) expression += " not enforced";
      t->checks.push_back({name(stored), is_generated_name(stored), expression});
    }
  }

  bool enforced(const std::string& table, const std::string& constraint) const {
    auto found = enforced_.find({table, constraint});
    return found == enforced_.end() || found->second;
  }

  void read_indexes() {
    std::map<TableKey, std::vector<std::string>> keys;
    for (const CatalogRow& row : rows_.index_columns) {
      std::string column = row.is_null("TEXT") ? name(row.code("COLNAME"))
                                               : "(" + normalized(row.text("TEXT")) + ")";
      std::string order = row.code("COLORDER");
      if (order == "D") column += " DESC";
      if (order == "R") column += " RANDOM";
      if (order == "I") column = "INCLUDE " + column;
      keys[{row.code("INDSCHEMA"), row.code("INDNAME")}].push_back(column);
    }
    for (const CatalogRow& row : rows_.indexes) {
      std::string stored = row.code("INDNAME");
      std::string rule = row.code("UNIQUERULE");
      TableKey id{row.code("INDSCHEMA"), stored};
      // The index DB2 made for a primary key or unique constraint is the constraint itself. An
      // index the user created and a constraint then used stays an index: dropping the
      // constraint leaves it.
      bool for_constraint = rule == "P" || constraint_backed_.count(id) > 0;
      if (for_constraint && is_generated_name(stored)) continue;
      catalog::Index index;
      index.name = name(id.first, stored);
      index.generated_name = is_generated_name(stored);
      index.table = name(row.code("TABNAME"));
      index.keys = keys[id];
      index.unique = rule == "U" || rule == "P";
      std::string type = row.code("INDEXTYPE");
      index.method = type == "REG" || type.empty() ? "" : type == "CLUS" ? "clustered" : type;
      out_.indexes.push_back(std::move(index));
    }
  }

  void read_views() {
    for (const CatalogRow& row : rows_.views)
      out_.views.push_back({name(row.code("VIEWNAME")), view_definition(row.text("TEXT")),
                            row.code("TYPE") == "S"});
  }

  void read_sequences() {
    for (const CatalogRow& row : rows_.sequences) {
      catalog::Sequence s;
      s.name = name(row.code("SEQNAME"));
      int64_t precision = row.number("PRECISION");
      s.type = precision == 5 ? "smallint" : precision == 10 ? "integer" : precision == 19
                   ? "bigint" : "decimal(" + std::to_string(precision) + ", 0)";
      s.start = row.number("START", 1);
      s.increment = row.number("INCREMENT", 1);
      s.min_value = row.number("MINVALUE", 1);
      s.max_value = row.number("MAXVALUE", 0);
      s.cycle = row.code("CYCLE") == "Y";
      out_.sequences.push_back(std::move(s));
    }
  }

  void read_triggers() {
    for (const CatalogRow& row : rows_.triggers)
      out_.triggers.push_back({name(row.code("TRIGNAME")),
                               name(row.code("TABSCHEMA"), row.code("TABNAME")),
                               without_create(row.text("TEXT"))});
  }

  void read_routines() {
    for (const CatalogRow& row : rows_.routines) {
      std::string type = row.code("ROUTINETYPE");
      std::string parms = row.text("PARMS");
      for (char& c : parms) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string definition =
          row.is_null("TEXT")
              ? "language " + normalized(row.code("LANGUAGE")) + " external name " +
                    row.text("IMPLEMENTATION")
              : without_create(row.text("TEXT"));
      out_.routines.push_back({name(row.code("ROUTINENAME")) + "(" + parms + ")",
                               type == "P" ? "procedure" : type == "M" ? "method" : "function",
                               definition});
    }
  }

  const Db2CatalogRows& rows_;
  std::string schema_;
  catalog::Catalog out_;
  std::map<std::string, size_t> tables_;  // stored name -> index in out_.tables
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<std::string>> keys_;
  std::map<std::pair<std::string, std::string>, bool> enforced_;
  std::set<TableKey> constraint_backed_;
};

}  // namespace

catalog::Catalog normalize_catalog(const Db2CatalogRows& rows, const std::string& schema) {
  return Normalizer(rows, schema).run();
}

}  // namespace crucible::db2
