#include "harness/engines/mysql/mysql_snapshot.h"

#include <fmt/format.h>

#include "harness/catalog/sql_normalize.h"
#include "harness/engines/mysql/mysql_snapshot_parts.h"
#include "harness/sql/lexer.h"

namespace crucible::mysql {

namespace {

// The connector's rows as TextRows (moved, not copied).
class ConnectorRows final : public TextRows {
 public:
  explicit ConnectorRows(std::vector<Row> rows) : rows_(std::move(rows)) {}
  size_t size() const override { return rows_.size(); }
  size_t width() const override { return rows_.empty() ? 0 : rows_.front().values.size(); }
  std::string_view column_name(size_t) const override { return ""; }  // read by index
  bool is_null(size_t row, size_t column) const override { return rows_[row].is_null(column); }
  const char* text(size_t row, size_t column) const override {
    return rows_[row].text(column).c_str();
  }

 private:
  std::vector<Row> rows_;
};

}  // namespace

Rows ConnectorQueries::query(const std::string& sql, const std::string& purpose) {
  return Rows(std::make_shared<ConnectorRows>(connection_.query(sql, purpose)));
}

SnapshotReader::SnapshotReader(TextQueries& source, const ServerDialect& dialect,
                               std::string label, std::string schema)
    : source_(source),
      dialect_(dialect),
      label_(std::move(label)),
      schema_(std::move(schema)),
      schema_literal_(quote_literal(schema_)) {}

std::string SnapshotReader::sql(const std::string& sql_template) const {
  std::string sql = sql_template;
  for (size_t at = sql.find("{schema}"); at != std::string::npos; at = sql.find("{schema}", at)) {
    sql.replace(at, 8, schema_literal_);
    at += schema_literal_.size();
  }
  return sql;
}

Rows SnapshotReader::rows(const std::string& sql_template, std::string_view what) {
  return source_.query(sql(sql_template),
                       fmt::format("reading the {} of database {}", what, schema_));
}

void SnapshotReader::index_tables(catalog::Catalog& catalog) {
  tables_.clear();
  for (catalog::Table& table : catalog.tables) tables_[table.name] = &table;
}

catalog::Table* SnapshotReader::table(const std::string& name) {
  auto it = tables_.find(name);
  return it == tables_.end() ? nullptr : it->second;
}

std::string normalized_definition(std::string_view text, const std::string& schema) {
  const std::string quoted = quote_identifier(schema);
  std::vector<sql::Token> tokens = sql::tokenize(text, crucible::Dialect::mysql);
  std::string without_schema;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const sql::Token& token = tokens[i];
    bool names_schema = (token.kind == sql::TokenKind::quoted_id && token.text == quoted) ||
                        (token.kind == sql::TokenKind::word && token.text == schema);
    if (names_schema && i + 1 < tokens.size() && tokens[i + 1].text == ".") {
      ++i;  // drop "`schema`" and its "."
      continue;
    }
    without_schema += token.text;
  }
  return catalog::normalize_sql(without_schema, crucible::Dialect::mysql);
}

catalog::Catalog read_catalog(Connection& connection, const std::string& schema) {
  ConnectorQueries source(connection);
  return read_catalog(source, connection.dialect(), connection.label(), schema);
}

catalog::Catalog read_catalog(TextQueries& source, const ServerDialect& dialect,
                              const std::string& label, const std::string& schema) {
  SnapshotReader reader(source, dialect, label, schema);
  catalog::Catalog catalog;
  catalog.engine = dialect.engine;
  OtherRelations others;
  read_tables(reader, catalog, others);
  reader.index_tables(catalog);
  read_foreign_keys(reader, catalog);  // before indexes: an FK names the index it implies
  read_indexes(reader, catalog);
  read_checks(reader, catalog);
  if (others.has_views) read_views(reader, catalog);
  read_triggers(reader, catalog);
  read_routines(reader, catalog);
  if (dialect.has_sequences) read_sequences(reader, others.sequence_names, catalog);
  catalog.canonicalize();
  return catalog;
}

}  // namespace crucible::mysql
