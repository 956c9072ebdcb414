#include "harness/data/row_generator.h"

#include <algorithm>
#include <map>
#include <random>
#include <regex>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/catalog/catalog_json.h"
#include "harness/common/error.h"
#include "harness/data/column_type.h"
#include "harness/data/sql_names.h"
#include "harness/data/value_generator.h"

namespace crucible::data {
namespace {

using catalog::Catalog;
using catalog::Column;
using catalog::Table;

constexpr int kAttemptsPerRow = 6;     // generated rows per wanted row, at most
constexpr int kParentSample = 1000;    // parent keys read for a foreign key, at most
constexpr int kNullOneIn = 8;          // a nullable column is NULL one time in eight
constexpr size_t kParametersPerBatch = 900;  // bound values per INSERT, at most (old SQLite: 999)

const SourceLocation kWhere{"<generated rows>", 0};

// A column the generator writes.
struct ColumnPlan {
  const Column* column;
  ColumnType type;
  std::vector<std::string> likely;  // string literals of the CHECKs that name the column
  bool nullable;  // and not in the primary key (SQLite lets INTEGER PRIMARY KEY take NULL)
};

struct ForeignKeyPlan {
  std::vector<size_t> slots;      // the FK's columns, as positions in the written columns
  std::vector<size_t> ref_slots;  // self-references: the referenced columns' positions
  bool self = false;
  bool nullable = false;          // every FK column is nullable: NULL is a legal choice
  std::vector<std::vector<SqlValue>> candidates;  // parent key tuples
};

struct KeyPlan {
  std::vector<size_t> slots;
  std::set<std::string> used;
};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool mentions(const std::string& expression, const std::string& column) {
  std::regex word("(^|[^a-z0-9_$])" + std::regex_replace(lower(column), std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
                  "($|[^a-z0-9_$])");
  return std::regex_search(lower(expression), word);
}

// 'new', 'it''s' in a CHECK expression: values the CHECK probably wants.
std::vector<std::string> string_literals(const std::string& expression) {
  static const std::regex literal(R"('((?:[^']|'')*)')");
  std::vector<std::string> out;
  for (std::sregex_iterator it(expression.begin(), expression.end(), literal), end; it != end; ++it)
    out.push_back(std::regex_replace((*it)[1].str(), std::regex("''"), "'"));
  return out;
}

bool left_to_engine(const Column& column) {
  return !column.identity.empty() || !column.generated.empty() ||
         (column.default_value && column.default_value->find("nextval(") != std::string::npos);
}

ColumnType column_type(const Column& column, const Table& table, const Catalog& catalog,
                       EngineKind kind) {
  ColumnType type = classify_type(column.type, kind);
  if (type.kind == ValueKind::unknown) {  // a PostgreSQL enum type
    for (const auto& user : catalog.types)
      if (user.name == column.type && user.kind == "enum") {
        type.kind = ValueKind::enumeration;
        type.enum_values = quoted_labels(user.definition);
      }
  }
  if (type.kind == ValueKind::text) {  // MariaDB's JSON: longtext CHECK (json_valid(`c`))
    for (const auto& check : table.checks)
      if (lower(check.expression).find("json_valid") != std::string::npos &&
          mentions(check.expression, column.name))
        type.kind = ValueKind::json;
  }
  return type;
}

std::string key_text(const std::vector<SqlValue>& row, const std::vector<size_t>& slots,
                     bool& has_null) {
  std::string out;
  for (size_t slot : slots) {
    const SqlValue& v = row[slot];
    if (std::holds_alternative<std::nullptr_t>(v)) has_null = true;
    else if (auto* i = std::get_if<int64_t>(&v)) out += "i" + std::to_string(*i);
    else if (auto* d = std::get_if<double>(&v)) out += fmt::format("d{}", *d);
    else out += "s" + std::get<std::string>(v);
    out += '\x1f';
  }
  return out;
}

class TableFiller {
 public:
  TableFiller(Database& db, EngineKind kind, const Catalog& catalog, const Table& table,
              uint64_t seed)
      : db_(db), kind_(kind), catalog_(catalog), table_(table), random_(stream_seed(seed)),
        values_(random_) {}

  TableFill fill(int rows, FillMemory* memory) {
    TableFill out;
    out.table = table_.name;
    out.not_generable = plan();
    if (!out.not_generable.empty()) return out;
    std::string signature = memory ? this->signature(rows) : "";
    if (memory && recall(memory->accepted[signature], out)) return out;
    generate_and_insert(rows, out);
    if (memory) memory->accepted[signature] = inserted_;
    return out;
  }

 private:
  uint64_t stream_seed(uint64_t seed) const {
    uint64_t h = 14695981039346656037ull ^ seed;
    for (unsigned char c : table_.name) h = (h ^ c) * 1099511628211ull;
    return h;
  }

  // Everything plan() decided from, and the number of rows wanted.
  std::string signature(int rows) const {
    nlohmann::json j = {{"table", table_}, {"rows", rows}, {"types", catalog_.types}};
    for (const auto& index : catalog_.indexes)
      if (index.table == table_.name) j["indexes"].push_back(index);
    std::string out = j.dump();
    for (const ForeignKeyPlan& fk : foreign_keys_)
      for (const auto& candidate : fk.candidates) {
        bool has_null = false;
        std::vector<size_t> all(candidate.size());
        for (size_t i = 0; i < all.size(); ++i) all[i] = i;
        out += key_text(candidate, all, has_null) + '\x1e';
      }
    return out;
  }

  // The rows this table took last time, in one INSERT; false (nothing inserted) when there are
  // none, too many for one statement, or the engine now rejects them.
  bool recall(const std::vector<std::vector<SqlValue>>& rows, TableFill& out) {
    if (rows.empty() || rows.size() > batch_limit()) return false;
    db_.begin();
    if (!insert(rows, out)) {
      db_.rollback();
      out.rejected = 0;  // counted by the generation that follows
      out.first_rejection.clear();
      return false;
    }
    db_.commit();
    for (const auto& row : rows) remember(row);
    out.inserted = static_cast<int>(rows.size());
    return true;
  }

  size_t batch_limit() const {
    if (columns_.empty()) return 1;  // INSERT … DEFAULT VALUES: one row a statement
    return std::max<size_t>(1, kParametersPerBatch / columns_.size());
  }

  void generate_and_insert(int rows, TableFill& out) {
    // One transaction per table (a commit per row costs a disk flush), a savepoint per statement
    // so that a rejected one is undone alone — PostgreSQL would otherwise abort the transaction.
    // The rows go in batches, one INSERT each; a batch the engine rejects is inserted again row
    // by row, so that only the rows it refuses are left out.
    db_.begin();
    int attempts = rows * kAttemptsPerRow;
    while (attempts > 0 && out.inserted < rows) {
      std::vector<std::vector<SqlValue>> batch = candidates(rows - out.inserted, attempts);
      if (batch.empty()) continue;
      if (batch.size() > 1 && insert(batch, out)) {
        for (const auto& row : batch) remember(row);
        out.inserted += static_cast<int>(batch.size());
        continue;
      }
      for (auto& row : batch) {
        // A self-reference may name a batch row the engine has now refused: choose again among
        // the rows really inserted.
        for (const ForeignKeyPlan& fk : foreign_keys_)
          if (fk.self) choose_parent(fk, row);
        if (collides(row) || !insert({row}, out)) continue;
        remember(row);
        ++out.inserted;
      }
    }
    db_.commit();
  }

  // Up to `wanted` rows (fewer when the columns make the statement long), none colliding on a
  // key with rows inserted before or with each other; each generated row costs one attempt.
  std::vector<std::vector<SqlValue>> candidates(int wanted, int& attempts) {
    size_t limit = batch_limit();
    std::vector<std::vector<SqlValue>> batch;
    size_t before = inserted_.size();
    std::vector<KeyPlan> keys = keys_;
    while (attempts > 0 && batch.size() < static_cast<size_t>(wanted) && batch.size() < limit) {
      --attempts;
      std::vector<SqlValue> row = generate();
      if (collides(row)) continue;
      remember(row);  // so that the next candidates neither collide with it nor miss it as parent
      batch.push_back(std::move(row));
    }
    keys_ = std::move(keys);  // remembered for real once inserted
    inserted_.resize(before);
    return batch;
  }

  // One INSERT of `rows` in a savepoint; false (rolled back, counted when one row) on rejection.
  bool insert(const std::vector<std::vector<SqlValue>>& rows, TableFill& out) {
    std::vector<SqlValue> params;
    for (const auto& row : rows) params.insert(params.end(), row.begin(), row.end());
    control("SAVEPOINT crucible_row");
    QueryResult result = db_.query(Statement{insert_sql(rows.size()), kWhere}, params);
    if (!result.ok()) {
      control("ROLLBACK TO SAVEPOINT crucible_row");
      if (rows.size() == 1 && out.rejected++ == 0) out.first_rejection = result.error->message;
      return false;
    }
    control("RELEASE SAVEPOINT crucible_row");
    return true;
  }

  void control(const char* sql) {
    QueryResult result = db_.query(Statement{sql, kWhere});
    if (!result.ok())
      throw Error(fmt::format("generating rows for {}: {} failed: {}", table_.name, sql,
                              result.error->message));
  }

  // Decides which columns are written and how; returns why no row can be written, or "".
  std::string plan() {
    for (const Column& column : table_.columns) {
      if (left_to_engine(column)) continue;
      ColumnType type = column_type(column, table_, catalog_, kind_);
      if (type.kind == ValueKind::unknown) {
        if (column.nullable || column.default_value) continue;  // the engine fills it
        return fmt::format("column {} has type {}, for which no value can be generated",
                           column.name, column.type);
      }
      ColumnPlan& p = columns_.emplace_back(ColumnPlan{&column, type, {}, nullable(column)});
      if (type.kind == ValueKind::text)
        for (const auto& check : table_.checks)
          if (mentions(check.expression, column.name))
            for (std::string& s : string_literals(check.expression)) p.likely.push_back(s);
    }
    plan_keys();
    return plan_foreign_keys();
  }

  bool nullable(const Column& column) const {
    if (!column.nullable) return false;
    if (!table_.primary_key) return true;
    const auto& key = table_.primary_key->columns;
    return std::find(key.begin(), key.end(), column.name) == key.end();
  }

  std::optional<size_t> slot_of(const std::string& name) const {
    for (size_t i = 0; i < columns_.size(); ++i)
      if (columns_[i].column->name == name) return i;
    return std::nullopt;
  }

  std::optional<std::vector<size_t>> slots_of(const std::vector<std::string>& names) const {
    std::vector<size_t> slots;
    for (const std::string& name : names) {
      auto slot = slot_of(name);
      if (!slot) return std::nullopt;
      slots.push_back(*slot);
    }
    return slots;
  }

  void plan_keys() {
    std::vector<std::vector<std::string>> keys;
    if (table_.primary_key) keys.push_back(table_.primary_key->columns);
    for (const auto& unique : table_.uniques) keys.push_back(unique.columns);
    for (const auto& index : catalog_.indexes)
      if (index.table == table_.name && index.unique && index.predicate.empty()) keys.push_back(index.keys);
    for (const auto& key : keys)
      if (auto slots = slots_of(key)) keys_.push_back(KeyPlan{*slots, {}});
  }

  std::string plan_foreign_keys() {
    for (const auto& fk : table_.foreign_keys) {
      auto slots = slots_of(fk.columns);
      if (!slots) continue;  // a key column the engine fills: nothing to choose
      ForeignKeyPlan p;
      p.slots = *slots;
      p.self = fk.ref_table == table_.name;
      p.nullable = std::all_of(p.slots.begin(), p.slots.end(),
                               [&](size_t s) { return columns_[s].nullable; });
      if (p.self) {
        if (auto refs = slots_of(fk.ref_columns)) p.ref_slots = *refs;
      } else {
        p.candidates = parent_keys(fk.ref_table, fk.ref_columns);
        if (p.candidates.empty() && !p.nullable)
          return fmt::format("its foreign key to {} needs parent rows, and {} has none",
                             fk.ref_table, fk.ref_table);
      }
      foreign_keys_.push_back(std::move(p));
    }
    return "";
  }

  std::vector<std::vector<SqlValue>> parent_keys(const std::string& parent,
                                                 const std::vector<std::string>& columns) {
    Dialect dialect = dialect_of(kind_);
    std::vector<std::string> quoted;
    for (const std::string& c : columns) quoted.push_back(quote_identifier(c, dialect));
    QueryResult result = db_.query(Statement{
        fmt::format("SELECT {} FROM {} LIMIT {}", fmt::join(quoted, ", "),
                    quote_name(parent, dialect), kParentSample), kWhere});
    if (!result.ok()) return {};
    return std::move(result.rows);
  }

  std::string insert_sql(size_t rows) const {
    Dialect dialect = dialect_of(kind_);
    std::string table = quote_name(table_.name, dialect);
    if (columns_.empty())
      return dialect == Dialect::mysql ? fmt::format("INSERT INTO {} () VALUES ()", table)
                                       : fmt::format("INSERT INTO {} DEFAULT VALUES", table);
    std::vector<std::string> names, marks(columns_.size(), "?");
    for (const ColumnPlan& p : columns_) names.push_back(quote_identifier(p.column->name, dialect));
    std::string row = fmt::format("({})", fmt::join(marks, ", "));
    std::vector<std::string> values(rows, row);
    return fmt::format("INSERT INTO {} ({}) VALUES {}", table, fmt::join(names, ", "),
                       fmt::join(values, ", "));
  }

  std::vector<SqlValue> generate() {
    std::vector<SqlValue> row;
    for (const ColumnPlan& p : columns_) {
      std::optional<SqlValue> v;
      if (!p.nullable || !values_.chance(kNullOneIn)) v = values_.value(p.type, p.likely);
      row.push_back(v ? std::move(*v) : SqlValue(nullptr));
    }
    for (const ForeignKeyPlan& fk : foreign_keys_) choose_parent(fk, row);
    return row;
  }

  void choose_parent(const ForeignKeyPlan& fk, std::vector<SqlValue>& row) {
    const auto& candidates = fk.self ? inserted_keys(fk) : fk.candidates;
    if (fk.nullable && (candidates.empty() || values_.chance(5))) {
      for (size_t slot : fk.slots) row[slot] = nullptr;
      return;
    }
    if (candidates.empty()) return;  // keep the generated values: the engine decides
    const auto& parent = candidates[values_.index(candidates.size())];
    for (size_t i = 0; i < fk.slots.size(); ++i) row[fk.slots[i]] = parent[i];
  }

  // Rows inserted so far, projected on a self-referencing key's referenced columns.
  std::vector<std::vector<SqlValue>> inserted_keys(const ForeignKeyPlan& fk) const {
    std::vector<std::vector<SqlValue>> out;
    if (fk.ref_slots.empty()) return out;
    for (const auto& row : inserted_) {
      auto& key = out.emplace_back();
      for (size_t slot : fk.ref_slots) key.push_back(row[slot]);
    }
    return out;
  }

  bool collides(const std::vector<SqlValue>& row) const {
    for (const KeyPlan& key : keys_) {
      bool has_null = false;
      std::string text = key_text(row, key.slots, has_null);
      if (!has_null && key.used.count(text)) return true;
    }
    return false;
  }

  void remember(const std::vector<SqlValue>& row) {
    for (KeyPlan& key : keys_) {
      bool has_null = false;
      std::string text = key_text(row, key.slots, has_null);
      if (!has_null) key.used.insert(text);
    }
    inserted_.push_back(row);
  }

  Database& db_;
  EngineKind kind_;
  const Catalog& catalog_;
  const Table& table_;
  std::mt19937_64 random_;  // this table's own stream (seed and table name)
  ValueGenerator values_;
  std::vector<ColumnPlan> columns_;
  std::vector<KeyPlan> keys_;
  std::vector<ForeignKeyPlan> foreign_keys_;
  std::vector<std::vector<SqlValue>> inserted_;
};

}  // namespace

std::vector<const Table*> parents_first(const Catalog& catalog) {
  std::vector<const Table*> order, pending;
  for (const Table& t : catalog.tables) pending.push_back(&t);
  std::set<std::string> placed;
  auto ready = [&](const Table* t) {
    return std::all_of(t->foreign_keys.begin(), t->foreign_keys.end(), [&](const auto& fk) {
      return fk.ref_table == t->name || placed.count(fk.ref_table) ||
             !catalog.find_table(fk.ref_table);
    });
  };
  while (!pending.empty()) {
    auto next = std::find_if(pending.begin(), pending.end(), ready);
    if (next == pending.end()) next = pending.begin();  // a cycle: break it anywhere
    placed.insert((*next)->name);
    order.push_back(*next);
    pending.erase(next);
  }
  return order;
}

std::vector<TableFill> fill_tables(Database& db, EngineKind kind, const Catalog& catalog,
                                   const FillOptions& options, FillMemory* memory) {
  std::vector<TableFill> fills;
  for (const Table* table : parents_first(catalog))
    fills.push_back(TableFiller(db, kind, catalog, *table, options.seed)
                        .fill(options.rows_per_table, memory));
  return fills;
}

}  // namespace crucible::data
