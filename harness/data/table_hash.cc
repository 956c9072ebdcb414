#include "harness/data/table_hash.h"

#include <algorithm>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/data/sql_names.h"

namespace crucible::data {
namespace {

constexpr size_t kShownStringLength = 40;

// FNV-1a, 64-bit: stable across runs and platforms (std::hash is neither).
struct Fnv1a {
  uint64_t state = 14695981039346656037ull;
  void add(std::string_view bytes) {
    for (unsigned char c : bytes) state = (state ^ c) * 1099511628211ull;
  }
};

// A tag and a length before each value, so that ("ab", "c") and ("a", "bc") differ, and so do
// NULL, the string 'NULL', the integer 1 and the string '1'.
void add_value(Fnv1a& hash, const SqlValue& value) {
  char buffer[32];
  std::string_view text;
  char tag = 'n';
  if (auto* i = std::get_if<int64_t>(&value)) {
    tag = 'i';
    text = std::string_view(buffer, fmt::format_to(buffer, "{}", *i) - buffer);
  } else if (auto* d = std::get_if<double>(&value)) {
    tag = 'd';
    text = std::string_view(buffer, fmt::format_to(buffer, "{}", *d) - buffer);
  } else if (auto* s = std::get_if<std::string>(&value)) {
    tag = 's';
    text = *s;
  }
  char head[24];
  hash.add(std::string_view(head, fmt::format_to(head, "{}{}:", tag, text.size()) - head));
  hash.add(text);
}

std::string show_row(const std::vector<std::string>& columns, const std::vector<SqlValue>& row) {
  std::vector<std::string> pairs;
  for (size_t i = 0; i < row.size(); ++i)
    pairs.push_back(fmt::format("{}={}", columns[i], show_value(row[i])));
  return fmt::format("{}", fmt::join(pairs, ", "));
}

// The shown text of a row up to its first ", ": the first column's pair.
std::string first_pair(const std::string& shown) { return shown.substr(0, shown.find(", ")); }

// Hashes in `a` that `b` lacks, counting repeats (both sorted).
std::vector<uint64_t> missing_from(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  std::vector<uint64_t> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

// The rows of a content as text, by hash.
class ShownRows {
 public:
  explicit ShownRows(const TableContent& content) : content_(content) {
    for (size_t r = 0; r < content.read.size(); ++r) index_.emplace(content.read_hashes[r], r);
  }
  std::string operator()(uint64_t hash) const {
    auto found = index_.find(hash);
    return found == index_.end() ? "" : show_row(content_.columns, content_.read[found->second]);
  }

 private:
  const TableContent& content_;
  std::unordered_map<uint64_t, size_t> index_;
};

// The row of `hashes` whose shown text sorts first.
std::string first_shown(const std::vector<uint64_t>& hashes, const ShownRows& shown) {
  std::string first = shown(hashes.front());
  for (uint64_t h : hashes) first = std::min(first, shown(h));
  return first;
}

}  // namespace

std::string show_value(const SqlValue& value) {
  if (std::holds_alternative<std::nullptr_t>(value)) return "NULL";
  if (auto* i = std::get_if<int64_t>(&value)) return std::to_string(*i);
  if (auto* d = std::get_if<double>(&value)) return fmt::format("{}", *d);
  std::string s = std::get<std::string>(value);
  bool cut = s.size() > kShownStringLength;
  if (cut) {
    s.resize(kShownStringLength);
    while (!s.empty() && (s.back() & 0xC0) == 0x80) s.pop_back();  // never half a character
    if (!s.empty() && (s.back() & 0x80)) s.pop_back();
  }
  std::string quoted = "'";
  for (char c : s) {
    if (c == '\'') quoted += "''";
    else if (c == '\n') quoted += "\\n";
    else quoted += c;
  }
  return quoted + (cut ? "…'" : "'");
}

std::string TableContent::shown(uint64_t hash) const { return ShownRows(*this)(hash); }

uint64_t TableContent::digest() const {
  Fnv1a hash;
  for (uint64_t h : hashes) hash.add(std::string_view(reinterpret_cast<const char*>(&h), sizeof h));
  return hash.state;
}

namespace {

// MariaDB and MySQL let a temporary table hide the table of the same name, qualified or not, for
// the session that made it — the one the migrations run on: a reverse that loses rows and then
// puts a temporary copy of them in front would be read instead. When the tables are read on that
// session (Database::read_committed could not read them on a connection of its own), they go
// first, all in one statement (dropping a temporary table commits nothing and never touches the
// real one). The error message, or "".
std::string drop_temporary_twins(Database& db, Dialect dialect, const std::vector<TableColumns>& tables) {
  if (dialect != Dialect::mysql || tables.empty()) return "";
  std::vector<std::string> names;
  for (const TableColumns& t : tables) names.push_back(quote_name(t.table, dialect));
  QueryResult dropped = db.query(
      Statement{fmt::format("DROP TEMPORARY TABLE IF EXISTS {}", fmt::join(names, ", ")),
                SourceLocation{"<table content>", 0}});
  return dropped.ok() ? "" : dropped.error->message;
}

Statement select_of(Dialect dialect, const TableColumns& table) {
  std::vector<std::string> quoted;
  for (const std::string& c : table.columns) quoted.push_back(quote_identifier(c, dialect));
  return Statement{
      fmt::format("SELECT {} FROM {}", fmt::join(quoted, ", "), quote_name(table.table, dialect)),
      SourceLocation{"<table content>", 0}};
}

TableContent content_of(const TableColumns& table, QueryResult result) {
  TableContent content{table.table, table.columns, "", {}, {}, {}};
  if (!result.ok()) {
    content.error = result.error->message;
    return content;
  }
  for (const auto& row : result.rows) {
    Fnv1a hash;
    for (const SqlValue& value : row) add_value(hash, value);
    content.read_hashes.push_back(hash.state);
  }
  content.hashes = content.read_hashes;
  content.read = std::move(result.rows);
  std::sort(content.hashes.begin(), content.hashes.end());
  return content;
}

}  // namespace

TableContent read_table(Database& db, Dialect dialect, const std::string& table,
                        const std::vector<std::string>& columns) {
  return read_tables(db, dialect, {TableColumns{table, columns}}).front();
}

std::vector<TableContent> read_tables(Database& db, Dialect dialect,
                                      const std::vector<TableColumns>& tables) {
  std::vector<TableContent> out;
  std::vector<Statement> selects;
  for (const TableColumns& table : tables) selects.push_back(select_of(dialect, table));
  if (std::optional<std::vector<QueryResult>> read = db.read_committed(selects)) {
    for (size_t t = 0; t < tables.size(); ++t)
      out.push_back(content_of(tables[t], std::move((*read)[t])));
    return out;
  }
  std::string dropping = drop_temporary_twins(db, dialect, tables);
  for (size_t t = 0; t < tables.size(); ++t) {
    if (!dropping.empty())
      out.push_back(TableContent{tables[t].table, tables[t].columns, dropping, {}, {}, {}});
    else
      out.push_back(content_of(tables[t], db.query(selects[t])));
  }
  return out;
}

std::string describe_difference(const TableContent& before, const TableContent& after,
                                const std::string& before_label, const std::string& after_label) {
  if (!after.error.empty())
    return fmt::format("table {}: cannot be read {}: {}", before.table, after_label, after.error);
  if (before.hashes == after.hashes) return "";
  std::string counts = fmt::format("table {}: {} rows {}, {} {}", before.table, before.rows(),
                                   before_label, after.rows(), after_label);
  std::vector<uint64_t> gone = missing_from(before.hashes, after.hashes);
  std::vector<uint64_t> added = missing_from(after.hashes, before.hashes);
  counts += fmt::format(" ({} gone, {} new)", gone.size(), added.size());
  ShownRows shown_after(after);
  if (gone.empty())
    return fmt::format("{}; first row that appeared {}: {}", counts, after_label,
                       first_shown(added, shown_after));
  const std::string row = first_shown(gone, ShownRows(before));
  std::string message = fmt::format("{}; first row missing {}: {}", counts, after_label, row);
  for (uint64_t h : added) {
    const std::string candidate = shown_after(h);
    if (first_pair(candidate) == first_pair(row))
      return fmt::format("{} (now: {})", message, candidate);
  }
  return message;
}

}  // namespace crucible::data
