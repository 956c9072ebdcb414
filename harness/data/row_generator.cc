#include "harness/data/row_generator.h"

#include <algorithm>
#include <functional>
#include <map>
#include <numeric>
#include <optional>
#include <random>
#include <regex>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "harness/catalog/catalog_json.h"
#include "harness/common/error.h"
#include "harness/common/text_regex.h"
#include "harness/data/check_domain.h"
#include "harness/data/column_type.h"
#include "harness/data/sql_names.h"
#include "harness/data/table_rows.h"
#include "harness/data/value_generator.h"

namespace crucible::data {
namespace {

using catalog::Catalog;
using catalog::Check;
using catalog::Column;
using catalog::Table;

constexpr int kAttemptsPerRow = 6;     // generated rows per wanted row, at most
constexpr int kParentSample = 1000;    // parent keys read for a foreign key, at most
constexpr int kHeldKeySample = 10000;  // keys read from a table that refused a batch, at most
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
  bool folded = false;  // text compared without case: a key on expressions (plan_keys)
  std::set<std::string> used;
};

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// CHECK expressions are text a migration wrote, of any length: their patterns go through
// text_regex (a 40 KB literal overflowed the stack with std::regex's backtracking).
bool mentions(const std::string& expression, const std::string& column) {
  std::regex word =
      text_regex("(^|[^a-z0-9_$])" + regex_escaped(lower(column)) + "($|[^a-z0-9_$])");
  return std::regex_search(lower(expression), word);
}

// 'new', 'it''s' in a CHECK expression: values the CHECK probably wants.
std::vector<std::string> string_literals(const std::string& expression) {
  static const std::regex literal = text_regex(R"('((?:[^']|'')*)')");
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
  // A whole number under bounds a CHECK sets (qty > 0, qty BETWEEN 1 AND 1000) is drawn inside
  // them, edges included, instead of mostly outside, where the engine refuses it and the table
  // ends up with fewer rows after more round trips. Other kinds keep their values: a decimal's
  // fractions and a text's edge strings are what a lossy reverse loses.
  if (type.kind == ValueKind::integer) {
    ColumnType narrowed = narrow_to_checks(type, column.name, table.checks, kind);
    if (narrowed.kind == ValueKind::integer) type = narrowed;
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
                     bool& has_null, bool folded = false) {
  std::string out;
  for (size_t slot : slots) {
    const SqlValue& v = row[slot];
    if (std::holds_alternative<std::nullptr_t>(v)) has_null = true;
    else if (auto* i = std::get_if<int64_t>(&v)) out += "i" + std::to_string(*i);
    else if (auto* d = std::get_if<double>(&v)) out += fmt::format("d{}", *d);
    else out += "s" + (folded ? lower(std::get<std::string>(v)) : std::get<std::string>(v));
    out += '\x1f';
  }
  return out;
}

// A parent's keys known without a query (the rows a batch is about to insert), or nullopt: ask
// the database.
using KnownKeys = std::function<std::optional<std::vector<std::vector<SqlValue>>>(
    const std::string& table, const std::vector<std::string>& columns)>;

std::string literal(const SqlValue& value) {
  if (std::holds_alternative<std::nullptr_t>(value)) return "NULL";
  std::string text;
  if (auto* i = std::get_if<int64_t>(&value)) text = std::to_string(*i);
  else if (auto* d = std::get_if<double>(&value)) text = fmt::format("{}", *d);
  else text = std::get<std::string>(value);
  std::string out = "E'";
  for (char c : text) {
    if (c == '\\' || c == '\'') out += c;
    out += c;
  }
  return out + "'";
}

class TableFiller {
 public:
  TableFiller(Database& db, EngineKind kind, const Catalog& catalog, const Table& table,
              uint64_t seed, const KnownKeys* known = nullptr)
      : db_(db), kind_(kind), catalog_(catalog), table_(table), known_(known),
        random_(stream_seed(seed)), values_(random_) {}

  // What fill() decides first, without inserting: true when the table takes the rows it took
  // last time, which `rows` then holds for the caller to insert; false when fill() must run.
  bool recalled(int rows_wanted, FillMemory& memory, std::vector<std::vector<SqlValue>>& rows) {
    if (!planned().empty()) return false;
    auto found = memory.accepted.find(signature(rows_wanted));
    if (found == memory.accepted.end() || found->second.empty() ||
        found->second.size() > batch_limit())
      return false;
    rows = found->second;
    return true;
  }

  // INSERT of `rows` with the values written out as literals, for a batch of statements (which
  // cannot carry parameters). PostgreSQL only: E'' strings mean the same whatever
  // standard_conforming_strings says; an untyped literal is what a text parameter is.
  std::string literal_insert_sql(const std::vector<std::vector<SqlValue>>& rows) const {
    return insert_sql(rows.size(), &rows);
  }

  // The written columns that hold `columns` when every one of them is an integer (read back as
  // it was written), else nullopt: only then can a child's parent keys come from memory.
  std::optional<std::vector<size_t>> integer_slots(const std::vector<std::string>& columns) {
    if (!planned().empty()) return std::nullopt;
    auto slots = slots_of(columns);
    if (!slots) return std::nullopt;
    for (size_t slot : *slots)
      if (columns_[slot].type.kind != ValueKind::integer) return std::nullopt;
    return slots;
  }

  TableFill fill(int rows, FillMemory* memory) {
    TableFill out;
    out.table = table_.name;
    out.not_generable = planned();
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
    if (table_transaction_) db_.begin();
    if (!insert(rows, out)) {
      if (table_transaction_) db_.rollback();
      out.rejected = 0;  // counted by the generation that follows
      out.first_rejection.clear();
      return false;
    }
    if (table_transaction_) db_.commit();
    took(rows, out);  // the first INSERT of this fill: nothing counted before
    return true;
  }

  size_t batch_limit() const {
    if (columns_.empty()) return 1;  // INSERT … DEFAULT VALUES: one row a statement
    return std::max<size_t>(1, kParametersPerBatch / columns_.size());
  }

  void generate_and_insert(int rows, TableFill& out) {
    // A savepoint per statement (inside the fill's or the table's transaction) so that a rejected one is
    // undone alone — PostgreSQL would otherwise abort the transaction. The rows go in batches,
    // one INSERT each; a batch the engine rejects is inserted again row by row, so that only the
    // rows it refuses are left out.
    if (table_transaction_) db_.begin();
    int attempts = rows * kAttemptsPerRow;
    while (attempts > 0 && out.inserted < rows) {
      std::vector<std::vector<SqlValue>> batch = candidates(rows - out.inserted, attempts);
      if (batch.empty()) continue;
      if (batch.size() > 1 && insert(batch, out)) {
        took(batch, out);
        continue;
      }
      if (batch.size() > 1 && learn_held_keys() && insert_without_held(batch, out)) continue;
      if (batch.size() > 1 && insert_passing_checks(batch, out)) continue;
      for (auto& row : batch) {
        // A self-reference may name a batch row the engine has now refused: choose again among
        // the rows really inserted.
        for (const ForeignKeyPlan& fk : foreign_keys_)
          if (fk.self) choose_parent(fk, row);
        if (collides(row)) continue;
        if (!insert({row}, out)) {
          learn_held_keys();
          continue;
        }
        remember(row);
        ++out.inserted;
      }
    }
    if (table_transaction_) db_.commit();
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

  // PostgreSQL, MariaDB, MySQL: a rejected batch of a table with CHECKs (and no self-reference,
  // whose rows would choose their parents again) asks the server which rows a CHECK refuses,
  // then inserts the others in one INSERT, instead of three round trips per row. The rows kept,
  // the count and the first message (read by inserting that row alone) are those of going row
  // by row; false, with nothing inserted, whenever that is not certain: the query failed (a
  // CHECK on a column left to the engine), the other rows were refused too (another reason),
  // or the row a CHECK was said to refuse went in.
  bool insert_passing_checks(const std::vector<std::vector<SqlValue>>& batch, TableFill& out) {
    if (dialect_of(kind_) == Dialect::sqlite || dialect_of(kind_) == Dialect::db2 ||
        table_.checks.empty())
      return false;
    if (self_referencing()) return false;
    // A query that fails would abort the transaction: it runs in the savepoint too.
    control("SAVEPOINT crucible_checked");
    auto undo = [&] {
      control("ROLLBACK TO SAVEPOINT crucible_checked");
      control("RELEASE SAVEPOINT crucible_checked");
      return false;
    };
    std::optional<std::vector<bool>> refused = refused_by_checks(batch);
    if (!refused || std::find(refused->begin(), refused->end(), true) == refused->end())
      return undo();
    std::vector<std::vector<SqlValue>> rest;
    const std::vector<SqlValue>* first_refused = nullptr;
    for (size_t r = 0; r < batch.size(); ++r) {
      if (!(*refused)[r]) rest.push_back(batch[r]);
      else if (!first_refused) first_refused = &batch[r];
    }
    TableFill probe;
    bool same = (rest.empty() || insert(rest, probe)) &&
                (out.rejected > 0 || (!insert({*first_refused}, probe) && probe.rejected == 1));
    if (!same) return undo();
    control("RELEASE SAVEPOINT crucible_checked");
    if (out.rejected == 0) out.first_rejection = probe.first_rejection;
    out.rejected += static_cast<int>(batch.size() - rest.size());
    took(rest, out);
    return true;
  }

  // For each row of `rows`, whether one of the table's CHECKs is false on it, or nullopt when
  // the server cannot say (a CHECK naming a column the rows do not write, say).
  std::optional<std::vector<bool>> refused_by_checks(const std::vector<std::vector<SqlValue>>& rows) {
    return kind_ == EngineKind::postgres ? refused_by_checks_cast(rows)
                                         : refused_by_checks_stored(rows);
  }

  // MariaDB, MySQL: the rows go into a temporary table of the written columns with their types
  // (CREATE … AS SELECT takes no CHECK), stored as the table would store them, where the CHECKs
  // are asked. Its parameters are bound as the INSERT's are.
  std::optional<std::vector<bool>> refused_by_checks_stored(
      const std::vector<std::vector<SqlValue>>& rows) {
    Dialect dialect = dialect_of(kind_);
    const char* probe = "crucible_check_probe";
    std::vector<std::string> names;
    for (const ColumnPlan& p : columns_) names.push_back(quote_identifier(p.column->name, dialect));
    std::vector<std::string> falses;
    for (const Check& check : table_.checks)
      falses.push_back(fmt::format("({}) IS FALSE", check.expression));
    std::vector<std::string> marks(columns_.size() + 1, "?");
    std::vector<std::string> values(rows.size(), fmt::format("({})", fmt::join(marks, ", ")));
    std::vector<SqlValue> params;
    for (size_t r = 0; r < rows.size(); ++r) {
      params.push_back(static_cast<int64_t>(r));
      params.insert(params.end(), rows[r].begin(), rows[r].end());
    }
    auto run = [&](const std::string& sql, const std::vector<SqlValue>& bound = {}) {
      return db_.query(Statement{sql, kWhere}, bound);
    };
    run(fmt::format("DROP TEMPORARY TABLE IF EXISTS {}", probe));
    QueryResult result;
    if (run(fmt::format("CREATE TEMPORARY TABLE {} AS SELECT 0 AS crucible_row_number, {} FROM {} "
                        "LIMIT 0", probe, fmt::join(names, ", "),
                        quote_name(table_.name, dialect))).ok() &&
        run(fmt::format("INSERT INTO {} (crucible_row_number, {}) VALUES {}", probe,
                        fmt::join(names, ", "), fmt::join(values, ", ")), params).ok())
      result = run(fmt::format("SELECT crucible_row_number FROM {} WHERE {}", probe,
                               fmt::join(falses, " OR ")));
    else
      result.error = StatementError{"the probe table refused the rows", "", kWhere, ""};
    run(fmt::format("DROP TEMPORARY TABLE IF EXISTS {}", probe));
    return refused_rows(result, rows.size());
  }

  static std::optional<std::vector<bool>> refused_rows(const QueryResult& result, size_t rows) {
    if (!result.ok()) return std::nullopt;
    std::vector<bool> refused(rows, false);
    for (const auto& row : result.rows) {
      std::optional<int64_t> r = row.empty() ? std::nullopt : integer_of(row[0]);
      if (!r || *r < 0 || static_cast<size_t>(*r) >= rows) return std::nullopt;
      refused[static_cast<size_t>(*r)] = true;
    }
    return refused;
  }

  // PostgreSQL: the values written as untyped literals cast to the column types, the input the
  // INSERT's untyped parameters get.
  std::optional<std::vector<bool>> refused_by_checks_cast(
      const std::vector<std::vector<SqlValue>>& rows) {
    Dialect dialect = dialect_of(kind_);
    std::vector<std::string> names = {"crucible_row_number"}, values, falses;
    for (const ColumnPlan& p : columns_) names.push_back(quote_identifier(p.column->name, dialect));
    for (size_t r = 0; r < rows.size(); ++r) {
      std::vector<std::string> written = {std::to_string(r)};
      for (size_t c = 0; c < columns_.size(); ++c)
        written.push_back(fmt::format("CAST({} AS {})", literal(rows[r][c]), columns_[c].column->type));
      values.push_back(fmt::format("({})", fmt::join(written, ", ")));
    }
    for (const Check& check : table_.checks) {
      std::string e = check.expression;
      if (!e.starts_with("CHECK ")) return std::nullopt;
      e = e.substr(6);
      for (const char* suffix : {" NOT VALID", " NO INHERIT"})
        if (e.ends_with(suffix)) e.resize(e.size() - std::string_view(suffix).size());
      falses.push_back(fmt::format("({}) IS FALSE", e));
    }
    QueryResult result = db_.query(Statement{
        fmt::format("SELECT crucible_row_number FROM (VALUES {}) AS v({}) WHERE {}",
                    fmt::join(values, ", "), fmt::join(names, ", "), fmt::join(falses, " OR ")),
        kWhere});
    return refused_rows(result, rows.size());
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

  // plan(), once.
  const std::string& planned() {
    if (!plan_) plan_ = plan();
    return *plan_;
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
    for (const auto& key : keys)
      if (auto slots = slots_of(key)) keys_.push_back(KeyPlan{*slots, false, {}});
    for (const auto& index : catalog_.indexes)
      if (index.table == table_.name && index.unique && index.predicate.empty()) {
        if (auto slots = slots_of(index.keys)) keys_.push_back(KeyPlan{*slots, false, {}});
        else if (auto named = slots_named_in(index.keys))
          keys_.push_back(KeyPlan{*named, true, {}});
      }
  }

  // A unique index on expressions (`lower(actor_id)`, or a column with DESC) as a key on the
  // written columns its entries name, text compared without case. Rows that differ there may
  // still collide (the server refuses one, as before); what it prevents is the generator's
  // repeated values — '', the longest string — making a batch collide for certain and go in
  // row by row: on LemmyNet/lemmy, `user_` and `community` are unique on lower(actor_id), and
  // triggers refresh materialized views on every insert, so each row alone cost ≈ 7 ms.
  // nullopt when an entry names no written column (one the engine fills: nothing to choose).
  std::optional<std::vector<size_t>> slots_named_in(const std::vector<std::string>& entries) const {
    std::set<size_t> slots;
    for (const std::string& entry : entries) {
      bool named = false;
      for (const Column& column : table_.columns)
        if (mentions(entry, column.name)) {
          auto slot = slot_of(column.name);
          if (!slot) return std::nullopt;
          slots.insert(*slot);
          named = true;
        }
      if (!named) return std::nullopt;
    }
    return std::vector<size_t>(slots.begin(), slots.end());
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
    if (known_)
      if (auto keys = (*known_)(parent, columns)) return std::move(*keys);
    QueryResult result = read_columns(parent, columns, kParentSample);
    if (!result.ok()) return {};
    return std::move(result.rows);
  }

  // Up to `limit` rows of `columns` of `table`, as the database holds them.
  QueryResult read_columns(const std::string& table, const std::vector<std::string>& columns,
                           int limit) {
    Dialect dialect = dialect_of(kind_);
    std::vector<std::string> quoted;
    for (const std::string& c : columns) quoted.push_back(quote_identifier(c, dialect));
    return db_.query(Statement{fmt::format("SELECT {} FROM {} LIMIT {}", fmt::join(quoted, ", "),
                                           quote_name(table, dialect), limit),
                               kWhere});
  }

  // With `literals`, the values written out (literal()); without, `?` for each.
  std::string insert_sql(size_t rows,
                         const std::vector<std::vector<SqlValue>>* literals = nullptr) const {
    Dialect dialect = dialect_of(kind_);
    std::string table = quote_name(table_.name, dialect);
    if (columns_.empty())
      return dialect == Dialect::mysql ? fmt::format("INSERT INTO {} () VALUES ()", table)
                                       : fmt::format("INSERT INTO {} DEFAULT VALUES", table);
    std::vector<std::string> names, marks(columns_.size(), "?");
    for (const ColumnPlan& p : columns_) names.push_back(quote_identifier(p.column->name, dialect));
    std::vector<std::string> values(rows, fmt::format("({})", fmt::join(marks, ", ")));
    if (literals)
      for (size_t r = 0; r < rows; ++r) {
        std::vector<std::string> written;
        for (const SqlValue& v : (*literals)[r]) written.push_back(literal(v));
        values[r] = fmt::format("({})", fmt::join(written, ", "));
      }
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

  // Once a table refuses rows, the keys it already holds are read, so that no candidate takes
  // one again. Rows the generator did not insert are the usual reason: a trigger on a parent
  // table adds one row per parent row (Lemmy's post_aggregates, one per post, unique on
  // post_id), and every candidate naming a parent took a round trip to be refused, tens of
  // thousands of them in a run. Values read back compare as the parents' keys do; one that
  // reads back in another form (a decimal, a date) is still refused by the server, as before.
  // True when it read them now (the first time).
  bool learn_held_keys() {
    if (std::exchange(held_keys_learnt_, true) || keys_.empty()) return false;
    control("SAVEPOINT crucible_keys");  // a failing query would abort the fill's transaction
    for (KeyPlan& key : keys_) {
      std::vector<std::string> names;
      for (size_t slot : key.slots) names.push_back(columns_[slot].column->name);
      QueryResult held = read_columns(table_.name, names, kHeldKeySample);
      if (!held.ok()) {
        control("ROLLBACK TO SAVEPOINT crucible_keys");
        return false;
      }
      std::vector<size_t> positions(key.slots.size());
      std::iota(positions.begin(), positions.end(), size_t{0});
      for (const std::vector<SqlValue>& row : held.rows) {
        bool has_null = false;
        std::string text = key_text(row, positions, has_null, key.folded);
        if (!has_null) key.used.insert(text);
      }
    }
    control("RELEASE SAVEPOINT crucible_keys");
    return true;
  }

  // After the held keys were learnt for a refused batch: the rows of it they do not refuse, in
  // one INSERT, instead of one each. False, with nothing inserted, when they refuse none (the
  // batch failed for another reason), leave fewer than two, or the engine refuses these too.
  // Not with a self-reference: a row may name one left out.
  bool insert_without_held(const std::vector<std::vector<SqlValue>>& batch, TableFill& out) {
    if (self_referencing()) return false;
    std::vector<std::vector<SqlValue>> rest;
    for (const auto& row : batch)
      if (!collides(row)) rest.push_back(row);
    if (rest.size() == batch.size() || rest.size() < 2 || !insert(rest, out)) return false;
    took(rest, out);
    return true;
  }

  // Rows the engine took in one INSERT: remembered, and counted in `out`.
  void took(const std::vector<std::vector<SqlValue>>& rows, TableFill& out) {
    for (const auto& row : rows) remember(row);
    out.inserted += static_cast<int>(rows.size());
  }

  // A batch with a self-reference may name one of its own rows: it is never cut down.
  bool self_referencing() const {
    return std::any_of(foreign_keys_.begin(), foreign_keys_.end(),
                       [](const ForeignKeyPlan& fk) { return fk.self; });
  }

  bool collides(const std::vector<SqlValue>& row) const {
    for (const KeyPlan& key : keys_) {
      bool has_null = false;
      std::string text = key_text(row, key.slots, has_null, key.folded);
      if (!has_null && key.used.count(text)) return true;
    }
    return false;
  }

  void remember(const std::vector<SqlValue>& row) {
    for (KeyPlan& key : keys_) {
      bool has_null = false;
      std::string text = key_text(row, key.slots, has_null, key.folded);
      if (!has_null) key.used.insert(text);
    }
    inserted_.push_back(row);
  }

  Database& db_;
  EngineKind kind_;
  const Catalog& catalog_;
  const Table& table_;
  const KnownKeys* known_;  // parent keys known without reading them (may be null)
  // SQLite: a transaction per table, as before, since fill_tables() opens none there (whole
  // runs measured 30 % slower with one around all tables; not understood yet).
  bool table_transaction_ = dialect_of(kind_) == Dialect::sqlite;
  std::optional<std::string> plan_;  // planned()
  bool held_keys_learnt_ = false;     // learn_held_keys()
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

namespace {

// The tables that take the rows they took last time, sent in one round trip instead of three
// per table (PostgreSQL: several statements in one query). A child's parent keys come from
// the rows about to be inserted when the database would return exactly those: the parent was
// empty, its key columns are integers, and no trigger can change or add rows. Any rejection
// undoes the batch, whose tables are then filled one by one as without it, in the same order:
// the same rows either way.
class RecallBatch {
 public:
  RecallBatch(Database& db, EngineKind kind, const Catalog& catalog, const FillOptions& options,
              FillMemory& memory, std::vector<TableFill>& fills)
      : db_(db), kind_(kind), catalog_(catalog), options_(options), memory_(memory),
        fills_(fills), known_([this](const std::string& table, const std::vector<std::string>& c) {
          return known_keys(table, c);
        }) {
    if (catalog.triggers.empty()) empty_ = empty_tables();
  }

  // True when `table` was added to the batch (its TableFill pushed, as a recall gives it).
  bool add(const Table& table) {
    for (const auto& fk : table.foreign_keys)
      if (fk.ref_table != table.name && pending_.count(fk.ref_table) &&
          !keys_from_memory(fk.ref_table, fk.ref_columns))
        return false;
    auto filler = std::make_unique<TableFiller>(db_, kind_, catalog_, table, options_.seed, &known_);
    std::vector<std::vector<SqlValue>> rows;
    if (!filler->recalled(options_.rows_per_table, memory_, rows)) return false;
    statements_.push_back(filler->literal_insert_sql(rows));
    TableFill fill;
    fill.table = table.name;
    fill.inserted = static_cast<int>(rows.size());
    order_.push_back({&table, fills_.size()});
    fills_.push_back(std::move(fill));
    pending_.emplace(table.name, Pending{std::move(filler), std::move(rows)});
    return true;
  }

  // Inserts the batch; when the engine rejects it, fills its tables one by one instead.
  void flush() {
    if (statements_.empty()) return;
    // The savepoint on its own: the server parses a whole query before running any of it, so
    // a statement it cannot parse would leave no savepoint to come back to.
    QueryResult saved = db_.query(Statement{"SAVEPOINT crucible_fill", kWhere});
    if (!saved.ok())
      throw Error(fmt::format("generating rows: SAVEPOINT failed: {}", saved.error->message));
    QueryResult r = db_.query(Statement{
        fmt::format("{}; RELEASE SAVEPOINT crucible_fill", fmt::join(statements_, "; ")), kWhere});
    if (!r.ok()) {
      QueryResult undone = db_.query(Statement{
          "ROLLBACK TO SAVEPOINT crucible_fill; RELEASE SAVEPOINT crucible_fill", kWhere});
      if (!undone.ok())
        throw Error(fmt::format("generating rows: undoing a batch failed: {}",
                                undone.error->message));
      for (auto [table, index] : order_)
        fills_[index] = TableFiller(db_, kind_, catalog_, *table, options_.seed)
                            .fill(options_.rows_per_table, &memory_);
    }
    statements_.clear();
    order_.clear();
    pending_.clear();
  }

 private:
  struct Pending {
    std::unique_ptr<TableFiller> filler;
    std::vector<std::vector<SqlValue>> rows;
  };

  std::optional<std::vector<size_t>> keys_from_memory(const std::string& parent,
                                                      const std::vector<std::string>& columns) {
    auto found = pending_.find(parent);
    if (found == pending_.end() || !empty_.count(parent)) return std::nullopt;
    return found->second.filler->integer_slots(columns);
  }

  // What `SELECT columns FROM parent LIMIT n` would return once the batch is in: the rows in
  // the order they are inserted (a fresh heap is read in that order).
  std::optional<std::vector<std::vector<SqlValue>>> known_keys(
      const std::string& parent, const std::vector<std::string>& columns) {
    auto slots = keys_from_memory(parent, columns);
    if (!slots) return std::nullopt;
    std::vector<std::vector<SqlValue>> keys;
    for (const auto& row : pending_.at(parent).rows) {
      if (keys.size() == static_cast<size_t>(kParentSample)) break;
      auto& key = keys.emplace_back();
      for (size_t slot : *slots) key.push_back(row[slot]);
    }
    return keys;
  }

  // The tables without a row, in one query.
  std::set<std::string> empty_tables() const {
    std::vector<bool> present = tables_with_rows(db_, dialect_of(kind_), catalog_);
    std::set<std::string> empty;
    for (size_t t = 0; t < catalog_.tables.size(); ++t)
      if (!present[t]) empty.insert(catalog_.tables[t].name);
    return empty;
  }

  Database& db_;
  EngineKind kind_;
  const Catalog& catalog_;
  const FillOptions& options_;
  FillMemory& memory_;
  std::vector<TableFill>& fills_;
  KnownKeys known_;
  std::set<std::string> empty_;                   // tables that had no row before the fill
  std::map<std::string, Pending> pending_;        // by table name
  std::vector<std::pair<const Table*, size_t>> order_;  // the batch's tables, their fills_ index
  std::vector<std::string> statements_;
};

}  // namespace

std::vector<TableFill> fill_tables(Database& db, EngineKind kind, const Catalog& catalog,
                                   const FillOptions& options, FillMemory* memory) {
  // One transaction for all tables (a commit per table costs a round trip, and a disk flush
  // where the caller has none open), except on SQLite; each INSERT has its own savepoint.
  std::vector<TableFill> fills;
  bool one_transaction = dialect_of(kind) != Dialect::sqlite;  // see table_transaction_
  if (one_transaction) db.begin();
  try {
    std::optional<RecallBatch> batch;
    if (memory && dialect_of(kind) == Dialect::postgres)
      batch.emplace(db, kind, catalog, options, *memory, fills);
    for (const Table* table : parents_first(catalog)) {
      if (batch && batch->add(*table)) continue;
      if (batch) batch->flush();
      fills.push_back(TableFiller(db, kind, catalog, *table, options.seed)
                          .fill(options.rows_per_table, memory));
    }
    if (batch) batch->flush();
  } catch (...) {
    if (one_transaction) try { db.rollback(); } catch (const Error&) {}  // the first error counts
    throw;
  }
  if (one_transaction) db.commit();
  return fills;
}

}  // namespace crucible::data
