// The pieces of read_catalog(), one per kind of catalog object (internal to the engine).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "harness/catalog/catalog.h"
#include "harness/engines/mysql/mysql_connection.h"
#include "harness/engines/mysql/mysql_dialect.h"
#include "harness/engines/text_rows.h"

namespace crucible::mysql {

// A connection as the readers' transport.
class ConnectorQueries final : public TextQueries {
 public:
  explicit ConnectorQueries(Connection& connection) : connection_(connection) {}
  Rows query(const std::string& sql, const std::string& purpose) override;

 private:
  Connection& connection_;
};

class SnapshotReader {
 public:
  // `label` names the connection in errors ("mariadb (mariadb://crucible:***@…)").
  SnapshotReader(TextQueries& source, const ServerDialect& dialect, std::string label,
                 std::string schema);

  // `sql_template` with "{schema}" replaced by the quoted schema name.
  std::string sql(const std::string& sql_template) const;
  // Runs sql(sql_template); an error names `what` ("columns") and the schema.
  Rows rows(const std::string& sql_template, std::string_view what);
  // Runs `sql` as it is.
  Rows run(const std::string& sql, const std::string& purpose) {
    return source_.query(sql, purpose);
  }
  const ServerDialect& dialect() const { return dialect_; }
  const std::string& schema() const { return schema_; }
  const std::string& label() const { return label_; }

  // Remembers where each base table is, once read_tables() has filled them in.
  void index_tables(catalog::Catalog& catalog);
  // The base table named `name`, or nullptr (rows about sequences or views are skipped).
  catalog::Table* table(const std::string& name);

 private:
  TextQueries& source_;
  const ServerDialect& dialect_;
  std::string label_;
  std::string schema_;
  std::string schema_literal_;
  std::unordered_map<std::string, catalog::Table*> tables_;
};

// Text the server hands back as written (CHECK clauses, view bodies, trigger and routine
// bodies), normalised by tokens with the "`schema`." qualifiers removed, so that the same
// definition in two scratch databases compares equal.
std::string normalized_definition(std::string_view text, const std::string& schema);

// What information_schema.TABLES lists besides base tables. Each information_schema table
// opens every table of the schema, so kinds of object that are absent are not queried.
struct OtherRelations {
  std::vector<std::string> sequence_names;
  bool has_views = false;
};

// The queries of the read_* functions below ("{schema}" for the quoted schema name), also run
// ahead of them by SnapshotConnections (mysql_snapshot_connections.h). The dialect's
// statistics, checks and views queries complete the list.
extern const char* const kSchemaQuery;
extern const char* const kTablesQuery;
std::string columns_query();
extern const char* const kForeignKeyColumnsQuery;
extern const char* const kForeignKeyRulesQuery;  // only when there are foreign keys
extern const char* const kTriggersQuery;
extern const char* const kRoutinesQuery;
extern const char* const kParametersQuery;  // only when there are routines

// mysql_snapshot_tables.cc: base tables with their columns and options; the other relations.
void read_tables(SnapshotReader& reader, catalog::Catalog& catalog, OtherRelations& others);
// mysql_snapshot_indexes.cc: primary keys, unique constraints, other indexes.
void read_indexes(SnapshotReader& reader, catalog::Catalog& catalog);
// mysql_snapshot_constraints.cc: foreign keys and CHECK constraints.
void read_foreign_keys(SnapshotReader& reader, catalog::Catalog& catalog);
void read_checks(SnapshotReader& reader, catalog::Catalog& catalog);
// mysql_snapshot_code.cc: views, triggers, routines, sequences.
void read_views(SnapshotReader& reader, catalog::Catalog& catalog);
void read_triggers(SnapshotReader& reader, catalog::Catalog& catalog);
void read_routines(SnapshotReader& reader, catalog::Catalog& catalog);
void read_sequences(SnapshotReader& reader, const std::vector<std::string>& names,
                    catalog::Catalog& catalog);

}  // namespace crucible::mysql
