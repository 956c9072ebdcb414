#include "harness/engines/sqlite/sqlite_catalog.h"

#include <algorithm>
#include <map>
#include <optional>

#include "harness/catalog/sql_normalize.h"
#include "harness/engines/sqlite/sqlite_ddl_parser.h"
#include "harness/engines/sqlite/sqlite_handle.h"
#include "harness/sql/lexer.h"

namespace crucible::sqlite {
namespace {

using namespace crucible::catalog;

struct SchemaObject {
  std::string type, name, table, sql;
};

std::vector<SchemaObject> schema_objects(sqlite3* db) {
  std::vector<SchemaObject> objects;
  query(db,
        "SELECT type, name, tbl_name, coalesce(sql, '') FROM sqlite_schema "
        "WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name",
        [&](const Row& row) {
          objects.push_back({row.text(0), row.text(1), row.text(2), row.text(3)});
        });
  return objects;
}

std::string normalized(const std::string& text) { return normalize_sql(text, Dialect::sqlite); }

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

const ColumnDefinition* find_column(const TableDefinition& def, const std::string& name) {
  std::string folded = sql::ascii_lower(name);
  for (const ColumnDefinition& column : def.columns)
    if (column.name == folded) return &column;
  return nullptr;
}

// Columns and the primary key, from PRAGMA table_xinfo (includes generated columns).
void read_columns(sqlite3* db, const TableDefinition& def, Table& table) {
  std::vector<std::pair<int64_t, std::string>> pk_columns;
  query(db, "PRAGMA table_xinfo(" + quote_identifier(table.name) + ")", [&](const Row& row) {
    if (row.integer(6) == 1) return;  // hidden column of a virtual table
    Column column;
    column.name = row.text(1);
    column.type = normalized(row.text(2));
    column.nullable = row.integer(3) == 0;
    if (!row.is_null(4)) column.default_value = normalized(row.text(4));
    if (const ColumnDefinition* parsed = find_column(def, column.name)) {
      column.collation = parsed->collation;
      column.generated = parsed->generated;
      if (parsed->autoincrement) column.identity = "autoincrement";
    }
    if (row.integer(5) > 0) pk_columns.emplace_back(row.integer(5), column.name);
    table.columns.push_back(std::move(column));
  });
  std::sort(pk_columns.begin(), pk_columns.end());
  if (pk_columns.empty()) return;
  table.primary_key = Key{"", true, {}};
  for (auto& [position, name] : pk_columns) table.primary_key->columns.push_back(name);
}

struct IndexColumns {
  std::vector<std::string> keys;
  std::vector<bool> is_expression;
};

IndexColumns index_columns(sqlite3* db, const std::string& index) {
  IndexColumns out;
  query(db, "PRAGMA index_xinfo(" + quote_identifier(index) + ")", [&](const Row& row) {
    if (row.integer(5) == 0) return;  // not a key column (the rowid tail)
    std::string key = row.integer(1) == -2 ? "" : row.text(2);
    if (row.integer(3) == 1) key += " DESC";
    std::string collation = upper(row.text(4));
    if (!collation.empty() && collation != "BINARY") key += " COLLATE " + sql::ascii_lower(collation);
    out.keys.push_back(key);
    out.is_expression.push_back(row.integer(1) == -2);
  });
  return out;
}

// UNIQUE constraints (autoindexes, origin 'u') go to the table; CREATE INDEX ones (origin 'c')
// to the catalog's indexes. Primary-key autoindexes are the primary key itself.
void read_indexes(sqlite3* db, const std::map<std::string, std::string>& index_sql, Table& table,
                  std::vector<Index>& indexes) {
  query(db, "PRAGMA index_list(" + quote_identifier(table.name) + ")", [&](const Row& row) {
    std::string name = row.text(1), origin = row.text(3);
    IndexColumns columns = index_columns(db, name);
    if (origin == "pk") return;
    if (origin == "u") {
      table.uniques.push_back(Key{name, true, columns.keys});
      return;
    }
    Index index{name, false, table.name, columns.keys, row.integer(2) == 1, "", ""};
    auto it = index_sql.find(name);
    if (it != index_sql.end()) {
      IndexDefinition def = parse_create_index(it->second);
      index.predicate = def.predicate;
      for (size_t i = 0; i < index.keys.size() && i < def.key_texts.size(); ++i)
        if (columns.is_expression[i]) index.keys[i] = def.key_texts[i];
    }
    indexes.push_back(std::move(index));
  });
}

std::string action(const std::string& text) { return upper(text); }

void read_foreign_keys(sqlite3* db, Table& table) {
  std::map<int64_t, ForeignKey> by_id;
  query(db, "PRAGMA foreign_key_list(" + quote_identifier(table.name) + ")", [&](const Row& row) {
    ForeignKey& fk = by_id[row.integer(0)];
    fk.generated_name = true;  // SQLite's PRAGMA does not report constraint names
    fk.ref_table = row.text(2);
    fk.columns.push_back(row.text(3));
    fk.ref_columns.push_back(row.text(4));  // "" when it references the parent's primary key
    fk.on_update = action(row.text(5));
    fk.on_delete = action(row.text(6));
  });
  for (auto& [id, fk] : by_id) table.foreign_keys.push_back(std::move(fk));
}

// An FK written as REFERENCES parent (no columns) points at the parent's primary key.
void resolve_implicit_references(Catalog& catalog) {
  for (Table& table : catalog.tables)
    for (ForeignKey& fk : table.foreign_keys) {
      bool implicit = std::all_of(fk.ref_columns.begin(), fk.ref_columns.end(),
                                  [](const std::string& c) { return c.empty(); });
      const Table* parent = catalog.find_table(fk.ref_table);
      if (implicit && parent && parent->primary_key) fk.ref_columns = parent->primary_key->columns;
    }
}

// A virtual table's module and its arguments ("USING fts5(body, tokenize = 'porter')"), which
// decide what it holds and how it answers and which no PRAGMA shows; nullopt for a plain table.
std::optional<std::string> virtual_table_module(const std::string& sql) {
  std::vector<sql::Token> tokens = sql::significant_tokens(sql, Dialect::sqlite);
  if (tokens.size() < 2 || !sql::is_word(tokens[1], "virtual")) return std::nullopt;
  for (const sql::Token& token : tokens)
    if (sql::is_word(token, "using")) return normalized(sql.substr(token.offset));
  return std::nullopt;
}

Table read_table(sqlite3* db, const SchemaObject& object,
                 const std::map<std::string, std::string>& index_sql, std::vector<Index>& indexes) {
  std::optional<std::string> module = virtual_table_module(object.sql);
  // The module's arguments are no column definitions: the PRAGMAs give the columns.
  TableDefinition def = module ? TableDefinition{} : parse_create_table(object.sql);
  Table table;
  table.name = object.name;
  table.options = module ? *module : def.options;
  read_columns(db, def, table);
  read_indexes(db, index_sql, table, indexes);
  read_foreign_keys(db, table);
  for (const CheckDefinition& check : def.checks)
    table.checks.push_back(Check{check.name, check.name.empty(), check.expression});
  return table;
}

// One read transaction around the snapshot's queries (a savepoint, so that it nests inside a
// caller's transaction): one consistent view, and the file's shared lock taken once instead of
// once per PRAGMA — the locking was a good part of a snapshot of a 50-table schema.
class ReadTransaction {
 public:
  explicit ReadTransaction(sqlite3* db) : db_(db) {
    sqlite3_exec(db_, "SAVEPOINT crucible_snapshot", nullptr, nullptr, nullptr);
  }
  ~ReadTransaction() {
    sqlite3_exec(db_, "ROLLBACK TO crucible_snapshot", nullptr, nullptr, nullptr);
    sqlite3_exec(db_, "RELEASE crucible_snapshot", nullptr, nullptr, nullptr);
  }
  ReadTransaction(const ReadTransaction&) = delete;
  ReadTransaction& operator=(const ReadTransaction&) = delete;

 private:
  sqlite3* db_;
};

}  // namespace

Catalog read_catalog(sqlite3* db) {
  ReadTransaction transaction(db);
  Catalog catalog;
  catalog.engine = "sqlite";
  std::vector<SchemaObject> objects = schema_objects(db);
  std::map<std::string, std::string> index_sql;
  for (const SchemaObject& o : objects)
    if (o.type == "index" && !o.sql.empty()) index_sql[o.name] = o.sql;
  for (const SchemaObject& o : objects) {
    if (o.type == "table")
      catalog.tables.push_back(read_table(db, o, index_sql, catalog.indexes));
    else if (o.type == "view")
      catalog.views.push_back(View{o.name, view_body(o.sql), false});
    else if (o.type == "trigger")
      catalog.triggers.push_back(Trigger{o.name, o.table, normalized(o.sql)});
  }
  catalog.canonicalize();
  resolve_implicit_references(catalog);
  return catalog;
}

}  // namespace crucible::sqlite
