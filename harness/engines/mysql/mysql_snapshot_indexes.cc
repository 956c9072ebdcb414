// Primary keys, unique constraints and the other indexes, all from information_schema.STATISTICS.
//
// On these servers a UNIQUE constraint is a unique index: `UNIQUE (a)` in CREATE TABLE,
// ADD CONSTRAINT u UNIQUE (a) and CREATE UNIQUE INDEX u ON t (a) are the same object, so all of
// them land in Table::uniques when every part is a whole column in ascending order. Unique
// indexes on prefixes, descending parts or expressions cannot be written as constraints and stay
// in Catalog::indexes with unique=true.
#include <algorithm>
#include <map>
#include <regex>

#include "harness/catalog/sql_normalize.h"
#include "harness/engines/mysql/mysql_snapshot_parts.h"
#include "harness/sql/lexer.h"

namespace crucible::mysql {
namespace {

enum Field { kTable, kIndex, kNonUnique, kSeq, kColumn, kSubPart, kCollation, kType, kExpression,
             kHidden };

struct IndexRows {
  std::string table;
  std::string name;
  bool unique = false;
  bool plain = true;   // every part is a whole column, ascending
  std::string type;    // BTREE, HASH, FULLTEXT, SPATIAL
  bool hidden = false;
  std::vector<std::pair<int64_t, std::string>> parts;  // (SEQ_IN_INDEX, key text)
  std::string first_column;  // the server names unnamed indexes after it
};

// "email", "name(10)", "created_at DESC", "(lower(email))" (MySQL 8 functional key part).
std::string key_part(const TextRow& row, bool& plain) {
  std::string part;
  if (row.is_null(kColumn)) {
    part = "(" + catalog::normalize_sql(row.text(kExpression), crucible::Dialect::mysql) + ")";
    plain = false;
  } else {
    part = row.text(kColumn);
  }
  if (!row.is_null(kSubPart)) {
    part += "(" + row.text(kSubPart) + ")";
    plain = false;
  }
  if (row.text(kCollation) == "D") {
    part += " DESC";
    plain = false;
  }
  return part;
}

// Rows in any order: parts are sorted by SEQ_IN_INDEX, and Catalog::canonicalize() orders the
// indexes and keys.
std::vector<IndexRows> group_by_index(Rows rows) {
  std::vector<IndexRows> indexes;
  std::map<std::pair<std::string, std::string>, size_t> position;
  for (const TextRow& row : rows) {
    auto key = std::make_pair(row.text(kTable), row.text(kIndex));
    auto [it, inserted] = position.emplace(key, indexes.size());
    if (inserted) {
      IndexRows index;
      index.table = key.first;
      index.name = key.second;
      index.unique = row.integer(kNonUnique) == 0;
      index.type = row.text(kType);
      index.hidden = row.flag(kHidden);
      indexes.push_back(std::move(index));
    }
    IndexRows& index = indexes[it->second];
    index.parts.emplace_back(row.integer(kSeq), key_part(row, index.plain));
    if (row.integer(kSeq) == 1) index.first_column = row.text(kColumn);
  }
  for (IndexRows& index : indexes) std::sort(index.parts.begin(), index.parts.end());
  return indexes;
}

std::vector<std::string> keys_of(const IndexRows& index) {
  std::vector<std::string> keys;
  for (const auto& [seq, text] : index.parts) keys.push_back(text);
  return keys;
}

// The server names an unnamed index after its first column ("email", then "email_2", ...) and
// the index it adds for a foreign key after the constraint: such names are compared by what
// they index.
bool has_generated_name(const IndexRows& index, const catalog::Table& table) {
  const std::string first = sql::ascii_lower(index.first_column);
  const std::string name = sql::ascii_lower(index.name);
  static const std::regex numbered("(.*)_[0-9]+");
  std::smatch match;
  if (!first.empty() && (name == first || (std::regex_match(name, match, numbered) &&
                                           match[1].str() == first)))
    return true;
  for (const catalog::ForeignKey& fk : table.foreign_keys)
    if (sql::ascii_lower(fk.name) == name) return true;
  return false;
}

bool is_unique_constraint(const IndexRows& index) {
  return index.unique && index.plain && index.type == "BTREE" && !index.hidden;
}

std::string method_of(const IndexRows& index, const ServerDialect& dialect) {
  std::string method = index.type == "BTREE" ? "" : index.type;
  if (index.hidden) method += (method.empty() ? "" : " ") + dialect.hidden_index_word;
  return method;
}

}  // namespace

void read_indexes(SnapshotReader& reader, catalog::Catalog& catalog) {
  for (const IndexRows& index :
       group_by_index(reader.rows(reader.dialect().statistics_query, "indexes"))) {
    catalog::Table* table = reader.table(index.table);
    if (!table) continue;
    if (index.name == "PRIMARY") {
      table->primary_key = catalog::Key{"PRIMARY", false, keys_of(index)};
    } else if (is_unique_constraint(index)) {
      table->uniques.push_back({index.name, has_generated_name(index, *table), keys_of(index)});
    } else {
      catalog::Index out;
      out.name = index.name;
      out.generated_name = has_generated_name(index, *table);
      out.table = index.table;
      out.keys = keys_of(index);
      out.unique = index.unique;
      out.method = method_of(index, reader.dialect());
      catalog.indexes.push_back(std::move(out));
    }
  }
}

}  // namespace crucible::mysql
